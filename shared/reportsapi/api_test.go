package reportsapi_test

import (
	"net/url"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// unitNow is 2026-03-10 12:00 in Asia/Jakarta (UTC+7).
var unitNow = time.Date(2026, 3, 10, 5, 0, 0, 0, time.UTC)

var unitWS = domain.Workspace{ID: "acme", Name: "Acme", Timezone: "Asia/Jakarta"}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func tsp(s string) *time.Time {
	t := ts(s)
	return &t
}

func fptr(v float64) *float64 { return &v }

// unitSource: a supervisor "sup" with agent a1 (team blue), agent a2 (team red,
// no supervisor), one ticket each on 2026-03-05, a bot-only session on
// 2026-02-27, one survey each, two access events and four messages.
func unitSource() *fakeSource {
	t1 := domain.Ticket{ID: "t1", CustomerID: "c1", CustomerName: "Citra", AgentID: "a1", OpeningAgentID: "a1",
		Channel: "whatsapp", Status: domain.StatusResolved, OpenedAt: ts("2026-03-05T03:00:00Z"),
		CustomerFirstMessageAt: tsp("2026-03-05T02:59:30Z"), FirstResponseAt: tsp("2026-03-05T03:01:00Z"),
		FirstResponseAgentID: "a1", ResolvedAt: tsp("2026-03-05T03:10:00Z"), ResolvedBy: "a1",
		FirstResponseSeconds: fptr(60), ResolveSeconds: fptr(600), CustomerWaitSeconds: fptr(90)}
	t2 := domain.Ticket{ID: "t2", CustomerID: "c2", CustomerName: "Dewi", AgentID: "a2", OpeningAgentID: "a2",
		Channel: "whatsapp", Status: domain.StatusAnswered, OpenedAt: ts("2026-03-05T04:00:00Z"),
		CustomerFirstMessageAt: tsp("2026-03-05T03:59:00Z"), FirstResponseAt: tsp("2026-03-05T04:02:00Z"),
		FirstResponseAgentID: "a2", FirstResponseSeconds: fptr(120), CustomerWaitSeconds: fptr(180)}
	msg := func(id, cust string, dir domain.Direction, sender domain.Sender, agent, at string) domain.Message {
		return domain.Message{ID: id, CustomerID: cust, Direction: dir, Sender: sender, AgentID: agent,
			Channel: "whatsapp", Type: "text", Text: "text of " + id, At: ts(at)}
	}
	msgs := []domain.Message{
		msg("m1", "c1", domain.Inbound, domain.SenderCustomer, "", "2026-03-05T02:59:30Z"),
		msg("m2", "c1", domain.Outbound, domain.SenderAgent, "a1", "2026-03-05T03:01:00Z"),
		msg("m3", "c2", domain.Inbound, domain.SenderCustomer, "", "2026-03-05T03:59:00Z"),
		msg("m4", "c2", domain.Outbound, domain.SenderAgent, "a2", "2026-03-05T04:02:00Z"),
	}
	custNo := map[string]uint32{"c1": 1, "c2": 2, "c3": 3}
	var mfs []reports.MessageFact
	for _, m := range msgs {
		mfs = append(mfs, reports.MessageFact{Message: m, CustomerNo: custNo[m.CustomerID], Country: "ID"})
	}
	survey := func(id, cust, agent, ticket, req, resp string, rating int) reports.SurveyFact {
		return reports.SurveyFact{Survey: domain.Survey{CSATID: id, CustomerID: cust, AgentID: agent,
			RequestedAt: ts(req), Responded: true, RespondedAt: ts(resp), Rating: rating},
			TicketID: ticket, CustomerName: "name of " + cust, AgentID: agent, CustomerNo: custNo[cust]}
	}
	surveys := []reports.SurveyFact{
		survey("s1", "c1", "a1", "t1", "2026-03-05T03:20:00Z", "2026-03-05T03:25:00Z", 5),
		survey("s2", "c2", "a2", "t2", "2026-03-05T04:10:00Z", "2026-03-05T04:12:00Z", 2),
	}
	return &fakeSource{
		agents: []domain.Agent{
			{ID: "a1", Name: "Ayu", Role: domain.RoleAgent, SupervisorID: "sup", Team: "blue"},
			{ID: "a2", Name: "Bima", Role: domain.RoleAgent, Team: "red"},
			{ID: "adm", Name: "Admin", Role: domain.RoleAdmin},
			{ID: "sup", Name: "Sari", Role: domain.RoleSupervisor, Team: "blue"},
		},
		facts: reports.Facts{
			Sessions: []reports.SessionFact{
				{Session: domain.Session{ID: "s-t1", CustomerID: "c1", OpenedAt: t1.OpenedAt, New: true, Ticket: &t1}, CustomerNo: 1},
				{Session: domain.Session{ID: "s-t2", CustomerID: "c2", OpenedAt: t2.OpenedAt, New: true, Ticket: &t2}, CustomerNo: 2},
				{Session: domain.Session{ID: "s-bot", CustomerID: "c3", OpenedAt: ts("2026-02-27T10:00:00Z"), New: true}, CustomerNo: 3},
			},
			Tickets:      []reports.TicketFact{{Ticket: t1, CustomerNo: 1}, {Ticket: t2, CustomerNo: 2}},
			Messages:     mfs,
			Surveys:      surveys,
			FirstInbound: map[uint32]time.Time{1: ts("2026-03-05T02:59:30Z"), 2: ts("2026-03-05T03:59:00Z")},
		},
		surveys: surveys,
		access: []domain.Access{
			{EventID: "e1", AgentID: "a1", Activity: "login", At: ts("2026-03-05T01:00:00Z"),
				UserAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"},
			{EventID: "e2", AgentID: "a1", Activity: "logout", At: ts("2026-03-05T09:00:00Z")},
			{EventID: "e3", AgentID: "a2", Activity: "login", At: ts("2026-03-06T01:00:00Z")},
		},
		messages: msgs,
		names:    map[string]string{"c1": "Citra", "c2": "Dewi"},
		live: reports.LiveInput{
			Agents: []domain.Agent{
				{ID: "a1", Name: "Ayu", LastAccess: &domain.Access{Activity: "login", At: unitNow.Add(-time.Hour)}},
				{ID: "a2", Name: "Bima", LastAccess: &domain.Access{Activity: "login", At: unitNow.Add(-13 * time.Hour)}},
			},
			OpenTickets: 3, AnsweredTickets: 1,
		},
	}
}

// dig walks a decoded JSON value by object keys and array indexes.
func dig(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("dig %v: %T is not an object", path, v)
			}
			if v, ok = m[k]; !ok {
				t.Fatalf("dig %v: no key %q", path, k)
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("dig %v: no index %d in %v", path, k, v)
			}
			v = a[k]
		}
	}
	return v
}

