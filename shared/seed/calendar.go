package seed

import (
	"math/rand/v2"
	"sort"
	"time"
)

// hourWeight is the relative traffic of each local hour: peaks in office hours, some at night.
var hourWeight = [24]float64{
	0.15, 0.10, 0.07, 0.05, 0.05, 0.10, 0.25, 0.50, 0.90, 1.40, 1.60, 1.60,
	1.30, 1.40, 1.50, 1.50, 1.40, 1.20, 1.00, 0.90, 0.90, 0.80, 0.50, 0.30,
}

// dayWeight is the relative traffic of each weekday (time.Sunday = 0).
var dayWeight = [7]float64{0.50, 1.15, 1.10, 1.05, 1.00, 0.95, 0.60}

// slotSampler draws instants in [start, end) weighted by local hour and weekday.
type slotSampler struct {
	starts []time.Time
	ends   []time.Time
	cum    []float64
}

func newSlotSampler(start, end time.Time, loc *time.Location) *slotSampler {
	s := &slotSampler{}
	total := 0.0
	for t := start; t.Before(end); {
		next := t.Truncate(time.Hour).Add(time.Hour)
		if next.After(end) {
			next = end
		}
		l := t.In(loc)
		w := hourWeight[l.Hour()] * dayWeight[l.Weekday()] * next.Sub(t).Hours()
		total += w
		s.starts = append(s.starts, t)
		s.ends = append(s.ends, next)
		s.cum = append(s.cum, total)
		t = next
	}
	return s
}

// draw returns a weighted random instant, truncated to the second.
func (s *slotSampler) draw(r *rand.Rand) time.Time {
	x := r.Float64() * s.cum[len(s.cum)-1]
	i := sort.SearchFloat64s(s.cum, x)
	if i >= len(s.starts) {
		i = len(s.starts) - 1
	}
	span := s.ends[i].Sub(s.starts[i])
	return s.starts[i].Add(time.Duration(r.Int64N(int64(span)))).Truncate(time.Second)
}

// shift is one continuous logged-in stretch of an agent.
type shift struct {
	agent      int // index into agents
	login      time.Time
	logout     time.Time
	mobile     bool
	fromOffice bool
}

// localAt returns the instant of local wall-clock h:m on the local day of d, plus jitter seconds.
func localAt(d time.Time, loc *time.Location, h, m int, jitter time.Duration) time.Time {
	l := d.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), h, m, 0, 0, loc).Add(jitter).Truncate(time.Second)
}

func jit(r *rand.Rand, maxMinutes int) time.Duration {
	return time.Duration(r.IntN(2*maxMinutes*60+1)-maxMinutes*60) * time.Second
}

// makeShifts plans every agent's working stretches for each local day from start's day through end's day:
// weekdays 09:00–18:00 for everybody who handles tickets (a few days off, some lunch breaks), a small
// weekend rota 10:00–16:00, and an admin who drops in on most weekdays.
func makeShifts(r *rand.Rand, agents []agentInfo, start, end time.Time, loc *time.Location) []shift {
	var out []shift
	var handlers []int
	for i, a := range agents {
		if a.handles {
			handlers = append(handlers, i)
		}
	}
	ls := start.In(loc)
	day := time.Date(ls.Year(), ls.Month(), ls.Day(), 12, 0, 0, 0, loc)
	for n := 0; !day.After(end.Add(24 * time.Hour)); n++ {
		wd := day.Weekday()
		weekend := wd == time.Saturday || wd == time.Sunday
		add := func(i int, in, out2 time.Time) {
			out = append(out, shift{agent: i, login: in, logout: out2, mobile: r.IntN(100) < 15, fromOffice: !weekend && r.IntN(100) < 75})
		}
		work := func(i, h1, h2 int) {
			in := localAt(day, loc, h1, 0, jit(r, 20))
			outT := localAt(day, loc, h2, 0, jit(r, 25))
			if !weekend && r.IntN(100) < 15 { // lunch break
				l1 := localAt(day, loc, 12, 5, jit(r, 5))
				l2 := localAt(day, loc, 12, 55, jit(r, 10))
				add(i, in, l1)
				add(i, l2, outT)
				return
			}
			add(i, in, outT)
		}
		if weekend {
			for k := range 2 + r.IntN(2) {
				work(handlers[(n*3+k)%len(handlers)], 10, 16)
			}
		} else {
			for _, i := range handlers {
				if r.IntN(100) < 5 { // day off
					continue
				}
				work(i, 9, 18)
			}
			if r.IntN(100) < 60 {
				work(0, 10, 14)
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].login.Before(out[j].login) })
	return out
}
