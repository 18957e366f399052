package reports

import (
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
)

func demoDays(t *testing.T) map[calendar.Date]*DaySummary {
	t.Helper()
	return SummarizeDays(berlin(t), demoFacts())
}

func demoRange(t *testing.T, from, to string) *DaySummary {
	t.Helper()
	return MergeRange(demoDays(t), date(from), date(to))
}

// rowWant is a hand-computed agents row; NaN = null.
type rowWant struct {
	key                         string // agent id, or team
	tickets, answered, resolved int64
	frN                         int64
	frAvg, frP50, frP90         float64
	resN                        int64
	resAvg                      float64
	waitN                       int64
	waitAvg                     float64
	csatN                       int64
	csatAvg                     float64
	out                         int64
}

func checkRow(t *testing.T, got Row, w rowWant) {
	t.Helper()
	key := got.AgentID
	if got.Team != nil {
		key = *got.Team
	}
	if key != w.key {
		t.Errorf("row key = %q, want %q", key, w.key)
		return
	}
	if got.Tickets != w.tickets || got.Answered != w.answered || got.Resolved != w.resolved || got.MessagesOut != w.out {
		t.Errorf("%s: tickets/answered/resolved/out = %d/%d/%d/%d, want %d/%d/%d/%d", w.key,
			got.Tickets, got.Answered, got.Resolved, got.MessagesOut, w.tickets, w.answered, w.resolved, w.out)
	}
	statsIs(t, w.key+".first_response", got.FirstResponseSeconds, w.frN, w.frAvg, w.frP50, w.frP90)
	if got.ResolveSeconds.Count != w.resN {
		t.Errorf("%s: resolve count = %d, want %d", w.key, got.ResolveSeconds.Count, w.resN)
	}
	floatIs(t, w.key+".resolve.avg", got.ResolveSeconds.Avg, w.resAvg, 0)
	if got.CustomerWaitSeconds.Count != w.waitN {
		t.Errorf("%s: wait count = %d, want %d", w.key, got.CustomerWaitSeconds.Count, w.waitN)
	}
	floatIs(t, w.key+".wait.avg", got.CustomerWaitSeconds.Avg, w.waitAvg, 0)
	if got.CSAT.Count != w.csatN {
		t.Errorf("%s: csat count = %d, want %d", w.key, got.CSAT.Count, w.csatN)
	}
	floatIs(t, w.key+".csat.avg", got.CSAT.Avg, w.csatAvg, 1e-12)
}

