package reports

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// allReports renders every summary-based report of sum as JSON.
func allReports(t *testing.T, sum *DaySummary) []byte {
	t.Helper()
	from, to := date("2025-03-10"), date("2025-03-12")
	var b bytes.Buffer
	b.Write(jsonOf(t, Agents(sum, demoAgents, AgentsParams{From: from, To: to})))
	b.Write(jsonOf(t, Agents(sum, demoAgents, AgentsParams{GroupBy: GroupByTeam, BusinessHours: true})))
	b.Write(jsonOf(t, Customers(sum, sum, nil)))
	b.Write(jsonOf(t, CSAT(sum, CSATParams{}, nil, "")))
	b.Write(jsonOf(t, Overview(sum, sum, nil, demoAgents, OverviewParams{})))
	return b.Bytes()
}

// randomFacts is a larger random workload over 20 days.
func randomFacts(seed uint64) Facts {
	r := rand.New(rand.NewPCG(seed, 1))
	start := at("2025-03-01T00:00:00Z")
	agents := []string{"ana", "bob", "cat", "sam", "dan"}
	var f Facts
	f.FirstInbound = map[uint32]time.Time{}
	for i := range 400 {
		no := uint32(r.IntN(120) + 1)
		open := start.Add(time.Duration(r.Int64N(int64(20 * 24 * time.Hour))))
		tk := domain.Ticket{ID: "t", OpenedAt: open, OpeningAgentID: agents[r.IntN(5)], AgentID: agents[r.IntN(5)]}
		cfm := open.Add(-time.Duration(r.Int64N(int64(time.Hour))))
		tk.CustomerFirstMessageAt = &cfm
		if r.IntN(10) < 8 {
			fr := open.Add(time.Duration(r.Int64N(int64(30 * time.Hour))))
			tk.FirstResponseAt, tk.FirstResponseAgentID = &fr, agents[r.IntN(5)]
			if r.IntN(2) == 0 {
				res := fr.Add(time.Duration(r.Int64N(int64(48 * time.Hour))))
				tk.ResolvedAt, tk.ResolvedBy = &res, agents[r.IntN(5)]
			}
		}
		var tkp *domain.Ticket
		if i%3 != 0 {
			tkp = &tk
			f.Tickets = append(f.Tickets, TicketFact{tk, no})
		}
		f.Sessions = append(f.Sessions, SessionFact{Session: domain.Session{OpenedAt: open, New: i%4 == 0, Labels: []string{"l" + string(rune('a'+r.IntN(12)))}, Ticket: tkp}, CustomerNo: no})
		f.Messages = append(f.Messages, inbound("m", no, []string{"DE", "ID", "", "BR"}[r.IntN(4)], []string{"whatsapp", "instagram"}[r.IntN(2)], cfm.Format(time.RFC3339)))
		f.Messages = append(f.Messages, outbound("o", no, []domain.Sender{"agent", "bot", "api"}[r.IntN(3)], agents[r.IntN(5)], open.Format(time.RFC3339)))
		if first, ok := f.FirstInbound[no]; !ok || cfm.Before(first) {
			f.FirstInbound[no] = cfm
		}
		if r.IntN(3) == 0 {
			req := open.Add(time.Hour)
			sv := survey("q", no, agents[r.IntN(5)], req.Format(time.RFC3339), req.Add(time.Duration(r.Int64N(int64(72*time.Hour)))).Format(time.RFC3339), r.IntN(5)+1)
			f.Surveys = append(f.Surveys, sv)
		}
		if r.IntN(5) == 0 {
			f.Calls = append(f.Calls, domain.Call{Status: []string{"answered", "missed"}[r.IntN(2)], At: open})
		}
	}
	return f
}

