// Command reportbench measures every report of CONTRACT section 4 on a demo
// workspace (shared/seed traffic ingested as the webhooks would) for 7, 30 and
// 90 days: read capacity units, calls and median latency, first computed from
// raw items (before any rollup), then from finalized day summaries.
//
//	go run ./infra/reportbench            (make bench-reports)
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/schollz/progressbar/v3"

	"github.com/inboxmetrics/inbox-metrics/shared/app"
	"github.com/inboxmetrics/inbox-metrics/shared/awsclients"
	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/jobs"
	"github.com/inboxmetrics/inbox-metrics/shared/localstack"
	"github.com/inboxmetrics/inbox-metrics/shared/seed"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/tables"
	"github.com/inboxmetrics/inbox-metrics/shared/webhook"
)

func main() {
	days := flag.Int("days", 90, "days of demo traffic")
	customers := flag.Int("customers", 900, "demo customers (about 35 events each)")
	runs := flag.Int("runs", 3, "runs of each report (median time)")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if err := run(context.Background(), *days, *customers, *runs, log); err != nil {
		fmt.Fprintln(os.Stderr, "reportbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, days, customers, runs int, log *slog.Logger) error {
	stack, err := localstack.Start(ctx, localstack.Options{FastTables: true, Logger: log})
	if err != nil {
		return err
	}
	defer stack.Stop()
	dyn, err := awsclients.NewDynamo(ctx, stack.DynamoEndpoint)
	if err != nil {
		return err
	}
	const table = "reportbench"
	if err := tables.CreateTable(ctx, dyn, table); err != nil {
		return err
	}
	capacity := store.NewCapacity()
	opts := app.Options{DB: store.Metered{DB: dyn, Cap: capacity}, Table: table, Logger: log}
	st := app.NewStore(opts)
	opts.Extra = app.ReportRoutes(st, nil)
	h := app.NewHandler(opts, st)

	ws, _, err := st.PutWorkspace(ctx, domain.Workspace{ID: "demo", Name: "Demo", Timezone: "Asia/Jakarta"})
	if err != nil {
		return err
	}
	events, err := ingestDemo(ctx, st, ws, days, customers)
	if err != nil {
		return err
	}
	cal, err := calendar.New(ws.Timezone, nil)
	if err != nil {
		return err
	}
	today := cal.Today(time.Now())
	fmt.Printf("demo workspace: %d days, %d customers, %d events ingested\n\n", days, customers, events)

	raw := measureAll(ctx, h, capacity, runs)
	fmt.Fprintln(os.Stderr, "finalizing the ended days...")
	if err := jobs.Backfill(ctx, st, ws, today.AddDays(-days-1), today.AddDays(-1), nil); err != nil {
		return err
	}
	sum := measureAll(ctx, h, capacity, runs)
	printTable(raw, sum)
	return nil
}

// ingestDemo parses the demo plan as the webhooks do and ingests it, each
// batch arriving just after its events happened.
func ingestDemo(ctx context.Context, st *store.Store, ws domain.Workspace, days, customers int) (int, error) {
	now := time.Now()
	plan := seed.Generate(seed.Config{Seed: 7, Days: days, Customers: customers, Now: now, Timezone: ws.Timezone})
	bar := progressbar.NewOptions(len(plan.Requests), progressbar.OptionSetDescription("ingest demo traffic"),
		progressbar.OptionSetWriter(os.Stderr), progressbar.OptionShowCount())
	n := 0
	for _, r := range plan.Requests {
		var recs []domain.Record
		var err error
		if r.Kind == seed.KindWhatsApp {
			recs, err = webhook.ParseWhatsApp(r.Body)
		} else {
			recs, err = webhook.ParseEvents(r.Body, now)
		}
		if err != nil {
			return n, err
		}
		arrival := r.At.Add(time.Minute)
		if _, _, err := st.WithClock(func() time.Time { return arrival }).Ingest(ctx, ws, recs); err != nil {
			return n, err
		}
		n += len(recs)
		_ = bar.Add(1)
	}
	_ = bar.Finish()
	fmt.Fprintln(os.Stderr)
	return n, nil
}

// result is one report over one range.
type result struct {
	name  string
	units float64
	calls int
	time  time.Duration
}

var routes = []string{
	"/v1/reports/agents", "/v1/reports/customers", "/v1/reports/csat", "/v1/reports/overview",
	"/v1/logs/access", "/v1/logs/messages",
}

func measureAll(ctx context.Context, h *httpapi.Handler, capacity *store.Capacity, runs int) []result {
	var out []result
	for _, span := range []int{7, 30, 90} {
		to := time.Now().Format("2006-01-02")
		from := time.Now().AddDate(0, 0, -span+1).Format("2006-01-02")
		for _, path := range routes {
			out = append(out, measure(ctx, h, capacity, runs, fmt.Sprintf("%s %dd", path, span), path, "from="+from+"&to="+to))
		}
	}
	return append(out, measure(ctx, h, capacity, runs, "/v1/reports/live", "/v1/reports/live", ""))
}

func measure(ctx context.Context, h *httpapi.Handler, capacity *store.Capacity, runs int, name, path, query string) result {
	req := events.APIGatewayV2HTTPRequest{
		RawPath: path, RawQueryString: query, Headers: map[string]string{},
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "GET", Path: path},
			Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
				JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{
					Claims: map[string]string{"sub": "agt_01", "workspace_id": "demo", "role": "admin"},
				},
			},
		},
	}
	if query != "" {
		req.QueryStringParameters = map[string]string{}
		for _, kv := range strings.Split(query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			req.QueryStringParameters[k] = v
		}
	}
	var times []time.Duration
	r := result{name: name}
	for i := 0; i < runs; i++ {
		capacity.Reset()
		start := time.Now()
		resp, _ := h.Handle(ctx, req)
		times = append(times, time.Since(start))
		if resp.StatusCode != 200 {
			fmt.Fprintf(os.Stderr, "%s: status %d %s\n", name, resp.StatusCode, resp.Body)
		}
		read, _ := capacity.Totals()
		_, _, calls := capacity.Snapshot()
		r.units, r.calls = read, 0
		for _, c := range calls {
			r.calls += c
		}
	}
	slices.Sort(times)
	r.time = times[len(times)/2]
	return r
}

func printTable(raw, sum []result) {
	fmt.Println("| report, range | raw: RCU | raw: calls | raw: median | summaries: RCU | summaries: calls | summaries: median |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for i := range raw {
		fmt.Printf("| %s | %.1f | %d | %s | %.1f | %d | %s |\n", raw[i].name, raw[i].units, raw[i].calls,
			raw[i].time.Round(100*time.Microsecond), sum[i].units, sum[i].calls, sum[i].time.Round(100*time.Microsecond))
	}
}