func TestAgentsReport(t *testing.T) {
	var (
		ana  = rowWant{key: "ana", tickets: 2, answered: 1, frN: 1, frAvg: 300, frP50: 300, frP90: 300, resAvg: null, waitAvg: null, csatN: 1, csatAvg: 5, out: 2}
		bob  = rowWant{key: "bob", answered: 1, frN: 1, frAvg: 1200, frP50: 1200, frP90: 1200, resAvg: null, waitN: 1, waitAvg: 1800, csatN: 1, csatAvg: 4, out: 1}
		sam  = rowWant{key: "sam", tickets: 1, answered: 1, resolved: 1, frN: 1, frAvg: 1200, frP50: 1200, frP90: 1200, resN: 1, resAvg: 36600, waitN: 1, waitAvg: 1800, csatN: 1, csatAvg: 2, out: 1}
		cat  = rowWant{key: "cat", resolved: 1, frAvg: null, frP50: null, frP90: null, resN: 1, resAvg: 3600, waitAvg: null, csatAvg: null}
		zero = func(id string) rowWant {
			return rowWant{key: id, frAvg: null, frP50: null, frP90: null, resAvg: null, waitAvg: null, csatAvg: null}
		}
	)
	tests := []struct {
		name     string
		from, to string
		p        AgentsParams
		rows     []rowWant
		summary  rowWant
	}{
		{
			name: "admin: reassignment, reply before assignment, resolver, nulls last, ties by name",
			from: "2025-03-10", to: "2025-03-12",
			rows: []rowWant{ana, bob, sam, zero("adm"), cat, zero("dan")},
			summary: rowWant{tickets: 3, answered: 3, resolved: 2, frN: 3, frAvg: 900, frP50: 1200, frP90: 1200,
				resN: 2, resAvg: 20100, waitN: 2, waitAvg: 1800, csatN: 3, csatAvg: 11.0 / 3, out: 4},
		},
		{
			name: "supervisor sees itself and its agents; summary merges those rows only",
			from: "2025-03-10", to: "2025-03-12",
			p:    AgentsParams{Visible: []string{"sam", "ana", "bob"}},
			rows: []rowWant{ana, bob, sam},
			summary: rowWant{tickets: 3, answered: 3, resolved: 1, frN: 3, frAvg: 900, frP50: 1200, frP90: 1200,
				resN: 1, resAvg: 36600, waitN: 2, waitAvg: 1800, csatN: 3, csatAvg: 11.0 / 3, out: 4},
		},
		{
			name: "agent sees itself",
			from: "2025-03-10", to: "2025-03-12",
			p:       AgentsParams{Visible: []string{"ana"}},
			rows:    []rowWant{ana},
			summary: func() rowWant { w := ana; w.key = ""; return w }(),
		},
		{
			name: "ticket opened before local midnight, answered after: opened on 03-10",
			from: "2025-03-10", to: "2025-03-10",
			p:       AgentsParams{Visible: []string{"sam"}},
			rows:    []rowWant{{key: "sam", tickets: 1, frAvg: null, frP50: null, frP90: null, resAvg: null, waitAvg: null, csatAvg: null}},
			summary: rowWant{tickets: 1, frAvg: null, frP50: null, frP90: null, resAvg: null, waitAvg: null, csatAvg: null},
		},
		{
			name: "... and answered and resolved on 03-11",
			from: "2025-03-11", to: "2025-03-11",
			p:       AgentsParams{Visible: []string{"sam"}},
			rows:    []rowWant{{key: "sam", answered: 1, resolved: 1, frN: 1, frAvg: 1200, frP50: 1200, frP90: 1200, resN: 1, resAvg: 36600, waitN: 1, waitAvg: 1800, csatAvg: null, out: 1}},
			summary: rowWant{answered: 1, resolved: 1, frN: 1, frAvg: 1200, frP50: 1200, frP90: 1200, resN: 1, resAvg: 36600, waitN: 1, waitAvg: 1800, csatAvg: null, out: 1},
		},
		{
			name: "empty range: visible agents with zeros and nulls",
			from: "2025-04-01", to: "2025-04-30",
			p:       AgentsParams{Visible: []string{"bob", "ana"}},
			rows:    []rowWant{zero("ana"), zero("bob")},
			summary: zero(""),
		},
		{
			name: "limit cuts rows, not the summary",
			from: "2025-03-10", to: "2025-03-12",
			p:    AgentsParams{Visible: []string{"sam", "ana", "bob"}, Limit: 2},
			rows: []rowWant{ana, bob},
			summary: rowWant{tickets: 3, answered: 3, resolved: 1, frN: 3, frAvg: 900, frP50: 1200, frP90: 1200,
				resN: 1, resAvg: 36600, waitN: 2, waitAvg: 1800, csatN: 3, csatAvg: 11.0 / 3, out: 4},
		},
		{
			name: "group by team: red merges ana+bob+sam, no team is \"\"",
			from: "2025-03-10", to: "2025-03-12",
			p: AgentsParams{GroupBy: GroupByTeam},
			rows: []rowWant{
				{key: "red", tickets: 3, answered: 3, resolved: 1, frN: 3, frAvg: 900, frP50: 1200, frP90: 1200,
					resN: 1, resAvg: 36600, waitN: 2, waitAvg: 1800, csatN: 3, csatAvg: 11.0 / 3, out: 4},
				zero(""),
				{key: "blue", resolved: 1, frAvg: null, frP50: null, frP90: null, resN: 1, resAvg: 3600, waitAvg: null, csatAvg: null},
			},
			summary: rowWant{tickets: 3, answered: 3, resolved: 2, frN: 3, frAvg: 900, frP50: 1200, frP90: 1200,
				resN: 2, resAvg: 20100, waitN: 2, waitAvg: 1800, csatN: 3, csatAvg: 11.0 / 3, out: 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.p.From, tt.p.To, tt.p.Timezone = date(tt.from), date(tt.to), "Europe/Berlin"
			rep := Agents(demoRange(t, tt.from, tt.to), demoAgents, tt.p)
			if len(rep.Rows) != len(tt.rows) {
				t.Fatalf("got %d rows, want %d: %s", len(rep.Rows), len(tt.rows), jsonOf(t, rep.Rows))
			}
			for i, w := range tt.rows {
				checkRow(t, rep.Rows[i], w)
			}
			if rep.Summary.AgentID != "" || rep.Summary.Team != nil {
				t.Errorf("summary carries an identity: %+v", rep.Summary)
			}
			checkRow(t, rep.Summary, tt.summary)
			if rep.From != tt.from || rep.To != tt.to || rep.Timezone != "Europe/Berlin" {
				t.Errorf("from/to/timezone = %s/%s/%s", rep.From, rep.To, rep.Timezone)
			}
		})
	}
}