// rowIDs lists the agent_id (or team) of every row of an agents report.
func rowIDs(t *testing.T, body map[string]any) []string {
	t.Helper()
	ids := []string{}
	for _, r := range dig(t, body, "rows").([]any) {
		m := r.(map[string]any)
		if id, ok := m["agent_id"]; ok {
			ids = append(ids, id.(string))
		} else {
			ids = append(ids, m["team"].(string))
		}
	}
	return ids
}

func q(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

var march = q("from", "2026-03-01", "to", "2026-03-10")

func TestRolesAndAuth(t *testing.T) {
	h := newHandler(unitSource(), unitWS, unitNow)
	admin := []string{"/v1/reports/customers", "/v1/reports/overview", "/v1/reports/live", "/v1/logs/access", "/v1/logs/messages"}
	staff := []string{"/v1/reports/agents", "/v1/reports/csat"}
	for _, path := range append(slices.Clone(admin), staff...) {
		if code, _ := get(t, h, "", "", path, nil); code != 401 {
			t.Errorf("%s without claims: status %d, want 401", path, code)
		}
		if code, body := get(t, h, domain.RoleAdmin, "adm", path, nil); code != 200 {
			t.Errorf("%s as admin: status %d, want 200: %v", path, code, body)
		}
		if code, _ := get(t, h, domain.RoleOperator, "op", path, nil); code != 403 {
			t.Errorf("%s as operator: status %d, want 403", path, code)
		}
		for _, role := range []domain.Role{domain.RoleSupervisor, domain.RoleAgent} {
			want := 200
			if slices.Contains(admin, path) {
				want = 403
			}
			code, body := get(t, h, role, "sup", path, nil)
			if code != want {
				t.Errorf("%s as %s: status %d, want %d", path, role, code, want)
			}
			if want == 403 && body["status"] != 403.0 {
				t.Errorf("%s as %s: problem status %v", path, role, body["status"])
			}
		}
	}
}

func TestAgentsReportScoping(t *testing.T) {
	tests := []struct {
		name        string
		role        domain.Role
		sub         string
		query       url.Values
		rows        []string
		tickets     float64
		frAvg       any
		csatCount   float64
		readsDays   bool
		summaryKeys []string
	}{
		{"admin sees all", domain.RoleAdmin, "adm", march, []string{"a1", "a2", "adm", "sup"}, 2, 90.0, 2, true, nil},
		{"admin filters", domain.RoleAdmin, "adm", q("from", "2026-03-01", "to", "2026-03-10", "agent", "a2"), []string{"a2"}, 1, 120.0, 1, true, nil},
		{"supervisor sees self and its agents", domain.RoleSupervisor, "sup", march, []string{"a1", "sup"}, 1, 60.0, 1, true, nil},
		{"supervisor cannot widen", domain.RoleSupervisor, "sup", q("from", "2026-03-01", "to", "2026-03-10", "agent", "a1,a2"), []string{"a1"}, 1, 60.0, 1, true, nil},
		{"agent sees self", domain.RoleAgent, "a2", march, []string{"a2"}, 1, 120.0, 1, true, nil},
		{"agent asking for a colleague sees nothing", domain.RoleAgent, "a2", q("agent", "a1"), []string{}, 0, nil, 0, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := unitSource()
			code, body := get(t, newHandler(src, unitWS, unitNow), tc.role, tc.sub, "/v1/reports/agents", tc.query)
			if code != 200 {
				t.Fatalf("status %d: %v", code, body)
			}
			if got := rowIDs(t, body); !slices.Equal(got, tc.rows) {
				t.Errorf("rows = %v, want %v", got, tc.rows)
			}
			if got := dig(t, body, "summary", "tickets"); got != tc.tickets {
				t.Errorf("summary.tickets = %v, want %v", got, tc.tickets)
			}
			if got := dig(t, body, "summary", "first_response_seconds", "avg"); got != tc.frAvg {
				t.Errorf("summary.first_response_seconds.avg = %v, want %v", got, tc.frAvg)
			}
			if got := dig(t, body, "summary", "csat", "count"); got != tc.csatCount {
				t.Errorf("summary.csat.count = %v, want %v", got, tc.csatCount)
			}
			if got := len(src.sumCalls) > 0; got != tc.readsDays {
				t.Errorf("read day summaries = %v, want %v", got, tc.readsDays)
			}
		})
	}
}

