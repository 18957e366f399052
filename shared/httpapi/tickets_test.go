package httpapi

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestListTicketsVisibility(t *testing.T) {
	tests := []struct {
		name        string
		claims      map[string]string
		query       string
		wantAgents  []string // AgentIDs passed to the store; nil = all
		wantTickets []string
		wantCalled  bool
	}{
		{"admin sees all", claims("adm", "ws_demo", "admin"), "", nil, []string{"tk_resolved", "tk_open", "tk_sup"}, true},
		{"admin filters by agent", claims("adm", "ws_demo", "admin"), "agent=ag3", []string{"ag3"}, []string{"tk_open"}, true},
		{"supervisor sees team", claims("sup1", "ws_demo", "supervisor"), "", []string{"ag1", "ag2", "sup1"}, []string{"tk_resolved", "tk_sup"}, true},
		{"supervisor filter inside team", claims("sup1", "ws_demo", "supervisor"), "agent=ag2,ag1", []string{"ag1", "ag2"}, []string{"tk_resolved"}, true},
		{"supervisor filter outside team", claims("sup1", "ws_demo", "supervisor"), "agent=ag3", nil, []string{}, false},
		{"agent sees own", claims("ag1", "ws_demo", "agent"), "", []string{"ag1"}, []string{"tk_resolved"}, true},
		{"agent asks for another", claims("ag1", "ws_demo", "agent"), "agent=ag3", nil, []string{}, false},
		{"agent with no tickets", claims("ag2", "ws_demo", "agent"), "", []string{"ag2"}, []string{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake()
			resp := do(t, newTestHandler(f), gw("GET", "/v1/tickets?"+tt.query, tt.claims, nil, ""))
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, resp.Body)
			}
			var page struct {
				Items []struct {
					TicketID string `json:"ticket_id"`
				} `json:"items"`
				NextCursor *string `json:"next_cursor"`
			}
			if err := json.Unmarshal([]byte(resp.Body), &page); err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, it := range page.Items {
				got = append(got, it.TicketID)
			}
			if !slices.Equal(got, tt.wantTickets) {
				t.Fatalf("tickets = %v, want %v", got, tt.wantTickets)
			}
			if (f.listCalls > 0) != tt.wantCalled {
				t.Fatalf("store called = %v, want %v", f.listCalls > 0, tt.wantCalled)
			}
			if tt.wantCalled {
				gotAgents := f.queries[0].AgentIDs
				if (gotAgents == nil) != (tt.wantAgents == nil) || !slices.Equal(gotAgents, tt.wantAgents) {
					t.Fatalf("AgentIDs = %#v, want %#v", gotAgents, tt.wantAgents)
				}
			}
			if !strings.Contains(resp.Body, `"next_cursor":null`) {
				t.Fatalf("next_cursor should be null: %s", resp.Body)
			}
		})
	}
}

func TestListTicketsQuery(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	admin := claims("adm", "ws_demo", "admin")
	adminNY := claims("adm", "ws_ny", "admin")
	tests := []struct {
		name   string
		claims map[string]string
		query  string
		want   TicketQuery
	}{
		{"defaults: last 30 days ending today in Jakarta", admin, "",
			TicketQuery{From: utc("2025-05-17T17:00:00Z"), To: utc("2025-06-16T17:00:00Z"), Limit: 50}},
		{"all parameters", admin, "status=open,resolved&from=2025-06-01&to=2025-06-10&q=+BuDi+&limit=500&cursor=abc",
			TicketQuery{Statuses: []string{"open", "resolved"}, From: utc("2025-05-31T17:00:00Z"), To: utc("2025-06-10T17:00:00Z"),
				Query: "budi", Limit: 500, Cursor: "abc"}},
		{"only from: to is today", admin, "from=2025-06-16",
			TicketQuery{From: utc("2025-06-15T17:00:00Z"), To: utc("2025-06-16T17:00:00Z"), Limit: 50}},
		{"only to: 30 days back", admin, "to=2025-03-31",
			TicketQuery{From: utc("2025-03-01T17:00:00Z"), To: utc("2025-03-31T17:00:00Z"), Limit: 50}},
		{"DST spring forward day in New York (23 h)", adminNY, "from=2025-03-09&to=2025-03-09",
			TicketQuery{From: utc("2025-03-09T05:00:00Z"), To: utc("2025-03-10T04:00:00Z"), Limit: 50}},
		{"DST fall back day in New York (25 h)", adminNY, "from=2025-11-02&to=2025-11-02&limit=1",
			TicketQuery{From: utc("2025-11-02T04:00:00Z"), To: utc("2025-11-03T05:00:00Z"), Limit: 1}},
		{"366 days allowed", admin, "from=2024-01-01&to=2024-12-31",
			TicketQuery{From: utc("2023-12-31T17:00:00Z"), To: utc("2024-12-31T17:00:00Z"), Limit: 50}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake()
			resp := do(t, newTestHandler(f), gw("GET", "/v1/tickets?"+tt.query, tt.claims, nil, ""))
			if resp.StatusCode != 200 || len(f.queries) != 1 {
				t.Fatalf("status %d, %d queries: %s", resp.StatusCode, len(f.queries), resp.Body)
			}
			got := f.queries[0]
			if !slices.Equal(got.Statuses, tt.want.Statuses) || !got.From.Equal(tt.want.From) || !got.To.Equal(tt.want.To) ||
				got.Query != tt.want.Query || got.Limit != tt.want.Limit || got.Cursor != tt.want.Cursor || got.AgentIDs != nil {
				t.Fatalf("query = %+v\nwant    %+v", got, tt.want)
			}
		})
	}
}

