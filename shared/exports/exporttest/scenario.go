// Package exporttest is a small, fixed workspace history for the export tests:
// tickets with and without figures, a bot-only session, surveys answered and
// not, logins, non-ASCII names and message texts with commas, quotes and
// newlines. Only tests import it.
package exporttest

import (
	"context"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
)

// Workspace is the scenario's workspace (Asia/Jakarta, UTC+7).
var Workspace = domain.Workspace{ID: "acme", Name: "Acme", Timezone: "Asia/Jakarta"}

// Day is the local day most of the scenario happens on; NextDay holds one message.
var (
	Day     = calendar.Date{Year: 2026, Month: 11, Day: 2}
	NextDay = calendar.Date{Year: 2026, Month: 11, Day: 3}
)

// T0 is 09:00 local time on Day.
var T0 = time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)

// At is T0 plus min minutes.
func At(min int) time.Time { return T0.Add(time.Duration(min) * time.Minute) }

// Texts and names that must survive every format unchanged.
const (
	TrickyText    = "Hi, \"where\" is my order #123?\nIt's late 😟 — ñandú"
	CustomerName  = "José Ñúñez"
	AgentTwoName  = `Budi, "the fixer"`
	SurveyComment = "Great, thanks!\r\nTerima kasih 🙏"
	ChromeUA      = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
)

// Expected row counts on Day.
const (
	DayTickets  = 2 // resolved ticket of 6281111, open ticket of 6283333
	DayMessages = 5 // 3 of 6281111, 1 of 6282222 (bot-only), 1 of 6283333
	DaySurveys  = 2 // answered, not answered
	DayAccess   = 2 // login, logout
)

func msg(id, cust string, dir domain.Direction, sender domain.Sender, agent, text string, at time.Time) domain.Record {
	src, eid := "whatsapp", id
	if dir == domain.Outbound {
		src, eid = "helpdesk", "evt-"+id
	}
	return domain.Record{Kind: domain.KindMessage, EventID: eid, Source: src, CustomerID: cust,
		Message: &domain.Message{ID: id, CustomerID: cust, Direction: dir, Sender: sender, AgentID: agent,
			Channel: "whatsapp", Type: "text", Text: text, At: at, ProfileName: profile(cust, dir)}}
}

func profile(cust string, dir domain.Direction) string {
	if dir != domain.Inbound {
		return ""
	}
	switch cust {
	case "6281111":
		return CustomerName
	case "6283333":
		return "Dewi Lestari"
	}
	return ""
}

// Records is the scenario's ingest input.
func Records() []domain.Record {
	return []domain.Record{
		{Kind: domain.KindAgent, EventID: "ag-1-up", Source: "helpdesk",
			Agent: &domain.Agent{ID: "ag-1", Name: "Sari Dewi", Role: domain.RoleAdmin, UpdatedAt: At(-600)}},
		{Kind: domain.KindAgent, EventID: "ag-2-up", Source: "helpdesk",
			Agent: &domain.Agent{ID: "ag-2", Name: AgentTwoName, Role: domain.RoleAgent, SupervisorID: "ag-1", UpdatedAt: At(-600)}},
		{Kind: domain.KindAccess, EventID: "acc-1", Source: "helpdesk",
			Access: &domain.Access{EventID: "acc-1", AgentID: "ag-1", Activity: "login", UserAgent: ChromeUA, IP: "203.0.113.7", At: At(-30)}},
		{Kind: domain.KindAccess, EventID: "acc-2", Source: "helpdesk",
			Access: &domain.Access{EventID: "acc-2", AgentID: "ag-1", Activity: "logout", At: At(300)}},

		msg("wamid.1", "6281111", domain.Inbound, domain.SenderCustomer, "", TrickyText, At(0)),
		{Kind: domain.KindAssignment, EventID: "as-1", Source: "helpdesk", CustomerID: "6281111",
			Assignment: &domain.Assignment{EventID: "as-1", AgentID: "ag-1", At: At(2)}},
		msg("m-2", "6281111", domain.Outbound, domain.SenderAgent, "ag-1", "Sorry! Checking, one moment", At(5)),
		{Kind: domain.KindStatus, EventID: "m-2:read", Source: "whatsapp", CustomerID: "6281111",
			Status: &domain.StatusUpdate{MessageID: "m-2", CustomerID: "6281111", Status: "read", At: At(7)}},
		{Kind: domain.KindLabeling, EventID: "lb-1", Source: "helpdesk", CustomerID: "6281111",
			Labeling: &domain.Labeling{EventID: "lb-1", Labels: []string{"delivery", "vip"}, At: At(8)}},
		msg("wamid.3", "6281111", domain.Inbound, domain.SenderCustomer, "", "ok", At(9)),
		{Kind: domain.KindResolve, EventID: "rs-1", Source: "helpdesk", CustomerID: "6281111",
			Resolve: &domain.Resolve{EventID: "rs-1", AgentID: "ag-1", Category: "shipping", Note: "late, courier", At: At(20)}},
		{Kind: domain.KindSurveyRequest, EventID: "req-cs-1", Source: "helpdesk", CustomerID: "6281111",
			SurveyRequest: &domain.Survey{CSATID: "cs-1", CustomerID: "6281111", RequestedAt: At(21)}},
		{Kind: domain.KindSurveyResponse, EventID: "sr-1", Source: "helpdesk",
			SurveyResponse: &domain.SurveyResponse{EventID: "sr-1", CSATID: "cs-1", Rating: 5, Comment: SurveyComment, At: At(25)}},

		msg("wamid.9", "6282222", domain.Inbound, domain.SenderCustomer, "", "halo", At(3)),

		msg("wamid.20", "6283333", domain.Inbound, domain.SenderCustomer, "", "need help", At(60)),
		{Kind: domain.KindAssignment, EventID: "as-3", Source: "helpdesk", CustomerID: "6283333",
			Assignment: &domain.Assignment{EventID: "as-3", AgentID: "ag-2", At: At(62)}},
		{Kind: domain.KindSurveyRequest, EventID: "req-cs-2", Source: "helpdesk", CustomerID: "6283333",
			SurveyRequest: &domain.Survey{CSATID: "cs-2", CustomerID: "6283333", RequestedAt: At(70)}},

		// 06:00 local on NextDay.
		msg("wamid.30", "6282222", domain.Inbound, domain.SenderCustomer, "", "pagi", At(21*60)),
	}
}

// Seed creates a fresh table and bucket, the workspace and its history, and
// returns the store, the workspace and the environment.
func Seed(t *testing.T) (*store.Store, domain.Workspace, *testenv.Env) {
	t.Helper()
	env := testenv.New(t)
	st := store.New(env.Dynamo, env.Table)
	ctx := context.Background()
	ws, _, err := st.PutWorkspace(ctx, Workspace)
	if err != nil {
		t.Fatalf("create workspace: %v", err)
	}
	if _, _, err := st.Ingest(ctx, ws, Records()); err != nil {
		t.Fatalf("ingest scenario: %v", err)
	}
	return st, ws, env
}
