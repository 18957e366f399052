package exports

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// messageGen makes a deterministic stream of realistic message rows: 20,000
// customers, 25 agents, WhatsApp-shaped ids, short chat texts in two
// languages, delivery statuses on outbound messages.
type messageGen struct {
	rng     *rand.Rand
	at      time.Time
	seq     int
	names   []string
	phrases []string
}

func newMessageGen() *messageGen {
	first := []string{"Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Ayu", "Joko", "Rina", "José", "María", "Ahmad", "Nur", "Eko", "Wati", "Fajar", "Indah", "Hendra", "Lestari"}
	last := []string{"Santoso", "Wijaya", "Pratama", "Lestari", "Saputra", "Hidayat", "Nugroho", "Kusuma", "Ñúñez", "García", "Siregar", "Harahap", "Setiawan", "Rahman", "Gunawan"}
	var names []string
	for _, f := range first {
		for _, l := range last {
			names = append(names, f+" "+l)
		}
	}
	phrases := []string{
		"Hi, where is my order #%d? It was supposed to arrive yesterday.",
		"Halo kak, paket saya #%d belum sampai, bisa dicek?",
		"I was charged twice for order #%d",
		"Kak, saya kena tagihan dua kali untuk order #%d",
		"Can you check the status of order #%d?",
		"Order #%d sudah dikirim belum ya?",
		"Thanks for waiting! Your order #%d is on its way 🚚",
		"Terima kasih sudah menunggu, pesanan #%d sedang dikirim",
		"Sorry for the trouble, I have refunded order #%d.",
		"Mohon maaf kak, dana untuk order #%d sudah kami kembalikan",
		"ok", "oke kak makasih 🙏", "Thank you!", "halo", "Is anyone there?", "👍",
		"Could you send me the invoice, please?", "Baik kak, ditunggu ya",
	}
	return &messageGen{
		rng: rand.New(rand.NewPCG(1, 2)), at: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		names: names, phrases: phrases,
	}
}

func (g *messageGen) next() MessageRow {
	r := g.rng
	g.seq++
	g.at = g.at.Add(time.Duration(r.IntN(4000)) * time.Millisecond)
	cust := 62812000000 + r.IntN(20000)
	custID := fmt.Sprint(cust)
	m := MessageRow{
		At: g.at, CustomerID: custID, CustomerName: g.names[cust%len(g.names)],
		Channel: "whatsapp", Type: "text",
		TicketID: base64.RawURLEncoding.EncodeToString([]byte(custID)) + fmt.Sprintf(".%012x", uint64(cust)*2654435761%(1<<48)+uint64(g.seq/5000)),
	}
	if r.IntN(10) == 0 {
		m.Channel = "instagram"
	}
	if k := r.IntN(100); k < 7 {
		m.Type = "image"
	} else if k < 10 {
		m.Type = "audio"
	}
	p := g.phrases[r.IntN(len(g.phrases))]
	if strings.Contains(p, "%d") {
		p = fmt.Sprintf(p, 100000+r.IntN(900000))
	}
	m.Text = p
	if r.IntN(100) < 55 {
		m.Direction, m.Sender = "inbound", "customer"
		m.MessageID = fmt.Sprintf("wamid.HBgN%sFQIAEhgU%020X", base64.StdEncoding.EncodeToString([]byte(custID)), r.Uint64())
		return m
	}
	m.Direction, m.Sender = "outbound", "agent"
	m.AgentID = fmt.Sprintf("ag-%d", 1+r.IntN(25))
	if k := r.IntN(100); k < 15 {
		m.Sender, m.AgentID = "bot", ""
	} else if k < 20 {
		m.Sender, m.AgentID = "broadcast", ""
	}
	m.MessageID = fmt.Sprintf("msg-%d", 5000000+g.seq)
	switch k := r.IntN(100); {
	case k < 60:
		m.Status = "read"
	case k < 85:
		m.Status = "delivered"
	case k < 95:
		m.Status = "sent"
	default:
		m.Status = "failed"
	}
	return m
}