func TestMergeOrderIndependence(t *testing.T) {
	cal := berlin(t)
	days := SummarizeDays(cal, randomFacts(7))
	var list []*DaySummary
	for _, d := range slices.SortedFunc(mapsKeys(days), func(a, b calendar.Date) int { return a.Compare(b) }) {
		list = append(list, days[d])
	}
	want := allReports(t, MergeAll(list...))
	r := rand.New(rand.NewPCG(42, 42))
	groupings := []struct {
		name  string
		merge func([]*DaySummary) *DaySummary
	}{
		{"left fold", func(l []*DaySummary) *DaySummary { return MergeAll(l...) }},
		{"right fold", func(l []*DaySummary) *DaySummary {
			acc := &DaySummary{}
			for i := len(l) - 1; i >= 0; i-- {
				next := l[i].Clone()
				next.Merge(acc)
				acc = next
			}
			return acc
		}},
		{"pairwise tree", mergeTree},
		{"weeks then months", func(l []*DaySummary) *DaySummary {
			var chunks []*DaySummary
			for i := 0; i < len(l); i += 7 {
				chunks = append(chunks, MergeAll(l[i:min(i+7, len(l))]...))
			}
			return MergeAll(chunks...)
		}},
		{"via binary round trip", func(l []*DaySummary) *DaySummary {
			out := &DaySummary{}
			for _, s := range l {
				out.Merge(roundTrip(t, s))
			}
			return roundTrip(t, out)
		}},
	}
	for _, g := range groupings {
		for i := range 3 {
			shuffled := slices.Clone(list)
			r.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
			if got := allReports(t, g.merge(shuffled)); !bytes.Equal(got, want) {
				t.Errorf("%s, shuffle %d: reports differ", g.name, i)
			}
		}
	}
	// Merging never modifies its argument.
	again := allReports(t, MergeAll(list...))
	if !bytes.Equal(again, want) {
		t.Error("merging modified the day summaries")
	}
}

func mergeTree(l []*DaySummary) *DaySummary {
	if len(l) == 0 {
		return &DaySummary{}
	}
	if len(l) == 1 {
		return l[0].Clone()
	}
	a := mergeTree(l[:len(l)/2])
	a.Merge(mergeTree(l[len(l)/2:]))
	return a
}

func mapsKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestPercentilesAcrossDays: merged day summaries give the same stats as one
// summary of the union, and p50/p90 are within 1% of the exact nearest rank.
func TestPercentilesAcrossDays(t *testing.T) {
	cal := berlin(t)
	for _, seed := range []uint64{1, 2, 3} {
		f := randomFacts(seed)
		merged := MergeAll(slices.Collect(mapValues(SummarizeDays(cal, f)))...)
		// One "day" holding every fact.
		var all DayFacts
		for _, df := range SplitDays(cal, f) {
			all.FirstResponses = append(all.FirstResponses, df.FirstResponses...)
			all.Resolved = append(all.Resolved, df.Resolved...)
		}
		single := Summarize(all, cal)
		var frs, res []int64
		for _, tf := range f.Tickets {
			if tf.Ticket.FirstResponseAt != nil {
				frs = append(frs, tf.Ticket.FirstResponseAt.Sub(tf.Ticket.OpenedAt).Milliseconds())
			}
			if tf.Ticket.ResolvedAt != nil {
				res = append(res, tf.Ticket.ResolvedAt.Sub(tf.Ticket.OpenedAt).Milliseconds())
			}
		}
		got := Agents(merged, nil, AgentsParams{}).Summary
		one := Agents(single, nil, AgentsParams{}).Summary
		if string(jsonOf(t, got.FirstResponseSeconds)) != string(jsonOf(t, one.FirstResponseSeconds)) ||
			string(jsonOf(t, got.ResolveSeconds)) != string(jsonOf(t, one.ResolveSeconds)) {
			t.Errorf("seed %d: merged days %+v differ from single summary %+v", seed, got, one)
		}
		for _, c := range []struct {
			name string
			vals []int64
			avg  *float64
			p50  *float64
			p90  *float64
			n    int64
		}{
			{"first_response", frs, got.FirstResponseSeconds.Avg, got.FirstResponseSeconds.P50, got.FirstResponseSeconds.P90, got.FirstResponseSeconds.Count},
			{"resolve", res, got.ResolveSeconds.Avg, got.ResolveSeconds.P50, got.ResolveSeconds.P90, got.ResolveSeconds.Count},
		} {
			if c.n != int64(len(c.vals)) || c.n < 50 {
				t.Fatalf("%s: count %d, want %d (>= 50)", c.name, c.n, len(c.vals))
			}
			var sum int64
			for _, v := range c.vals {
				sum += v
			}
			floatIs(t, c.name+".avg", c.avg, float64(sum)/float64(len(c.vals))/1000, 1e-12)
			floatIs(t, c.name+".p50", c.p50, nearestRankSeconds(c.vals, 0.5), 0.01)
			floatIs(t, c.name+".p90", c.p90, nearestRankSeconds(c.vals, 0.9), 0.01)
		}
	}
}

func nearestRankSeconds(ms []int64, q float64) float64 {
	s := slices.Clone(ms)
	slices.Sort(s)
	rank := int(math.Ceil(q * float64(len(s))))
	return float64(s[max(rank, 1)-1]) / 1000
}

func mapValues[K comparable, V any](m map[K]V) func(func(V) bool) {
	return func(yield func(V) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}