func TestAgentsReportParams(t *testing.T) {
	src := unitSource()
	h := newHandler(src, unitWS, unitNow)
	code, body := get(t, h, domain.RoleAdmin, "adm", "/v1/reports/agents", nil)
	if code != 200 || body["from"] != "2026-02-09" || body["to"] != "2026-03-10" || body["timezone"] != "Asia/Jakarta" {
		t.Fatalf("default range: %d %v %v %v", code, body["from"], body["to"], body["timezone"])
	}
	if want := [2]calendar.Date{{Year: 2026, Month: 2, Day: 9}, {Year: 2026, Month: 3, Day: 10}}; src.sumCalls[0] != want {
		t.Errorf("read days %v, want %v", src.sumCalls[0], want)
	}
	_, body = get(t, h, domain.RoleAdmin, "adm", "/v1/reports/agents", q("group_by", "team", "from", "2026-03-01"))
	if got := rowIDs(t, body); !slices.Equal(got, []string{"blue", "red", ""}) {
		t.Errorf("team rows = %v", got)
	}
	_, body = get(t, h, domain.RoleAdmin, "adm", "/v1/reports/agents", q("limit", "1", "unknown", "x"))
	if got := rowIDs(t, body); !slices.Equal(got, []string{"a1"}) {
		t.Errorf("limit 1 rows = %v", got)
	}
	if got := dig(t, body, "summary", "tickets"); got != 2.0 {
		t.Errorf("limit does not cut the summary: tickets %v", got)
	}
	// Open only Thursdays 10:00-10:01 local: t1 (10:00 → 10:01) keeps 60 s, t2 (11:00 → 11:02) has 0 s.
	bh := unitWS
	bh.BusinessHours = &domain.BusinessHours{Weekly: map[string][]domain.OpenInterval{"thursday": {{Open: "10:00", Close: "10:01"}}}}
	h = newHandler(src, bh, unitNow)
	for _, c := range []struct {
		value string
		avg   float64
	}{{"true", 30}, {"false", 90}, {"", 90}} {
		_, body = get(t, h, domain.RoleAdmin, "adm", "/v1/reports/agents", q("business_hours", c.value))
		if got := dig(t, body, "summary", "first_response_seconds", "avg"); got != c.avg {
			t.Errorf("business_hours=%s: first response avg = %v, want %v", c.value, got, c.avg)
		}
	}
}

