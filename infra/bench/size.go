package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/schollz/progressbar/v3"

	"github.com/inboxmetrics/inbox-metrics/shared/awsclients"
	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/jobs"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// sizeResult is everything measured on one workspace size.
type sizeResult struct {
	load          store.BulkResult
	loadTime      time.Duration
	loadUnits     float64
	finalizeDays  int
	finalizeTime  time.Duration
	dayBytes      [2]int // average and largest stored summary of the loaded days, bytes
	rows          []measurement
	agentsList    measurement
	runs, rawRuns int
}

func newBar(total int, what string) *progressbar.ProgressBar {
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(os.Stderr), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionSetWidth(30), progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish())
}

// benchSize loads one workspace of n tickets into a fresh table and measures it.
func benchSize(ctx context.Context, endpoint string, cfg config, n int, table string) (sizeResult, error) {
	r := sizeResult{runs: cfg.runs, rawRuns: cfg.rawRuns}
	dyn, err := awsclients.NewDynamo(ctx, endpoint)
	if err != nil {
		return r, err
	}
	if err := tables.CreateTable(ctx, dyn, table); err != nil {
		return r, err
	}
	defer func() {
		_, _ = dyn.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: &table})
	}()
	capacity := store.NewCapacity()
	counter := &itemCounter{DB: store.Metered{DB: dyn, Cap: capacity}}
	s := store.New(counter, table)
	ws, _, err := s.PutWorkspace(ctx, domain.Workspace{ID: "bench", Name: "Bench", Timezone: cfg.timezone})
	if err != nil {
		return r, err
	}
	cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
	if err != nil {
		return r, err
	}

	bar := newBar(n, fmt.Sprintf("load %d tickets", n))
	start := time.Now()
	capacity.Reset()
	r.load, err = s.BulkLoad(ctx, ws, store.BulkConfig{Tickets: n, Days: cfg.days, Agents: cfg.agents, Seed: cfg.seed, Workers: cfg.workers},
		func(done, _ int) { _ = bar.Set(done) })
	_ = bar.Finish()
	if err != nil {
		return r, err
	}
	r.loadTime = time.Since(start)
	_, r.loadUnits = capacity.Totals()
	fmt.Printf("\nloaded %d tickets in %s: %+v\n", n, r.loadTime.Round(time.Second), r.load)

	from, to := r.load.From, r.load.To
	pfrom, _ := reports.PreviousRange(from, to)
	r.finalizeDays = calendar.DaysBetween(pfrom, to) + 1
	bar = newBar(r.finalizeDays, "finalize days")
	start = time.Now()
	err = jobs.Backfill(ctx, s, ws, pfrom, to, func(done, _ int) { _ = bar.Set(done) })
	_ = bar.Finish()
	if err != nil {
		return r, err
	}
	r.finalizeTime = time.Since(start)

	b := &bench{s: s, cap: capacity, counter: counter, ws: ws, cal: cal, runs: cfg.runs}
	days, err := b.summaries(ctx, from, to)
	if err != nil {
		return r, err
	}
	for _, d := range days {
		bin, err := d.MarshalBinary()
		if err != nil {
			return r, err
		}
		r.dayBytes[0] += len(bin)
		r.dayBytes[1] = max(r.dayBytes[1], len(bin))
	}
	r.dayBytes[0] /= max(len(days), 1)

	type job struct {
		report, path string
		runs         int
		build        func() ([]byte, error)
	}
	jobsToRun := []job{
		{"agents", "summaries", cfg.runs, func() ([]byte, error) { return b.agents(ctx, b.summaries, from, to) }},
		{"agents", "raw", cfg.rawRuns, func() ([]byte, error) { return b.agents(ctx, b.raw, from, to) }},
		{"overview", "summaries", cfg.runs, func() ([]byte, error) { return b.overview(ctx, b.summaries, from, to) }},
		{"overview", "raw", cfg.rawRuns, func() ([]byte, error) { return b.overview(ctx, b.raw, from, to) }},
	}
	for _, j := range jobsToRun {
		b.runs = j.runs
		m, err := b.measure(j.report, j.path, j.build)
		if err != nil {
			return r, err
		}
		r.rows = append(r.rows, m)
	}
	for i := 0; i < len(r.rows); i += 2 {
		if string(r.rows[i].JSON) != string(r.rows[i+1].JSON) {
			return r, fmt.Errorf("the %s report from summaries differs from the one from raw facts", r.rows[i].Report)
		}
	}
	b.runs = cfg.runs
	r.agentsList, err = b.measure("agents list", "both", func() ([]byte, error) {
		_, err := s.ListAgents(ctx, ws.ID)
		return nil, err
	})
	return r, err
}

func (r sizeResult) print() {
	l := r.load
	fmt.Printf("\n## %d tickets over %d days (%s..%s), %d agents\n\n", l.Tickets, calendar.DaysBetween(l.From, l.To)+1, l.From, l.To, l.Agents)
	fmt.Printf("workspace: %d customers, %d sessions (%d bot-only), tickets %d resolved / %d answered / %d open, %d messages, %d surveys (%d answered)\n",
		l.Customers, l.Sessions, l.BotOnly, l.Resolved, l.Answered, l.Open, l.Messages, l.Surveys, l.Responses)
	fmt.Printf("bulk load: %d items in %s (%.0f items/s, %.0f write units)\n", l.Items, r.loadTime.Round(time.Second),
		float64(l.Items)/r.loadTime.Seconds(), r.loadUnits)
	fmt.Printf("finalize: %d days (the range and its previous window) in %s (%.0f ms/day)\n", r.finalizeDays,
		r.finalizeTime.Round(time.Millisecond), float64(r.finalizeTime.Milliseconds())/float64(r.finalizeDays))
	fmt.Printf("stored day summary: %d bytes on average, %d at most\n\n", r.dayBytes[0], r.dayBytes[1])
	fmt.Println("| report | path | read units | calls | items read | median wall time |")
	fmt.Println("|---|---|---:|---|---:|---:|")
	for _, m := range r.rows {
		runs := r.runs
		if m.Path == "raw" {
			runs = r.rawRuns
		}
		fmt.Printf("| %s | %s | %.1f | %s | %d | %s (of %d) |\n", m.Report, m.Path, m.Units, m.CallList(), m.Items, ms(m.Median()), runs)
	}
	a := r.agentsList
	fmt.Printf("\nincluded in every row: the agents list, %.1f units, %s, %d items, %s\n", a.Units, a.CallList(), a.Items, ms(a.Median()))
	for i := 0; i < len(r.rows); i += 2 {
		sum, raw := r.rows[i], r.rows[i+1]
		fmt.Printf("%s: raw/summaries = %.0fx read units, %.0fx items, %.1fx wall time; reports identical\n", sum.Report,
			raw.Units/sum.Units, float64(raw.Items)/float64(sum.Items), float64(raw.Median())/float64(sum.Median()))
	}
}

func printScaling(results []sizeResult) {
	fmt.Println("\n## Scaling")
	fmt.Println()
	fmt.Println("| tickets | agents from summaries: units / items / time | agents raw: units / items / time | overview from summaries: units / items / time | overview raw: units / items / time |")
	fmt.Println("|---:|---|---|---|---|")
	for _, r := range results {
		fmt.Printf("| %d |", r.load.Tickets)
		for _, m := range r.rows {
			fmt.Printf(" %.1f / %d / %s |", m.Units, m.Items, ms(m.Median()))
		}
		fmt.Println()
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
