package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sort"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/inboxmetrics/inbox-metrics/shared/auth"
	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/exports"
	"github.com/inboxmetrics/inbox-metrics/shared/jobs"
	"github.com/inboxmetrics/inbox-metrics/shared/seed"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

const demoWorkspace = "demo"

// demoHours are the demo workspace's opening hours.
var demoHours = &domain.BusinessHours{
	Weekly: map[string][]domain.OpenInterval{
		"monday": {{Open: "09:00", Close: "18:00"}}, "tuesday": {{Open: "09:00", Close: "18:00"}},
		"wednesday": {{Open: "09:00", Close: "18:00"}}, "thursday": {{Open: "09:00", Close: "18:00"}},
		"friday": {{Open: "09:00", Close: "18:00"}}, "saturday": {{Open: "09:00", Close: "13:00"}},
	},
}

// seedDemo creates the demo workspace through the API, sends the demo traffic
// through the signed webhooks, finalizes the past days and prints how to try it.
func seedDemo(ctx context.Context, base string, st *store.Store, lake *exports.Lake, capacity *store.Capacity, cfg settings, log *slog.Logger) error {
	operator, err := auth.MintHS256(cfg.jwtSecret, auth.Claims{Sub: "operator", Role: domain.RoleOperator}, 24*time.Hour)
	if err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]any{"name": "Demo Store", "timezone": cfg.demoTZ, "business_hours": demoHours})
	var created struct {
		domain.WorkspaceSecrets
	}
	status, err := call(ctx, http.MethodPut, base+"/v1/workspaces/"+demoWorkspace, operator, body, &created)
	if err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	sec := created.WorkspaceSecrets
	if status != http.StatusCreated { // kept from an earlier run (KEEP_DATA=1)
		if sec, err = st.GetSecrets(ctx, demoWorkspace); err != nil {
			return err
		}
	}
	plan := seed.Generate(seed.Config{Seed: cfg.demoSeed, Days: cfg.demoDays, Now: time.Now(), Timezone: cfg.demoTZ, Customers: cfg.demoCustomers})
	log.Info("seeding the demo workspace through the webhooks", "requests", len(plan.Requests), "events", plan.EventCount())
	capacity.Reset()
	res, err := seed.Send(ctx, base, demoWorkspace, seed.Secrets{EventsSecret: sec.EventsSecret, WhatsAppAppSecret: sec.WhatsAppAppSecret}, plan, seed.SendOptions{Progress: os.Stderr})
	if err != nil {
		return fmt.Errorf("send demo traffic: %w", err)
	}
	read, write := capacity.Totals()
	log.Info("demo traffic stored", "requests", res.Requests, "events", res.Events, "accepted", res.Accepted,
		"duplicates", res.Duplicates, "elapsed", res.Elapsed.Round(time.Millisecond),
		"wcu_per_event", fmt.Sprintf("%.2f", write/float64(res.Events)), "rcu_per_event", fmt.Sprintf("%.2f", read/float64(res.Events)))

	if err := finalizeDemo(ctx, st, cfg); err != nil {
		return err
	}
	lakeRes, err := lake.RunScheduled(ctx, time.Now())
	if err != nil {
		return fmt.Errorf("export job: %w", err)
	}
	log.Info("export job wrote the lake", "days", lakeRes.Days, "files", lakeRes.Files, "rows", lakeRes.Rows, "bytes", lakeRes.Bytes)
	admin := "admin"
	for _, a := range plan.Agents {
		if a.Role == "admin" {
			admin = a.ID
			break
		}
	}
	token, err := auth.MintHS256(cfg.jwtSecret, auth.Claims{Sub: admin, WorkspaceID: demoWorkspace, Role: domain.RoleAdmin}, 7*24*time.Hour)
	if err != nil {
		return err
	}
	printWelcome(os.Stdout, base, sec, token, plan)
	return nil
}

// finalizeDemo runs the rollup over every ended day of the demo, with progress.
func finalizeDemo(ctx context.Context, st *store.Store, cfg settings) error {
	ws, err := st.GetWorkspace(ctx, demoWorkspace)
	if err != nil {
		return err
	}
	cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
	if err != nil {
		return err
	}
	today := cal.Today(time.Now())
	from, to := today.AddDays(-cfg.demoDays-1), today.AddDays(-1)
	bar := progressbar.NewOptions(calendar.DaysBetween(from, to)+1, progressbar.OptionSetDescription("rollup: finalizing days"),
		progressbar.OptionSetWriter(os.Stderr), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	err = jobs.Backfill(ctx, st, ws, from, to, func(done, total int) { _ = bar.Set(done) })
	_ = bar.Finish()
	return err
}

func call(ctx context.Context, method, url, token string, body []byte, out any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		return resp.StatusCode, fmt.Errorf("%s %s: %d %s", method, url, resp.StatusCode, b)
	}
	return resp.StatusCode, json.Unmarshal(b, out)
}

func printWelcome(w io.Writer, base string, sec domain.WorkspaceSecrets, token string, plan *seed.Plan) {
	roles := map[string][]string{}
	for _, a := range plan.Agents {
		roles[a.Role] = append(roles[a.Role], a.ID)
	}
	keys := make([]string, 0, len(roles))
	for k := range roles {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "\nInbox Metrics is running on %s with the demo workspace %q.\n\n", base, demoWorkspace)
	fmt.Fprintf(w, "Webhook secrets (shown once):\n  events_secret          %s\n  whatsapp_app_secret    %s\n  whatsapp_verify_token  %s\n\n",
		sec.EventsSecret, sec.WhatsAppAppSecret, sec.WhatsAppVerifyToken)
	for _, k := range keys {
		fmt.Fprintf(w, "Agents with role %-10s %v\n", k+":", roles[k])
	}
	fmt.Fprintf(w, "\nAdmin token (valid 7 days):\n  export TOKEN=%s\n\nTry:\n", token)
	for _, p := range []string{
		"/v1/workspace",
		"/v1/tickets?limit=5",
		"/v1/tickets?status=open,answered&limit=5",
		"/v1/reports/agents",
		"/v1/reports/overview?granularity=week",
		"/v1/reports/customers",
		"/v1/reports/csat?limit=5",
		"/v1/reports/live",
		"/v1/logs/access?limit=5",
	} {
		fmt.Fprintf(w, "  curl -s -H \"Authorization: Bearer $TOKEN\" '%s%s'\n", base, p)
	}
	fmt.Fprintf(w, "  curl -s -X POST '%s/_local/jobs/rollup?date=%s'\n\nPress Ctrl-C to stop.\n", base, time.Now().AddDate(0, 0, -1).Format("2006-01-02"))
}
