package reports

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

func demoOverview(t *testing.T, from, to string, g calendar.Granularity, agents []string) OverviewReport {
	t.Helper()
	days := demoDays(t)
	f, l := date(from), date(to)
	pf, pl := PreviousRange(f, l)
	return Overview(MergeRange(days, f, l), MergeRange(days, pf, pl), Series(days, f, l, g), demoAgents, OverviewParams{Agents: agents})
}

func TestOverviewCards(t *testing.T) {
	tests := []struct {
		name      string
		agents    []string
		cur, prev Cards
		byAgent   []AgentMessages
	}{
		{
			name: "whole workspace",
			cur: Cards{Conversations: 5, Tickets: 3, MessagesIn: 6, MessagesOut: 7, UniqueCustomers: 4,
				LabeledConversations: 3, AvgRating: fp(3.5), RatingCount: 4, Calls: 2, MissedCalls: 1},
			prev:    Cards{Conversations: 1, MessagesIn: 1, UniqueCustomers: 1},
			byAgent: []AgentMessages{{"ana", "Ana", 2}, {"bob", "Bob", 1}, {"sam", "Sam", 1}},
		},
		{
			name:   "agent filter narrows tickets, ratings and outgoing_by_agent",
			agents: []string{"ana"},
			cur: Cards{Conversations: 5, Tickets: 2, MessagesIn: 6, MessagesOut: 7, UniqueCustomers: 4,
				LabeledConversations: 3, AvgRating: fp(5), RatingCount: 1, Calls: 2, MissedCalls: 1},
			prev:    Cards{Conversations: 1, MessagesIn: 1, UniqueCustomers: 1},
			byAgent: []AgentMessages{{"ana", "Ana", 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := demoOverview(t, "2025-03-10", "2025-03-12", calendar.Day, tt.agents)
			checkCards(t, "cards", rep.Cards, tt.cur)
			checkCards(t, "previous", rep.Previous, tt.prev)
			if !slices.Equal(rep.OutgoingByAgent, tt.byAgent) {
				t.Errorf("outgoing_by_agent = %+v, want %+v", rep.OutgoingByAgent, tt.byAgent)
			}
		})
	}
}

func checkCards(t *testing.T, what string, got, want Cards) {
	t.Helper()
	floatIs(t, what+".avg_rating", got.AvgRating, nullable(want.AvgRating), 1e-12)
	got.AvgRating, want.AvgRating = nil, nil
	if got != want {
		t.Errorf("%s = %+v, want %+v", what, got, want)
	}
}

func nullable(p *float64) float64 {
	if p == nil {
		return null
	}
	return *p
}

func TestOverviewBreakdowns(t *testing.T) {
	rep := demoOverview(t, "2025-03-10", "2025-03-12", calendar.Day, nil)
	wantSeries := []OverviewPoint{
		{Period: "2025-03-10", Conversations: 3, Tickets: 3, MessagesIn: 3, MessagesOut: 3, UniqueCustomers: 3, AvgRating: fp(4)},
		{Period: "2025-03-11", Conversations: 1, MessagesIn: 2, MessagesOut: 2, UniqueCustomers: 2},
		{Period: "2025-03-12", Conversations: 1, MessagesIn: 1, MessagesOut: 2, UniqueCustomers: 1, AvgRating: fp(10.0 / 3)},
	}
	if len(rep.Series) != len(wantSeries) {
		t.Fatalf("series has %d points, want %d", len(rep.Series), len(wantSeries))
	}
	for i, w := range wantSeries {
		g := rep.Series[i]
		floatIs(t, w.Period+".avg_rating", g.AvgRating, nullable(w.AvgRating), 1e-12)
		g.AvgRating, w.AvgRating = nil, nil
		if g != w {
			t.Errorf("series[%d] = %+v, want %+v", i, g, w)
		}
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"top_labels", rep.TopLabels, []LabelCount{{"billing", 2}, {"shipping", 1}, {"vip", 1}}},
		{"channels", rep.Channels, []ChannelActivity{{"whatsapp", 4, 3}, {"instagram", 2, 1}}},
		{"contact_types", rep.ContactTypes, ContactTypes{New: 2, Returning: 3}},
		{"outgoing_by_source", rep.OutgoingBySource, []SourceCount{{"agent", 4}, {"bot", 2}, {"broadcast", 1}, {"workflow", 0}, {"api", 0}}},
		{"bot", rep.Bot, BotFigures{Sessions: 5, BotOnly: 2, Handoffs: 3}},
		{"heatmap cells", heatCells(rep.Heatmap), []string{"0/9=1", "0/11=1", "0/23=1", "1/13=1", "2/8=1"}},
	}
	for _, c := range checks {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func heatCells(h [7][24]int64) []string {
	var out []string
	for d := range h {
		for hr, n := range h[d] {
			if n != 0 {
				out = append(out, fmt.Sprintf("%d/%d=%d", d, hr, n))
			}
		}
	}
	return out
}

func TestOverviewTopLabelsLimit(t *testing.T) {
	var sessions []SessionFact
	for i := range 12 {
		for range i + 1 {
			sessions = append(sessions, session("s", 1, "2025-03-10T10:00:00Z", false, nil, fmt.Sprintf("l%02d", i)))
		}
	}
	sum := MergeAll(Summarize(DayFacts{SessionsOpened: sessions}, berlin(t)))
	rep := Overview(sum, nil, nil, nil, OverviewParams{})
	if len(rep.TopLabels) != 10 || rep.TopLabels[0] != (LabelCount{"l11", 12}) || rep.TopLabels[9] != (LabelCount{"l02", 3}) {
		t.Errorf("top_labels = %v", rep.TopLabels)
	}
}

func TestOverviewEmpty(t *testing.T) {
	rep := demoOverview(t, "2025-04-01", "2025-04-03", calendar.Day, nil)
	if rep.Cards != (Cards{}) || rep.Previous != (Cards{}) {
		t.Errorf("cards = %+v previous = %+v, want zeros", rep.Cards, rep.Previous)
	}
	want := []OverviewPoint{{Period: "2025-04-01"}, {Period: "2025-04-02"}, {Period: "2025-04-03"}}
	if !slices.Equal(rep.Series, want) {
		t.Errorf("series = %+v, want zeros", rep.Series)
	}
	golden(t, "overview_empty.golden.json", rep)
}

// TestHeatmapAndSeriesAcrossDST puts one session at every UTC hour of the
// local days 2025-03-30 (23 h, spring forward) and 2025-10-26 (25 h, fall back).
func TestHeatmapAndSeriesAcrossDST(t *testing.T) {
	cal := berlin(t)
	tests := []struct {
		name       string
		day        string
		hours      int
		from, to   string
		wantSeries []int64
		hourCounts map[int]int64 // local hour → sessions on that Sunday; other hours 1
	}{
		{"spring forward: 23 hours, no 02:00", "2025-03-30", 23, "2025-03-29", "2025-03-31", []int64{0, 23, 0}, map[int]int64{2: 0}},
		{"fall back: 25 hours, 02:00 twice", "2025-10-26", 25, "2025-10-25", "2025-10-27", []int64{0, 25, 0}, map[int]int64{2: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end := cal.Bounds(date(tt.day), date(tt.day))
			if got := int(end.Sub(start) / time.Hour); got != tt.hours {
				t.Fatalf("day has %d hours, want %d", got, tt.hours)
			}
			var f Facts
			for ts := start; ts.Before(end); ts = ts.Add(time.Hour) {
				f.Sessions = append(f.Sessions, SessionFact{Session: domain.Session{ID: ts.String(), OpenedAt: ts.Add(30 * time.Minute), New: true}, CustomerNo: 1})
			}
			days := SummarizeDays(cal, f)
			rep := Overview(MergeRange(days, date(tt.from), date(tt.to)), nil, Series(days, date(tt.from), date(tt.to), calendar.Day), nil, OverviewParams{})
			var series []int64
			for _, p := range rep.Series {
				series = append(series, p.Conversations)
			}
			if !slices.Equal(series, tt.wantSeries) {
				t.Errorf("series conversations = %v, want %v", series, tt.wantSeries)
			}
			for d := range 7 {
				for h := range 24 {
					want := int64(0)
					if d == 6 { // Sunday
						want = 1
						if n, ok := tt.hourCounts[h]; ok {
							want = n
						}
					}
					if got := rep.Heatmap[d][h]; got != want {
						t.Errorf("heatmap[%d][%d] = %d, want %d", d, h, got, want)
					}
				}
			}
		})
	}
}
