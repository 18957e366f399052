package store_test

import (
	"context"
	"encoding/json"
	"math/rand"
	"sync"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
)

// TestDemoTrafficOrderIndependent is the end-to-end property: two days of
// realistic demo traffic ingested in plan order, and again shuffled, with a
// fifth of the records delivered twice, one record per request by four
// concurrent senders, give identical tickets, transcripts and day summaries.
func TestDemoTrafficOrderIndependent(t *testing.T) {
	batches, _, _ := demoMix(t, 2, 15)
	var recs []domain.Record
	for _, b := range batches {
		recs = append(recs, b...)
	}
	ctx := context.Background()
	ingestInOrder := func(s *store.Store, ws domain.Workspace) {
		for _, b := range batches {
			if _, _, err := s.Ingest(ctx, ws, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	ingestShuffled := func(s *store.Store, ws domain.Workspace, seed int64) {
		rng := rand.New(rand.NewSource(seed))
		mixed := append([]domain.Record(nil), recs...)
		for i := 0; i < len(recs)/5; i++ {
			mixed = append(mixed, recs[rng.Intn(len(recs))])
		}
		rng.Shuffle(len(mixed), func(i, j int) { mixed[i], mixed[j] = mixed[j], mixed[i] })
		work := make(chan domain.Record)
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for r := range work {
					if _, _, err := s.Ingest(ctx, ws, []domain.Record{r}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		for _, r := range mixed {
			work <- r
		}
		close(work)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	}
	state := func(s *store.Store, ws domain.Workspace) (string, string) {
		cal, err := calendar.New(ws.Timezone, nil)
		if err != nil {
			t.Fatal(err)
		}
		today := cal.Today(time.Now())
		days, _, err := s.DaySummaries(ctx, ws, cal, today.AddDays(-3), today)
		if err != nil {
			t.Fatal(err)
		}
		sum := reports.MergeRange(days, today.AddDays(-3), today)
		agents, err := s.ListAgents(ctx, ws.ID)
		if err != nil {
			t.Fatal(err)
		}
		over := reports.Overview(sum, &reports.DaySummary{}, nil, agents, reports.OverviewParams{})
		ag := reports.Agents(sum, agents, reports.AgentsParams{From: today.AddDays(-3), To: today, Timezone: ws.Timezone})
		b, _ := json.Marshal([]any{over, ag})
		return snapshot(t, s, ws.ID), string(b)
	}

	ref, _, ws := newStore(t)
	ingestInOrder(ref, ws)
	wantTickets, wantReports := state(ref, ws)
	if len(wantTickets) < 1000 {
		t.Fatalf("the demo mix made too few tickets to prove anything: %s", wantTickets)
	}
	for _, seed := range []int64{1, 2} {
		env := testenv.New(t)
		s := store.New(env.Dynamo, env.Table)
		ws2, _, err := s.PutWorkspace(ctx, ws)
		if err != nil {
			t.Fatal(err)
		}
		ingestShuffled(s, ws2, seed)
		gotTickets, gotReports := state(s, ws2)
		if gotTickets != wantTickets {
			t.Errorf("seed %d: tickets differ from the in-order ingest", seed)
		}
		if gotReports != wantReports {
			t.Errorf("seed %d: reports differ from the in-order ingest:\ngot  %.400s\nwant %.400s", seed, gotReports, wantReports)
		}
	}
}