// countingDiscard counts and drops what is written.
type countingDiscard struct{ n int64 }

func (c *countingDiscard) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// heapPeak samples HeapInuse and the live heap (as of the last GC) every few
// milliseconds until stopped, and keeps the peaks.
type heapPeak struct {
	peak, live atomic.Uint64
	stop       chan struct{}
	wg         sync.WaitGroup
}

func startHeapPeak() *heapPeak {
	h := &heapPeak{stop: make(chan struct{})}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		var ms runtime.MemStats
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > h.peak.Load() {
				h.peak.Store(ms.HeapInuse)
			}
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > h.live.Load() {
				h.live.Store(v)
			}
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

// Stop ends the sampling and returns the peak HeapInuse and live heap.
func (h *heapPeak) Stop() (inuse, live uint64) {
	close(h.stop)
	h.wg.Wait()
	return h.peak.Load(), h.live.Load()
}

// passResult is what one encoding pass measured.
type passResult struct {
	bytes, alloc, peak, live uint64
	elapsed                  time.Duration
}

// encodePass encodes n generated rows in format ("" = generate only).
func encodePass(b *testing.B, n int, format string) passResult {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	peak := startHeapPeak()
	out := &countingDiscard{}
	start := time.Now()
	g := newMessageGen()
	var enc *Encoder[MessageRow]
	if format != "" {
		var err error
		if enc, err = NewEncoder[MessageRow](out, format, Columns(tables.DatasetMessages)); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		r := g.next()
		if enc != nil {
			if err := enc.Write(r); err != nil {
				b.Fatal(err)
			}
		}
	}
	if enc != nil {
		if err := enc.Close(); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	inuse, live := peak.Stop()
	runtime.ReadMemStats(&after)
	return passResult{bytes: uint64(out.n), alloc: after.TotalAlloc - before.TotalAlloc, peak: inuse, live: live, elapsed: elapsed}
}

// benchRows are the sizes BenchmarkExportMessages measures.
var benchRows = []int{100_000, 1_000_000}

// BenchmarkExportMessages encodes the same synthetic message rows as Parquet
// and as CSV, to a counting writer (no S3), and reports bytes per row, rows per
// second (row generation subtracted; one core), peak HeapInuse and bytes
// allocated per row. Run: go test -run '^$' -bench ExportMessages -benchtime 1x ./shared/exports/
func BenchmarkExportMessages(b *testing.B) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	for _, n := range benchRows {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				gen := encodePass(b, n, "")
				cv := encodePass(b, n, FormatCSV)
				pq := encodePass(b, n, FormatParquet)
				rate := func(p passResult) float64 {
					return float64(n) / (p.elapsed - gen.elapsed).Seconds()
				}
				b.ReportMetric(float64(pq.bytes)/float64(n), "parquet-B/row")
				b.ReportMetric(float64(cv.bytes)/float64(n), "csv-B/row")
				b.ReportMetric(float64(pq.bytes)/float64(cv.bytes), "parquet/csv")
				b.ReportMetric(rate(pq), "parquet-rows/s")
				b.ReportMetric(rate(cv), "csv-rows/s")
				b.ReportMetric(float64(pq.peak)/(1<<20), "parquet-peak-MiB")
				b.ReportMetric(float64(cv.peak)/(1<<20), "csv-peak-MiB")
				b.ReportMetric(float64(pq.live)/(1<<20), "parquet-live-MiB")
				b.ReportMetric(float64(cv.live)/(1<<20), "csv-live-MiB")
				b.ReportMetric(float64(pq.alloc-gen.alloc)/float64(n), "parquet-alloc-B/row")
				b.ReportMetric(float64(cv.alloc-gen.alloc)/float64(n), "csv-alloc-B/row")
			}
		})
	}
}
