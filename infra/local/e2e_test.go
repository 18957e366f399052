package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/app"
	"github.com/inboxmetrics/inbox-metrics/shared/auth"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/localserver"
	"github.com/inboxmetrics/inbox-metrics/shared/seed"
	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// TestLocalServerEndToEnd drives the local server only through HTTP, as a
// client of the contract would: create a workspace as operator, send a week of
// signed demo traffic through both webhooks, then read tickets, every report,
// the logs and an export as admin, and check the numbers agree with each other.
func TestLocalServerEndToEnd(t *testing.T) {
	env := testenv.New(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := settings{jwtSecret: "e2e-secret", bucket: env.Bucket, table: env.Table}
	opts := app.Options{DB: env.Dynamo, Table: env.Table, Logger: log}
	st := app.NewStore(opts)
	opts.Extra = localRoutes(st, env.S3, cfg, log)
	h := app.NewHandler(opts, st)
	srv := httptest.NewServer(localserver.New(h.Handle, localserver.Options{
		JWTSecret: cfg.jwtSecret, Bucket: env.Bucket, Table: env.Table, Logger: log,
		S3Endpoint: env.S3Endpoint, DynamoDBEndpoint: env.DynamoEndpoint, Jobs: localJobs(st, env.S3, cfg, log),
	}))
	defer srv.Close()

	operator := token(t, cfg, auth.Claims{Sub: "op", Role: domain.RoleOperator})
	var sec domain.WorkspaceSecrets
	if code := httpDo(t, srv.URL, "PUT", "/v1/workspaces/shop", operator, `{"name":"Shop","timezone":"Asia/Jakarta"}`, &sec); code != 201 {
		t.Fatalf("create workspace: %d", code)
	}
	plan := seed.Generate(seed.Config{Seed: 3, Days: 7, Customers: 40, Now: time.Now(), Timezone: "Asia/Jakarta"})
	res, err := seed.Send(context.Background(), srv.URL, "shop", seed.Secrets{EventsSecret: sec.EventsSecret, WhatsAppAppSecret: sec.WhatsAppAppSecret}, plan, seed.SendOptions{})
	if err != nil {
		t.Fatalf("send demo traffic: %v", err)
	}
	if res.Requests != len(plan.Requests) || res.Duplicates == 0 {
		t.Fatalf("sent %d of %d requests, %d duplicates", res.Requests, len(plan.Requests), res.Duplicates)
	}

	admin := token(t, cfg, auth.Claims{Sub: plan.Agents[0].ID, WorkspaceID: "shop", Role: domain.RoleAdmin})
	if code := httpDo(t, srv.URL, "GET", "/v1/tickets", "", "", nil); code != 401 {
		t.Fatalf("tickets without a token: %d, want 401", code)
	}
	from := time.Now().AddDate(0, 0, -9).Format("2006-01-02")
	var tickets struct {
		Items []struct {
			TicketID string `json:"ticket_id"`
			Status   string `json:"status"`
		} `json:"items"`
	}
	if code := httpDo(t, srv.URL, "GET", "/v1/tickets?limit=500&from="+from, admin, "", &tickets); code != 200 || len(tickets.Items) == 0 {
		t.Fatalf("tickets: %d, %d items", code, len(tickets.Items))
	}
	// An unresolved ticket absorbs its customer's next conversation, so the fold may count
	// fewer tickets than the plan assigned, never more.
	if n := len(tickets.Items); n > plan.Stats.Tickets || n < plan.Stats.Resolved*9/10 {
		t.Errorf("%d tickets listed, the plan assigned %d sessions and resolved %d", n, plan.Stats.Tickets, plan.Stats.Resolved)
	}
	var detail map[string]any
	if code := httpDo(t, srv.URL, "GET", "/v1/tickets/"+tickets.Items[0].TicketID, admin, "", &detail); code != 200 || detail["messages"] == nil {
		t.Fatalf("ticket detail: %d %v", code, detail)
	}

	var before, after map[string]json.RawMessage
	q := "?from=" + from
	reportsJSON := func() map[string]json.RawMessage {
		out := map[string]json.RawMessage{}
		for _, p := range []string{"/v1/reports/agents", "/v1/reports/customers", "/v1/reports/csat", "/v1/reports/overview"} {
			var body json.RawMessage
			if code := httpDo(t, srv.URL, "GET", p+q, admin, "", &body); code != 200 {
				t.Fatalf("%s: %d %s", p, code, body)
			}
			out[p] = body
		}
		return out
	}
	before = reportsJSON()
	var overview struct {
		Cards struct {
			Tickets int `json:"tickets"`
		} `json:"cards"`
	}
	if err := json.Unmarshal(before["/v1/reports/overview"], &overview); err != nil || overview.Cards.Tickets != len(tickets.Items) {
		t.Errorf("overview counts %d tickets, the list %d (%v)", overview.Cards.Tickets, len(tickets.Items), err)
	}
	for d := 1; d <= 9; d++ {
		day := time.Now().AddDate(0, 0, -d).Format("2006-01-02")
		if code := httpDo(t, srv.URL, "POST", "/_local/jobs/rollup?date="+day, "", "", nil); code != 200 {
			t.Fatalf("rollup %s: %d", day, code)
		}
	}
	after = reportsJSON()
	for p := range before {
		if string(before[p]) != string(after[p]) {
			t.Errorf("%s changed after the rollup:\nbefore %.300s\nafter  %.300s", p, before[p], after[p])
		}
	}

	var exp struct {
		ExportID string `json:"export_id"`
	}
	body := fmt.Sprintf(`{"dataset":"tickets","from":"%s","to":"%s","format":"csv"}`, from, time.Now().Format("2006-01-02"))
	if code := httpDo(t, srv.URL, "POST", "/v1/exports", admin, body, &exp); code != 202 {
		t.Fatalf("create export: %d", code)
	}
	var got struct {
		Status string `json:"status"`
		Rows   int    `json:"rows"`
	}
	for i := 0; i < 100 && got.Status != "done"; i++ {
		time.Sleep(50 * time.Millisecond)
		httpDo(t, srv.URL, "GET", "/v1/exports/"+exp.ExportID, admin, "", &got)
	}
	if got.Status != "done" || got.Rows != len(tickets.Items) {
		t.Fatalf("export: %+v, want done with %d rows", got, len(tickets.Items))
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest("GET", srv.URL+"/v1/exports/"+exp.ExportID+"/download", nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err := noRedirect.Do(req)
	if err != nil || resp.StatusCode != 302 {
		t.Fatalf("download: %v %v", err, resp)
	}
	file, err := http.Get(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	csv, _ := io.ReadAll(file.Body)
	file.Body.Close()
	if lines := strings.Count(strings.TrimSpace(string(csv)), "\n"); lines < len(tickets.Items) {
		t.Errorf("downloaded CSV has %d data lines, want at least %d", lines, len(tickets.Items))
	}
}

func token(t *testing.T, cfg settings, c auth.Claims) string {
	t.Helper()
	tok, err := auth.MintHS256(cfg.jwtSecret, c, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func httpDo(t *testing.T, base, method, path, tok, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", method, path, b, err)
		}
	}
	return resp.StatusCode
}