func TestBadParameters(t *testing.T) {
	tests := []struct {
		path  string
		query url.Values
		param string
	}{
		{"/v1/reports/agents", q("from", "2026-03-10", "to", "2026-03-01"), "from"},
		{"/v1/reports/agents", q("from", "2025-01-01", "to", "2026-01-02"), "to"},
		{"/v1/reports/agents", q("from", "2026-13-01"), "from"},
		{"/v1/reports/agents", q("to", "yesterday"), "to"},
		{"/v1/reports/agents", q("group_by", "customer"), "group_by"},
		{"/v1/reports/agents", q("business_hours", "yes"), "business_hours"},
		{"/v1/reports/agents", q("limit", "0"), "limit"},
		{"/v1/reports/agents", q("limit", "501"), "limit"},
		{"/v1/reports/agents", q("limit", "ten"), "limit"},
		{"/v1/reports/agents", q("agent", "a1,,a2"), "agent"},
		{"/v1/reports/customers", q("granularity", "hour"), "granularity"},
		{"/v1/reports/customers", q("from", "2026-3-1"), "from"},
		{"/v1/reports/csat", q("limit", "-1"), "limit"},
		{"/v1/reports/csat", q("cursor", "not-a-cursor"), "cursor"},
		{"/v1/reports/csat", q("from", "2026-03-02", "to", "2026-03-01"), "from"},
		{"/v1/reports/overview", q("granularity", "quarter"), "granularity"},
		{"/v1/reports/overview", q("from", "2020-01-01"), "to"},
		{"/v1/reports/overview", q("agent", ","), "agent"},
		{"/v1/logs/access", q("cursor", "999"), "cursor"},
		{"/v1/logs/access", q("limit", "1000"), "limit"},
		{"/v1/logs/access", q("to", "2026-02-30"), "to"},
		{"/v1/logs/messages", q("direction", "sideways"), "direction"},
		{"/v1/logs/messages", q("cursor", "x"), "cursor"},
		{"/v1/logs/messages", q("from", "2026-03-11", "to", "2026-03-10"), "from"},
	}
	h := newHandler(unitSource(), unitWS, unitNow)
	for _, tc := range tests {
		t.Run(tc.path+"?"+tc.query.Encode(), func(t *testing.T) {
			code, body := get(t, h, domain.RoleAdmin, "adm", tc.path, tc.query)
			if code != 400 || body["status"] != 400.0 || body["invalid_param"] != tc.param {
				t.Fatalf("got %d %v, want 400 naming %q", code, body, tc.param)
			}
			if body["title"] != "Bad Request" || body["detail"] == "" {
				t.Errorf("problem lacks title/detail: %v", body)
			}
		})
	}
}

