package seed

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress reports requests done / total: a progress bar on a terminal, else a log line every 10%.
type progress struct {
	mu     sync.Mutex
	total  int
	done   int
	events int
	start  time.Time
	bar    *progressbar.ProgressBar
	log    *slog.Logger
	next   int // next percentage to log
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{total: total, start: time.Now(), next: 10}
	switch {
	case w == nil:
	case isTerminal(w):
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("seeding"),
			progressbar.OptionSetWidth(30),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("req"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
		)
	default:
		p.log = slog.New(slog.NewTextHandler(w, nil))
	}
	return p
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// add records one finished request carrying events events.
func (p *progress) add(events int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.events += events
	rate := float64(p.events) / max(time.Since(p.start).Seconds(), 1e-3)
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("seeding (%.0f events/s)", rate))
		_ = p.bar.Add(1)
		return
	}
	if p.log == nil || p.total == 0 {
		return
	}
	pct := p.done * 100 / p.total
	if pct < p.next {
		return
	}
	p.log.Info("seed progress", "percent", pct, "requests", p.done, "total", p.total, "events", p.events,
		"events_per_s", fmt.Sprintf("%.0f", rate))
	p.next = (pct/10 + 1) * 10
}
