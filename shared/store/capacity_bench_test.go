package store_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/seed"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
	"github.com/inboxmetrics/inbox-metrics/shared/webhook"
)

// demoMix parses a small demo plan into ingest batches, exactly as the
// webhook handlers would.
func demoMix(tb testing.TB, days, customers int) (batches [][]domain.Record, messageEvents, events int) {
	tb.Helper()
	now := time.Now()
	plan := seed.Generate(seed.Config{Seed: 11, Days: days, Customers: customers, Now: now, Timezone: "Asia/Jakarta"})
	for _, r := range plan.Requests {
		var recs []domain.Record
		var err error
		if r.Kind == seed.KindWhatsApp {
			recs, err = webhook.ParseWhatsApp(r.Body)
		} else {
			recs, err = webhook.ParseEvents(r.Body, now)
		}
		if err != nil {
			tb.Fatalf("parse demo request: %v", err)
		}
		for _, rec := range recs {
			if rec.Kind == domain.KindMessage || rec.Kind == domain.KindStatus {
				messageEvents++
			}
		}
		events += len(recs)
		batches = append(batches, recs)
	}
	return batches, messageEvents, events
}

// BenchmarkIngestCapacity ingests a week of demo traffic and reports the
// DynamoDB capacity per event, by item kind and by index (index writes modeled
// with store.IndexModel, since dynalite reports table capacity only).
//
//	go test ./shared/store -run '^$' -bench IngestCapacity -benchtime 1x -v
func BenchmarkIngestCapacity(b *testing.B) {
	batches, msgEvents, events := demoMix(b, 7, 80)
	for i := 0; i < b.N; i++ {
		env := testenv.New(b)
		capacity := store.NewCapacity()
		model := store.NewIndexModel(env.Dynamo, capacity, env.Table)
		s := store.New(model, env.Table)
		ws, _, err := s.PutWorkspace(context.Background(), domain.Workspace{ID: "bench", Name: "Bench", Timezone: "Asia/Jakarta"})
		if err != nil {
			b.Fatal(err)
		}
		capacity.Reset()
		for k := range model.Items {
			delete(model.Items, k)
		}
		b.StartTimer()
		var waWrite, waRead float64
		waUpdates := 0
		for _, recs := range batches {
			// Each batch arrives just after its events happened, as live traffic does.
			arrival := latest(recs).Add(time.Minute)
			r0, w0 := capacity.Totals()
			if _, _, err := s.WithClock(func() time.Time { return arrival }).Ingest(context.Background(), ws, recs); err != nil {
				b.Fatal(err)
			}
			if recs[0].Source == "whatsapp" {
				r1, w1 := capacity.Totals()
				waWrite, waRead, waUpdates = waWrite+w1-w0, waRead+r1-r0, waUpdates+len(recs)
			}
		}
		b.StopTimer()
		b.ReportMetric(waWrite/float64(waUpdates), "WCU/whatsapp-update")
		b.ReportMetric(waRead/float64(waUpdates), "RCU/whatsapp-update")
		read, write, _ := capacity.Snapshot()
		var rt, wt float64
		for _, v := range read {
			rt += v
		}
		for _, v := range write {
			wt += v
		}
		b.ReportMetric(wt/float64(events), "WCU/event")
		b.ReportMetric(rt/float64(events), "RCU/event")
		b.Logf("events %d (message events %d); WCU %.0f, RCU %.1f", events, msgEvents, wt, rt)
		b.Logf("write units by index: %s", perEvent(write, events))
		b.Logf("read units by index:  %s", perEvent(read, events))
		b.Logf("write units by item kind: %s", perEvent(model.Items, events))
	}
}

func perEvent(m map[string]float64, events int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%.3f", k, m[k]/float64(events))
	}
	return strings.Join(parts, ", ")
}

func latest(recs []domain.Record) time.Time {
	var t time.Time
	for _, r := range recs {
		for _, at := range []time.Time{recordTime(r)} {
			if at.After(t) {
				t = at
			}
		}
	}
	return t
}

func recordTime(r domain.Record) time.Time {
	switch {
	case r.Message != nil:
		return r.Message.At
	case r.Status != nil:
		return r.Status.At
	case r.Assignment != nil:
		return r.Assignment.At
	case r.Resolve != nil:
		return r.Resolve.At
	case r.Labeling != nil:
		return r.Labeling.At
	case r.SurveyRequest != nil:
		return r.SurveyRequest.RequestedAt
	case r.SurveyResponse != nil:
		return r.SurveyResponse.At
	case r.Call != nil:
		return r.Call.At
	case r.Profile != nil:
		return r.Profile.At
	case r.Agent != nil:
		return r.Agent.UpdatedAt
	case r.Access != nil:
		return r.Access.At
	}
	return time.Time{}
}

// TestIngestCapacityWithinBudget guards the cost targets of issue 2: on live
// demo traffic, at most 5 write units and 2 read units per message event on
// average (index writes modeled as DynamoDB charges them).
func TestIngestCapacityWithinBudget(t *testing.T) {
	batches, _, _ := demoMix(t, 3, 30)
	env := testenv.New(t)
	capacity := store.NewCapacity()
	s := store.New(store.NewIndexModel(env.Dynamo, capacity, env.Table), env.Table)
	ws, _, err := s.PutWorkspace(context.Background(), domain.Workspace{ID: "budget", Name: "Budget", Timezone: "Asia/Jakarta"})
	if err != nil {
		t.Fatal(err)
	}
	capacity.Reset()
	var write, read float64
	updates := 0
	for _, recs := range batches {
		arrival := latest(recs).Add(time.Minute)
		r0, w0 := capacity.Totals()
		if _, _, err := s.WithClock(func() time.Time { return arrival }).Ingest(context.Background(), ws, recs); err != nil {
			t.Fatal(err)
		}
		if recs[0].Source == "whatsapp" {
			r1, w1 := capacity.Totals()
			write, read, updates = write+w1-w0, read+r1-r0, updates+len(recs)
		}
	}
	if updates < 100 {
		t.Fatalf("demo mix too small: %d WhatsApp updates", updates)
	}
	if w := write / float64(updates); w > 5 {
		t.Errorf("%.2f write units per message event, budget 5", w)
	}
	if r := read / float64(updates); r > 2 {
		t.Errorf("%.2f read units per message event, budget 2", r)
	}
}