func TestCustomersReport(t *testing.T) {
	src := unitSource()
	h := newHandler(src, unitWS, unitNow)
	code, body := get(t, h, domain.RoleAdmin, "adm", "/v1/reports/customers", q("from", "2026-03-01", "to", "2026-03-10", "granularity", "week"))
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	for k, want := range map[string]float64{"monthly_active_users": 2, "active": 2, "new": 2, "existing": 0} {
		if body[k] != want {
			t.Errorf("%s = %v, want %v", k, body[k], want)
		}
	}
	series := dig(t, body, "series").([]any)
	if len(series) != 3 || dig(t, series, 1, "period") != "2026-03-02" || dig(t, series, 1, "active") != 2.0 || dig(t, series, 0, "active") != 0.0 {
		t.Errorf("series = %v", series)
	}
	if got := dig(t, body, "countries", 0); !reflect.DeepEqual(got, map[string]any{"country": "ID", "customers": 2.0}) {
		t.Errorf("countries[0] = %v", got)
	}
	// From later in the month: the month-to-date days are read too.
	src.sumCalls = nil
	_, body = get(t, h, domain.RoleAdmin, "adm", "/v1/reports/customers", q("from", "2026-03-08", "to", "2026-03-10"))
	if body["monthly_active_users"] != 2.0 || body["active"] != 0.0 {
		t.Errorf("mau %v active %v, want 2 and 0", body["monthly_active_users"], body["active"])
	}
	if want := [2]calendar.Date{{Year: 2026, Month: 3, Day: 1}, {Year: 2026, Month: 3, Day: 10}}; len(src.sumCalls) != 1 || src.sumCalls[0] != want {
		t.Errorf("read days %v, want one read of %v", src.sumCalls, want)
	}
}

func TestCSATReport(t *testing.T) {
	tests := []struct {
		name      string
		role      domain.Role
		sub       string
		query     url.Values
		sent      float64
		avg       any
		items     []string
		next      any
		askAgents []string
	}{
		{"admin", domain.RoleAdmin, "adm", march, 2, 3.5, []string{"s2", "s1"}, nil, nil},
		{"admin page 1", domain.RoleAdmin, "adm", q("from", "2026-03-01", "limit", "1"), 2, 3.5, []string{"s2"}, "1", nil},
		{"admin page 2", domain.RoleAdmin, "adm", q("from", "2026-03-01", "limit", "1", "cursor", "1"), 2, 3.5, []string{"s1"}, nil, nil},
		{"supervisor", domain.RoleSupervisor, "sup", march, 1, 5.0, []string{"s1"}, nil, []string{"a1", "sup"}},
		{"agent", domain.RoleAgent, "a2", march, 1, 2.0, []string{"s2"}, nil, []string{"a2"}},
		{"agent asking for a colleague", domain.RoleAgent, "a2", q("agent", "a1"), 0, nil, []string{}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := unitSource()
			code, body := get(t, newHandler(src, unitWS, unitNow), tc.role, tc.sub, "/v1/reports/csat", tc.query)
			if code != 200 {
				t.Fatalf("status %d: %v", code, body)
			}
			if body["sent"] != tc.sent || body["avg_rating"] != tc.avg || body["next_cursor"] != tc.next {
				t.Errorf("sent %v avg %v next %v, want %v %v %v", body["sent"], body["avg_rating"], body["next_cursor"], tc.sent, tc.avg, tc.next)
			}
			ids := []string{}
			for _, it := range dig(t, body, "items").([]any) {
				ids = append(ids, it.(map[string]any)["csat_id"].(string))
			}
			if !slices.Equal(ids, tc.items) {
				t.Errorf("items %v, want %v", ids, tc.items)
			}
			if len(src.surveyAgents) > 0 && !slices.Equal(src.surveyAgents[0], tc.askAgents) {
				t.Errorf("asked the store for agents %v, want %v", src.surveyAgents[0], tc.askAgents)
			}
		})
	}
	_, body := get(t, newHandler(unitSource(), unitWS, unitNow), domain.RoleAdmin, "adm", "/v1/reports/csat", march)
	want := map[string]any{"csat_id": "s1", "ticket_id": "t1", "customer_id": "c1", "customer_name": "name of c1",
		"agent_id": "a1", "agent_name": "Ayu", "requested_at": "2026-03-05T03:20:00Z", "responded_at": "2026-03-05T03:25:00Z",
		"rating": 5.0, "comment": nil}
	if got := dig(t, body, "items", 1); !reflect.DeepEqual(got, want) {
		t.Errorf("item = %v\nwant %v", got, want)
	}
	if body["satisfaction_score"] != 50.0 || body["response_rate"] != 1.0 || body["avg_response_seconds"] != 210.0 {
		t.Errorf("satisfaction %v rate %v response %v", body["satisfaction_score"], body["response_rate"], body["avg_response_seconds"])
	}
	if got := dig(t, body, "distribution"); !reflect.DeepEqual(got, map[string]any{"1": 0.0, "2": 1.0, "3": 0.0, "4": 0.0, "5": 1.0}) {
		t.Errorf("distribution = %v", got)
	}
}