func TestListTicketsBadParams(t *testing.T) {
	tests := []struct {
		query     string
		wantParam string
	}{
		{"status=closed", "status"},
		{"status=open,bogus", "status"},
		{"from=2025-13-01", "from"},
		{"to=yesterday", "to"},
		{"from=2025-06-10&to=2025-06-09", "from"},
		{"from=2024-01-01&to=2025-01-01", "to"}, // a range too long names "to", as on the reports and exports
		{"limit=0", "limit"},
		{"limit=501", "limit"},
		{"limit=ten", "limit"},
		{"q=" + strings.Repeat("a", 201), "q"},
		{"cursor=bad", "cursor"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			resp := do(t, newTestHandler(newFake()), gw("GET", "/v1/tickets?"+tt.query, claims("adm", "ws_demo", "admin"), nil, ""))
			if resp.StatusCode != 400 {
				t.Fatalf("status = %d: %s", resp.StatusCode, resp.Body)
			}
			if p := decodeProblem(t, resp); p["invalid_param"] != tt.wantParam {
				t.Fatalf("invalid_param = %v, want %s", p["invalid_param"], tt.wantParam)
			}
		})
	}
}

func TestListTicketsGolden(t *testing.T) {
	f := newFake()
	f.nextCursor = "next-page-token"
	resp := do(t, newTestHandler(f), gw("GET", "/v1/tickets", claims("adm", "ws_demo", "admin"), nil, ""))
	if resp.StatusCode != 200 || resp.Headers["content-type"] != "application/json" {
		t.Fatalf("status %d %q", resp.StatusCode, resp.Headers["content-type"])
	}
	assertGolden(t, "tickets_list", resp.Body)
}

func TestGetTicket(t *testing.T) {
	tests := []struct {
		name       string
		claims     map[string]string
		id         string
		wantStatus int
		golden     string
	}{
		{"admin", claims("adm", "ws_demo", "admin"), "tk_resolved", 200, "ticket_detail"},
		{"admin, no messages", claims("adm", "ws_demo", "admin"), "tk_open", 200, "ticket_detail_open"},
		{"supervisor, team ticket", claims("sup1", "ws_demo", "supervisor"), "tk_resolved", 200, ""},
		{"supervisor, own ticket", claims("sup1", "ws_demo", "supervisor"), "tk_sup", 200, ""},
		{"supervisor, other team", claims("sup1", "ws_demo", "supervisor"), "tk_open", 404, ""},
		{"agent, own", claims("ag3", "ws_demo", "agent"), "tk_open", 200, ""},
		{"agent, another agent's", claims("ag1", "ws_demo", "agent"), "tk_open", 404, ""},
		{"agent, supervisor's", claims("ag1", "ws_demo", "agent"), "tk_sup", 404, ""},
		{"missing", claims("adm", "ws_demo", "admin"), "tk_nope", 404, ""},
		{"operator", claims("op", "", "operator"), "tk_open", 403, ""},
		{"no claims", nil, "tk_open", 401, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, newTestHandler(newFake()), gw("GET", "/v1/tickets/"+tt.id, tt.claims, nil, ""))
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d: %s", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			if tt.wantStatus != 200 {
				decodeProblem(t, resp)
				return
			}
			if tt.golden != "" {
				assertGolden(t, tt.golden, resp.Body)
			}
		})
	}
}

func TestNotVisibleIsIndistinguishableFromMissing(t *testing.T) {
	h := newTestHandler(newFake())
	a := do(t, h, gw("GET", "/v1/tickets/tk_open", claims("ag1", "ws_demo", "agent"), nil, ""))
	b := do(t, h, gw("GET", "/v1/tickets/tk_nope", claims("ag1", "ws_demo", "agent"), nil, ""))
	if a.StatusCode != 404 || a.Body != b.Body {
		t.Fatalf("hidden: %d %s; missing: %d %s", a.StatusCode, a.Body, b.StatusCode, b.Body)
	}
}