func TestAgentsUnknownAgentAndNames(t *testing.T) {
	sum := &DaySummary{}
	sum.agent("ghost").messagesOut = 3
	tests := []struct {
		name    string
		visible []string
		ids     []string
		names   []string
	}{
		{"admin sees activity of an agent missing from the list, named by id", nil, []string{"ana", "ghost"}, []string{"Ana", "ghost"}},
		{"others only see listed visible ids", []string{"ana"}, []string{"ana"}, []string{"Ana"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Agents(sum, demoAgents[:1], AgentsParams{Visible: tt.visible})
			var ids, names []string
			for _, r := range rep.Rows {
				ids, names = append(ids, r.AgentID), append(names, r.AgentName)
			}
			if len(ids) != len(tt.ids) || len(names) != len(tt.names) {
				t.Fatalf("rows %v %v, want %v %v", ids, names, tt.ids, tt.names)
			}
			for i := range ids {
				if ids[i] != tt.ids[i] || names[i] != tt.names[i] {
					t.Errorf("row %d = %s/%s, want %s/%s", i, ids[i], names[i], tt.ids[i], tt.names[i])
				}
			}
		})
	}
}

func TestAgentsBusinessHours(t *testing.T) {
	// Mon–Fri 09:00–17:00 Berlin. Opened Mon 16:30 local, first response Tue 09:30 local:
	// wall clock 17 h = 61200 s, business hours 30 + 30 min = 3600 s.
	hours := mondayToFriday("09:00", "17:00")
	cal, err := calendar.New("Europe/Berlin", hours)
	if err != nil {
		t.Fatal(err)
	}
	tk := t2
	tk.OpenedAt = at("2025-03-10T15:30:00Z")
	tk.CustomerFirstMessageAt = tp("2025-03-10T15:00:00Z") // 16:00 local: wait 17.5 h wall, 1.5 h open
	tk.FirstResponseAt = tp("2025-03-11T08:30:00Z")
	tk.ResolvedAt = tp("2025-03-11T09:30:00Z") // 10:30 local: 18 h wall, 2 h open
	tk.ResolvedBy = "ana"
	days := SummarizeDays(cal, Facts{Tickets: []TicketFact{{tk, 2}}})
	sum := MergeRange(days, date("2025-03-10"), date("2025-03-11"))
	tests := []struct {
		bh                 bool
		fr, wait, resolved float64
	}{
		{false, 61200, 63000, 64800},
		{true, 3600, 5400, 7200},
	}
	for _, tt := range tests {
		rep := Agents(sum, demoAgents[:1], AgentsParams{BusinessHours: tt.bh})
		r := rep.Rows[0]
		floatIs(t, "first_response.avg", r.FirstResponseSeconds.Avg, tt.fr, 0)
		floatIs(t, "first_response.p50", r.FirstResponseSeconds.P50, tt.fr, 0.01)
		floatIs(t, "customer_wait.avg", r.CustomerWaitSeconds.Avg, tt.wait, 0)
		floatIs(t, "resolve.avg", r.ResolveSeconds.Avg, tt.resolved, 0)
	}
}