func TestOverviewReport(t *testing.T) {
	src := unitSource()
	h := newHandler(src, unitWS, unitNow)
	code, body := get(t, h, domain.RoleAdmin, "adm", "/v1/reports/overview", q("from", "2026-03-01", "to", "2026-03-10", "granularity", "month"))
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	if want := [2]calendar.Date{{Year: 2026, Month: 2, Day: 19}, {Year: 2026, Month: 3, Day: 10}}; len(src.sumCalls) != 1 || src.sumCalls[0] != want {
		t.Errorf("read days %v, want one read of %v", src.sumCalls, want)
	}
	checks := []struct {
		path []any
		want any
	}{
		{[]any{"cards", "conversations"}, 2.0},
		{[]any{"cards", "tickets"}, 2.0},
		{[]any{"cards", "messages_in"}, 2.0},
		{[]any{"cards", "unique_customers"}, 2.0},
		{[]any{"cards", "avg_rating"}, 3.5},
		{[]any{"previous", "conversations"}, 1.0},
		{[]any{"previous", "tickets"}, 0.0},
		{[]any{"previous", "avg_rating"}, nil},
		{[]any{"series", 0, "period"}, "2026-03-01"},
		{[]any{"series", 0, "messages_out"}, 2.0},
		{[]any{"heatmap", 3, 10}, 1.0}, // Thursday 10:00 local
		{[]any{"heatmap", 3, 11}, 1.0},
		{[]any{"bot", "handoffs"}, 2.0},
		{[]any{"outgoing_by_source", 0}, map[string]any{"source": "agent", "messages": 2.0}},
	}
	for _, c := range checks {
		if got := dig(t, body, c.path...); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%v = %v, want %v", c.path, got, c.want)
		}
	}
	_, body = get(t, h, domain.RoleAdmin, "adm", "/v1/reports/overview", q("from", "2026-03-01", "to", "2026-03-10", "agent", "a1"))
	if dig(t, body, "cards", "tickets") != 1.0 || dig(t, body, "cards", "conversations") != 2.0 || len(dig(t, body, "outgoing_by_agent").([]any)) != 1 {
		t.Errorf("agent filter: cards %v outgoing_by_agent %v", body["cards"], body["outgoing_by_agent"])
	}
}

func TestLiveReport(t *testing.T) {
	src := unitSource()
	code, body := get(t, newHandler(src, unitWS, unitNow), domain.RoleAdmin, "adm", "/v1/reports/live", nil)
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	if len(src.liveCalls) != 1 || src.liveCalls[0] != (liveCall{"Asia/Jakarta", unitNow}) {
		t.Errorf("live calls %v", src.liveCalls)
	}
	want := []any{map[string]any{"agent_id": "a1", "agent_name": "Ayu", "since": "2026-03-10T04:00:00Z"}}
	if got := body["agents_online"]; !reflect.DeepEqual(got, want) {
		t.Errorf("agents_online = %v", got)
	}
	if got := body["tickets"]; !reflect.DeepEqual(got, map[string]any{"open": 3.0, "answered": 1.0}) {
		t.Errorf("tickets = %v", got)
	}
}

