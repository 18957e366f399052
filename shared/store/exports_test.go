package store_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/exports/exporttest"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

func dayBounds(t *testing.T, ws domain.Workspace, d calendar.Date) (time.Time, time.Time) {
	t.Helper()
	cal, err := calendar.New(ws.Timezone, nil)
	if err != nil {
		t.Fatal(err)
	}
	return cal.Bounds(d, d)
}

func TestExportReaders(t *testing.T) {
	st, ws, _ := exporttest.Seed(t)
	ctx := context.Background()
	start, end := dayBounds(t, ws, exporttest.Day)

	var tickets []store.TicketExport
	if err := st.EachTicket(ctx, ws.ID, start, end, func(e store.TicketExport) error {
		tickets = append(tickets, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(tickets) != exporttest.DayTickets {
		t.Fatalf("%d tickets, want %d", len(tickets), exporttest.DayTickets)
	}
	ticketChecks := []struct {
		name      string
		got, want any
	}{
		{"first opened", tickets[0].Ticket.CustomerID, "6281111"},
		{"agent name", tickets[0].AgentName, "Sari Dewi"},
		{"second agent name", tickets[1].AgentName, exporttest.AgentTwoName},
		{"second status", tickets[1].Ticket.Status, domain.StatusOpen},
	}
	for _, c := range ticketChecks {
		if c.got != c.want {
			t.Errorf("tickets: %s = %v, want %v", c.name, c.got, c.want)
		}
	}

	var msgs []store.MessageExport
	if err := st.EachMessage(ctx, ws.ID, start, end, func(e store.MessageExport) error {
		msgs = append(msgs, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	wantMsgs := []struct{ id, name, ticket string }{
		{"wamid.1", exporttest.CustomerName, tickets[0].Ticket.ID},
		{"wamid.9", "", ""}, // bot-only session: no ticket
		{"m-2", exporttest.CustomerName, tickets[0].Ticket.ID},
		{"wamid.3", exporttest.CustomerName, tickets[0].Ticket.ID},
		{"wamid.20", "Dewi Lestari", tickets[1].Ticket.ID},
	}
	if len(msgs) != len(wantMsgs) {
		t.Fatalf("%d messages, want %d", len(msgs), len(wantMsgs))
	}
	for i, w := range wantMsgs {
		m := msgs[i]
		if m.Message.ID != w.id || m.CustomerName != w.name || m.TicketID != w.ticket {
			t.Errorf("message %d = %s/%q/%q, want %s/%q/%q", i, m.Message.ID, m.CustomerName, m.TicketID, w.id, w.name, w.ticket)
		}
	}
	if msgs[2].Message.Status != "read" {
		t.Errorf("m-2 status %q, want read", msgs[2].Message.Status)
	}

	var surveys []store.SurveyExport
	if err := st.EachSurvey(ctx, ws.ID, start, end, func(e store.SurveyExport) error {
		surveys = append(surveys, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(surveys) != exporttest.DaySurveys || surveys[0].Fact.Survey.CSATID != "cs-1" ||
		surveys[0].Fact.Survey.Rating != 5 || surveys[0].AgentName != "Sari Dewi" ||
		surveys[1].Fact.Survey.Responded || surveys[1].AgentName != exporttest.AgentTwoName {
		t.Errorf("surveys = %+v", surveys)
	}

	var access []store.AccessExport
	if err := st.EachAccess(ctx, ws.ID, start, end, func(e store.AccessExport) error {
		access = append(access, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(access) != exporttest.DayAccess {
		t.Fatalf("%d access events, want %d", len(access), exporttest.DayAccess)
	}
	a := access[0]
	if a.Access.Activity != "login" || a.AgentName != "Sari Dewi" || a.Role != domain.RoleAdmin ||
		a.OS != "Windows" || a.Browser != "Chrome" || a.Access.IP != "203.0.113.7" {
		t.Errorf("login = %+v", a)
	}
	if access[1].Access.Activity != "logout" || access[1].OS != "" {
		t.Errorf("logout = %+v", access[1])
	}

	// The callback's error stops the iteration and comes back wrapped.
	stop := errors.New("stop")
	if err := st.EachMessage(ctx, ws.ID, start, end, func(store.MessageExport) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("EachMessage error = %v, want stop", err)
	}
}

func TestExportRecords(t *testing.T) {
	st, ws, env := exporttest.Seed(t)
	ctx := context.Background()
	created := time.Date(2026, 11, 5, 10, 0, 0, 0, time.UTC)
	recs := []store.ExportRecord{
		{ID: "x1", WorkspaceID: ws.ID, Dataset: "tickets", From: "2026-11-01", To: "2026-11-02", Format: "csv",
			Key: "exports/acme/x1/tickets.csv", Status: store.ExportQueued, CreatedAt: created, ExpiresAt: created.Add(store.ExportLifetime)},
		{ID: "x2", WorkspaceID: ws.ID, Dataset: "messages", From: "2026-11-01", To: "2026-11-01", Format: "parquet",
			Key: "exports/acme/x2/messages.parquet", Status: store.ExportQueued, CreatedAt: created.Add(time.Minute), ExpiresAt: created.Add(time.Minute + store.ExportLifetime)},
	}
	for _, r := range recs {
		if err := st.PutExport(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.PutExport(ctx, recs[0]); err == nil {
		t.Error("second PutExport of x1 succeeded, want refused")
	}
	if err := st.UpdateExport(ctx, ws.ID, "x1", store.ExportDone, 42, 1234, ""); err != nil {
		t.Fatal(err)
	}
	if err := st.UpdateExport(ctx, ws.ID, "nope", store.ExportDone, 1, 1, ""); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("update unknown: %v, want ErrNotFound", err)
	}
	got, err := st.GetExport(ctx, ws.ID, "x1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != store.ExportDone || got.Rows != 42 || got.Bytes != 1234 || got.Dataset != "tickets" ||
		got.Key != recs[0].Key || !got.CreatedAt.Equal(created) || !got.ExpiresAt.Equal(recs[0].ExpiresAt) {
		t.Errorf("GetExport = %+v", got)
	}
	if _, err := st.GetExport(ctx, ws.ID, "nope"); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("get unknown: %v, want ErrNotFound", err)
	}
	if _, err := st.GetExport(ctx, "other", "x1"); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("get from another workspace: %v, want ErrNotFound", err)
	}
	list, err := st.ListExports(ctx, ws.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != "x2" || list[1].ID != "x1" || list[0].Status != store.ExportQueued {
		t.Errorf("ListExports = %+v, want x2 then x1", list)
	}
	raw, err := env.Dynamo.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(env.Table),
		Key: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: "W#acme#EXP"}, "sk": &types.AttributeValueMemberS{Value: "x1"},
		},
	})
	if err != nil || raw.Item == nil {
		t.Fatalf("raw item: %v", err)
	}
	ttl, _ := raw.Item["expires_at"].(*types.AttributeValueMemberN)
	// The record outlives the download by 30 days so the API answers 410, not 404.
	if want := strconv.FormatInt(created.Add(37*24*time.Hour).Unix(), 10); ttl == nil || ttl.Value != want {
		t.Errorf("expires_at = %v, want %s", raw.Item["expires_at"], want)
	}
}

func TestLakeDays(t *testing.T) {
	st, ws, _ := exporttest.Seed(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	if err := st.MarkLakeExported(ctx, ws.ID, exporttest.Day, 3, at); err != nil {
		t.Fatal(err)
	}
	days, err := st.LakeDays(ctx, ws.ID, calendar.Date{Year: 2026, Month: 11, Day: 20})
	if err != nil {
		t.Fatal(err)
	}
	got := days[exporttest.Day]
	if !got.Exported || got.ExportedVersion != 3 || !got.ExportedAt.Equal(at) {
		t.Errorf("LakeDays[%s] = %+v", exporttest.Day, got)
	}
	v, err := st.DayVersion(ctx, ws.ID, exporttest.Day)
	if err != nil || v != got.Version {
		t.Errorf("DayVersion = %d, %v; LakeDays says %d", v, err, got.Version)
	}
	before, err := st.LakeDays(ctx, ws.ID, exporttest.Day)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := before[exporttest.Day]; ok {
		t.Error("LakeDays(before=Day) includes Day")
	}
}
