package reports

import (
	"maps"
	"testing"
)

func TestCSATReport(t *testing.T) {
	tests := []struct {
		name                    string
		from, to                string
		visible                 []string
		sent, responded         int64
		rate, avg, score, respS float64
		dist                    map[string]int64
	}{
		{
			name: "whole range, unattributed survey included for admins",
			from: "2025-03-10", to: "2025-03-12",
			sent: 5, responded: 4, rate: 0.8, avg: 3.5, score: 50, respS: (300 + 163800 + 86400 + 1800) / 4.0,
			dist: map[string]int64{"1": 0, "2": 1, "3": 1, "4": 1, "5": 1},
		},
		{
			// q2 was answered on 03-10 and again on 03-12: only the surviving response
			// counts, on its own (response) day.
			name: "second response replaces the first and moves to its day",
			from: "2025-03-10", to: "2025-03-10",
			sent: 2, responded: 1, rate: 0.5, avg: 4, score: 100, respS: 300,
			dist: map[string]int64{"1": 0, "2": 0, "3": 0, "4": 1, "5": 0},
		},
		{
			name: "responses to older surveys: response_rate above 1",
			from: "2025-03-12", to: "2025-03-12",
			sent: 2, responded: 3, rate: 1.5, avg: 10.0 / 3, score: 100.0 / 3, respS: (163800 + 86400 + 1800) / 3.0,
			dist: map[string]int64{"1": 0, "2": 1, "3": 1, "4": 0, "5": 1},
		},
		{
			name: "supervisor scope: attributed to sam, ana, bob only",
			from: "2025-03-10", to: "2025-03-12", visible: []string{"sam", "ana", "bob"},
			sent: 4, responded: 3, rate: 0.75, avg: 11.0 / 3, score: 200.0 / 3, respS: (300 + 163800 + 86400) / 3.0,
			dist: map[string]int64{"1": 0, "2": 1, "3": 0, "4": 1, "5": 1},
		},
		{
			name: "no survey sent and none answered: nulls",
			from: "2025-03-11", to: "2025-03-11", visible: []string{"bob"},
			rate: null, avg: null, score: null, respS: null,
			dist: map[string]int64{"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
		},
		{
			name: "sent but nothing answered: rate 0, other nulls",
			from: "2025-03-11", to: "2025-03-11",
			sent: 1, rate: 0, avg: null, score: null, respS: null,
			dist: map[string]int64{"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := CSAT(demoRange(t, tt.from, tt.to), CSATParams{Visible: tt.visible}, nil, "")
			if rep.Sent != tt.sent || rep.Responded != tt.responded {
				t.Errorf("sent/responded = %d/%d, want %d/%d", rep.Sent, rep.Responded, tt.sent, tt.responded)
			}
			floatIs(t, "response_rate", rep.ResponseRate, tt.rate, 1e-12)
			floatIs(t, "avg_rating", rep.AvgRating, tt.avg, 1e-12)
			floatIs(t, "satisfaction_score", rep.SatisfactionScore, tt.score, 1e-12)
			floatIs(t, "avg_response_seconds", rep.AvgResponseSeconds, tt.respS, 1e-12)
			if !maps.Equal(rep.Distribution, tt.dist) {
				t.Errorf("distribution = %v, want %v", rep.Distribution, tt.dist)
			}
			if rep.Items == nil || rep.NextCursor != nil {
				t.Errorf("items must be [] and next_cursor null, got %v %v", rep.Items, rep.NextCursor)
			}
		})
	}
}

func TestCSATItems(t *testing.T) {
	f := demoFacts()
	items := CSATItems(f.Surveys, demoAgents)
	rep := CSAT(&DaySummary{}, CSATParams{}, items, "next-page")
	if *rep.NextCursor != "next-page" || len(rep.Items) != 5 {
		t.Fatalf("cursor %v items %d", rep.NextCursor, len(rep.Items))
	}
	tests := []struct {
		i                    int
		agentName            string
		rating               *int
		requested, responded string
	}{
		{0, "Bob", intp(4), `"2025-03-10T09:15:00Z"`, `"2025-03-10T09:20:00Z"`},
		{3, "Sam", nil, `"2025-03-12T10:00:00Z"`, `null`},
		{4, "", intp(3), `"2025-03-12T11:00:00Z"`, `"2025-03-12T11:30:00Z"`},
	}
	for _, tt := range tests {
		it := items[tt.i]
		req, _ := it.RequestedAt.MarshalJSON()
		resp, _ := it.RespondedAt.MarshalJSON()
		if string(it.AgentName) != tt.agentName || string(req) != tt.requested || string(resp) != tt.responded {
			t.Errorf("item %d = %s %s %s, want %s %s %s", tt.i, it.AgentName, req, resp, tt.agentName, tt.requested, tt.responded)
		}
		if (it.Rating == nil) != (tt.rating == nil) || (it.Rating != nil && *it.Rating != *tt.rating) {
			t.Errorf("item %d rating = %v, want %v", tt.i, it.Rating, tt.rating)
		}
	}
	golden(t, "csat.golden.json", CSAT(demoRange(t, "2025-03-10", "2025-03-12"), CSATParams{}, items, ""))
}

func intp(v int) *int { return &v }
