package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// reader returns the day summaries of from..to one way or the other.
type reader func(ctx context.Context, from, to calendar.Date) (map[calendar.Date]*reports.DaySummary, error)

// measurement is the cost of building one report one way.
type measurement struct {
	Report, Path string
	Units        float64        // read capacity units, as the local DynamoDB reports them
	Calls        map[string]int // calls by operation
	Items        int64          // items read
	Times        []time.Duration
	JSON         []byte // the report, to check both paths agree
}

// CallCount is the number of calls of every operation.
func (m measurement) CallCount() int {
	n := 0
	for _, c := range m.Calls {
		n += c
	}
	return n
}

// Median is the median wall time of the runs.
func (m measurement) Median() time.Duration {
	t := slices.Clone(m.Times)
	slices.Sort(t)
	return t[len(t)/2]
}

// CallList formats the calls as "Query 1, BatchGetItem 3".
func (m measurement) CallList() string {
	ops := make([]string, 0, len(m.Calls))
	for op, n := range m.Calls {
		ops = append(ops, fmt.Sprintf("%s %d", op, n))
	}
	sort.Strings(ops)
	return strings.Join(ops, ", ")
}

// bench measures the reports of one loaded workspace.
type bench struct {
	s       *store.Store
	cap     *store.Capacity
	counter *itemCounter
	ws      domain.Workspace
	cal     *calendar.Calendar
	runs    int
}

// summaries is the report path: DaySummaries (finalized summaries, raw facts for the rest).
func (b *bench) summaries(ctx context.Context, from, to calendar.Date) (map[calendar.Date]*reports.DaySummary, error) {
	days, src, err := b.s.DaySummaries(ctx, b.ws, b.cal, from, to)
	if err != nil {
		return nil, err
	}
	if src.Live != 0 {
		return nil, fmt.Errorf("%d of the days %s..%s are not finalized", src.Live, from, to)
	}
	return days, nil
}

// raw is what DaySummaries does for days without a valid summary: DayFacts, then Summarize per day.
func (b *bench) raw(ctx context.Context, from, to calendar.Date) (map[calendar.Date]*reports.DaySummary, error) {
	facts, err := b.s.DayFacts(ctx, b.ws.ID, b.cal, from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[calendar.Date]*reports.DaySummary, len(facts))
	for d, f := range facts {
		out[d] = reports.Summarize(*f, b.cal)
	}
	return out, nil
}

// agents builds the agents report of from..to as the API does.
func (b *bench) agents(ctx context.Context, read reader, from, to calendar.Date) ([]byte, error) {
	days, err := read(ctx, from, to)
	if err != nil {
		return nil, err
	}
	agents, err := b.s.ListAgents(ctx, b.ws.ID)
	if err != nil {
		return nil, err
	}
	p := reports.AgentsParams{From: from, To: to, Timezone: b.ws.Timezone}
	return json.Marshal(reports.Agents(reports.MergeRange(days, from, to), agents, p))
}

// overview builds the overview of from..to, with its previous window and a daily series, as the API does.
func (b *bench) overview(ctx context.Context, read reader, from, to calendar.Date) ([]byte, error) {
	pfrom, pto := reports.PreviousRange(from, to)
	days, err := read(ctx, pfrom, to)
	if err != nil {
		return nil, err
	}
	agents, err := b.s.ListAgents(ctx, b.ws.ID)
	if err != nil {
		return nil, err
	}
	rep := reports.Overview(reports.MergeRange(days, from, to), reports.MergeRange(days, pfrom, pto),
		reports.Series(days, from, to, calendar.Day), agents, reports.OverviewParams{})
	return json.Marshal(rep)
}

// measure runs build b.runs times and records the cost of the first run and every wall time.
func (b *bench) measure(report, path string, build func() ([]byte, error)) (measurement, error) {
	m := measurement{Report: report, Path: path}
	for i := 0; i < b.runs; i++ {
		b.cap.Reset()
		b.counter.take()
		start := time.Now()
		js, err := build()
		elapsed := time.Since(start)
		if err != nil {
			return m, fmt.Errorf("%s report from %s: %w", report, path, err)
		}
		units, _ := b.cap.Totals()
		_, _, calls := b.cap.Snapshot()
		items := b.counter.take()
		if i == 0 {
			m.Units, m.Calls, m.Items, m.JSON = units, calls, items, js
		} else if units != m.Units || items != m.Items || string(js) != string(m.JSON) {
			return m, fmt.Errorf("%s report from %s: run %d read %.1f units and %d items, run 1 %.1f and %d",
				report, path, i+1, units, items, m.Units, m.Items)
		}
		m.Times = append(m.Times, elapsed)
	}
	return m, nil
}