func TestAccessLog(t *testing.T) {
	src := unitSource()
	h := newHandler(src, unitWS, unitNow)
	code, body := get(t, h, domain.RoleAdmin, "adm", "/v1/logs/access", q("from", "2026-03-05", "to", "2026-03-06", "limit", "2"))
	if code != 200 {
		t.Fatalf("status %d: %v", code, body)
	}
	if got := dig(t, body, "items", 1); !reflect.DeepEqual(got, map[string]any{"at": "2026-03-05T09:00:00Z", "agent_id": "a1",
		"agent_name": "Ayu", "role": "agent", "activity": "logout", "os": "", "browser": ""}) {
		t.Errorf("items[1] = %v", got)
	}
	if body["next_cursor"] != "2" {
		t.Errorf("next_cursor = %v, want \"2\"", body["next_cursor"])
	}
	_, body = get(t, h, domain.RoleAdmin, "adm", "/v1/logs/access", q("from", "2026-03-05", "to", "2026-03-06", "limit", "2", "cursor", "2"))
	if got := dig(t, body, "items", 0); got.(map[string]any)["os"] != "Windows" || got.(map[string]any)["browser"] != "Chrome" {
		t.Errorf("last page item = %v", got)
	}
	if body["next_cursor"] != nil {
		t.Errorf("last page next_cursor = %v, want null", body["next_cursor"])
	}
	_, body = get(t, h, domain.RoleAdmin, "adm", "/v1/logs/access", q("from", "2026-03-05", "to", "2026-03-06", "agent", "a2"))
	if n := len(dig(t, body, "items").([]any)); n != 1 || !slices.Equal(src.accessAgents[2], []string{"a2"}) || src.accessAgents[0] != nil {
		t.Errorf("agent filter: %d items, store asked for %v", n, src.accessAgents)
	}
	// The range is local: 2026-03-06 only starts at 2026-03-05T17:00Z, so the 09:00Z logout is out.
	_, body = get(t, h, domain.RoleAdmin, "adm", "/v1/logs/access", q("from", "2026-03-06", "to", "2026-03-06"))
	if n := len(dig(t, body, "items").([]any)); n != 1 {
		t.Errorf("local day 2026-03-06: %d items, want 1", n)
	}
}

func TestMessageLog(t *testing.T) {
	tests := []struct {
		direction string
		ids       []string
	}{
		{"", []string{"m4", "m3", "m2", "m1"}},
		{"inbound", []string{"m3", "m1"}},
		{"outbound", []string{"m4", "m2"}},
	}
	for _, tc := range tests {
		t.Run(tc.direction, func(t *testing.T) {
			src := unitSource()
			query := q("from", "2026-03-05", "to", "2026-03-05", "direction", tc.direction)
			code, body := get(t, newHandler(src, unitWS, unitNow), domain.RoleAdmin, "adm", "/v1/logs/messages", query)
			if code != 200 {
				t.Fatalf("status %d: %v", code, body)
			}
			ids := []string{}
			for _, it := range dig(t, body, "items").([]any) {
				ids = append(ids, it.(map[string]any)["message_id"].(string))
			}
			if !slices.Equal(ids, tc.ids) || src.directions[0] != tc.direction || body["next_cursor"] != nil {
				t.Errorf("ids %v (want %v), direction asked %q, next %v", ids, tc.ids, src.directions[0], body["next_cursor"])
			}
		})
	}
	_, body := get(t, newHandler(unitSource(), unitWS, unitNow), domain.RoleAdmin, "adm", "/v1/logs/messages", q("from", "2026-03-05", "limit", "1"))
	want := map[string]any{"at": "2026-03-05T04:02:00Z", "message_id": "m4", "direction": "outbound", "sender": "agent",
		"customer_id": "c2", "customer_name": "Dewi", "agent_id": "a2", "channel": "whatsapp", "type": "text",
		"text": "text of m4", "status": nil}
	if got := dig(t, body, "items", 0); !reflect.DeepEqual(got, want) || body["next_cursor"] != "1" {
		t.Errorf("item %v next %v", got, body["next_cursor"])
	}
}
