package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"sync"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func newStore(t *testing.T) (*store.Store, *store.Capacity, domain.Workspace) {
	t.Helper()
	env := testenv.New(t)
	capacity := store.NewCapacity()
	s := store.New(store.Metered{DB: env.Dynamo, Cap: capacity}, env.Table)
	ws, sec, err := s.PutWorkspace(context.Background(), domain.Workspace{ID: "acme", Name: "Acme", Timezone: "Asia/Jakarta"})
	if err != nil || sec == nil {
		t.Fatalf("create workspace: %v (secrets %v)", err, sec)
	}
	return s, capacity, ws
}

func inbound(id, cust string, min int) domain.Record {
	return domain.Record{Kind: domain.KindMessage, EventID: id, Source: "whatsapp", CustomerID: cust,
		Message: &domain.Message{ID: id, CustomerID: cust, Direction: domain.Inbound, Sender: domain.SenderCustomer,
			Channel: "whatsapp", Type: "text", Text: "hello " + id, At: at(min), ProfileName: "Budi Santoso"}}
}

func reply(id, cust, agent string, min int) domain.Record {
	return domain.Record{Kind: domain.KindMessage, EventID: "evt-" + id, Source: "helpdesk", CustomerID: cust,
		Message: &domain.Message{ID: id, CustomerID: cust, Direction: domain.Outbound, Sender: domain.SenderAgent,
			AgentID: agent, Channel: "whatsapp", Type: "text", Text: "hi, " + id, At: at(min)}}
}

func assign(id, cust, agent string, min int) domain.Record {
	return domain.Record{Kind: domain.KindAssignment, EventID: id, Source: "helpdesk", CustomerID: cust,
		Assignment: &domain.Assignment{EventID: id, AgentID: agent, At: at(min)}}
}

func resolve(id, cust, agent string, min int) domain.Record {
	return domain.Record{Kind: domain.KindResolve, EventID: id, Source: "helpdesk", CustomerID: cust,
		Resolve: &domain.Resolve{EventID: id, AgentID: agent, Category: "billing", At: at(min)}}
}

func status(msg, cust, st string, min int) domain.Record {
	return domain.Record{Kind: domain.KindStatus, EventID: msg + ":" + st, Source: "whatsapp", CustomerID: cust,
		Status: &domain.StatusUpdate{MessageID: msg, CustomerID: cust, Status: st, At: at(min)}}
}

func surveyReq(id, cust string, min int) domain.Record {
	return domain.Record{Kind: domain.KindSurveyRequest, EventID: "req-" + id, Source: "helpdesk", CustomerID: cust,
		SurveyRequest: &domain.Survey{CSATID: id, CustomerID: cust, RequestedAt: at(min)}}
}

func surveyResp(eid, id string, rating, min int) domain.Record {
	return domain.Record{Kind: domain.KindSurveyResponse, EventID: eid, Source: "helpdesk",
		SurveyResponse: &domain.SurveyResponse{EventID: eid, CSATID: id, Rating: rating, At: at(min)}}
}

// scenario is two customers: a handled ticket with a reassignment, statuses
// out of order and a survey answered twice, and a bot-only session.
func scenario() []domain.Record {
	return []domain.Record{
		inbound("wamid.1", "6281111", 0),
		assign("as-1", "6281111", "ag-1", 2),
		reply("m-2", "6281111", "ag-1", 5),
		status("m-2", "6281111", "read", 7),
		status("m-2", "6281111", "delivered", 6),
		status("m-2", "6281111", "sent", 5),
		assign("as-2", "6281111", "ag-2", 8),
		inbound("wamid.3", "6281111", 9),
		reply("m-4", "6281111", "ag-2", 12),
		resolve("rs-1", "6281111", "", 20),
		surveyReq("cs-1", "6281111", 21),
		surveyResp("sr-1", "cs-1", 3, 25),
		surveyResp("sr-2", "cs-1", 5, 30),
		inbound("wamid.9", "6282222", 3),
	}
}

func listAll(t *testing.T, s *store.Store, ws string) []domain.Ticket {
	t.Helper()
	items, next, err := s.ListTickets(context.Background(), ws, store.TicketQuery{Limit: 500})
	if err != nil || next != "" {
		t.Fatalf("list tickets: %v (next %q)", err, next)
	}
	return items
}

func TestIngestDerivesTicket(t *testing.T) {
	s, _, ws := newStore(t)
	ctx := context.Background()
	acc, dups, err := s.Ingest(ctx, ws, scenario())
	if err != nil || acc != 14 || dups != 0 {
		t.Fatalf("ingest: accepted %d duplicates %d err %v", acc, dups, err)
	}
	items := listAll(t, s, ws.ID)
	if len(items) != 1 {
		t.Fatalf("want 1 ticket, got %d", len(items))
	}
	tk := items[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"agent", tk.AgentID, "ag-2"},
		{"opening agent", tk.OpeningAgentID, "ag-1"},
		{"status", tk.Status, domain.StatusResolved},
		{"first response agent", tk.FirstResponseAgentID, "ag-1"},
		{"first response seconds", *tk.FirstResponseSeconds, 180.0},
		{"resolve seconds", *tk.ResolveSeconds, 1080.0},
		{"wait seconds", *tk.CustomerWaitSeconds, 300.0},
		{"resolved by", tk.ResolvedBy, "ag-2"},
		{"messages in", tk.MessagesIn, 2},
		{"messages out", tk.MessagesOut, 2},
		{"csat", *tk.CSATRating, 5},
		{"customer name", tk.CustomerName, "Budi Santoso"},
		{"assignments", len(tk.Assignments), 2},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	got, msgs, err := s.GetTicket(ctx, ws.ID, tk.ID)
	if err != nil || got.ID != tk.ID {
		t.Fatalf("get ticket: %v", err)
	}
	if len(msgs) != 4 || msgs[1].ID != "m-2" || msgs[1].Status != "read" {
		t.Fatalf("transcript: %+v", msgs)
	}
	if _, _, err := s.GetTicket(ctx, ws.ID, "bm9ib2R5.000000000000"); err != domain.ErrNotFound {
		t.Fatalf("unknown ticket: want ErrNotFound, got %v", err)
	}
}

func TestIngestIsIdempotent(t *testing.T) {
	s, _, ws := newStore(t)
	ctx := context.Background()
	if _, _, err := s.Ingest(ctx, ws, scenario()); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s, ws.ID)
	acc, dups, err := s.Ingest(ctx, ws, scenario())
	if err != nil {
		t.Fatal(err)
	}
	// Statuses (3) and the older survey response change nothing but are not counted as duplicates.
	if dups != 10 || acc != 4 {
		t.Fatalf("replay: accepted %d duplicates %d", acc, dups)
	}
	if after := snapshot(t, s, ws.ID); after != before {
		t.Fatalf("replay changed tickets:\nbefore %s\nafter  %s", before, after)
	}
}

// TestArrivalOrderDoesNotMatter ingests the scenario one record per request in
// shuffled orders, concurrently, and with repeats; every run must give the
// same tickets as the in-order run.
func TestArrivalOrderDoesNotMatter(t *testing.T) {
	ctx := context.Background()
	ref, _, ws := newStore(t)
	if _, _, err := ref.Ingest(ctx, ws, scenario()); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, ref, ws.ID)
	for seed := int64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s, _, ws := newStore(t)
			recs := scenario()
			rng := rand.New(rand.NewSource(seed))
			recs = append(recs, recs[:rng.Intn(len(recs))]...)
			rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
			var wg sync.WaitGroup
			errs := make(chan error, len(recs))
			for i, r := range recs {
				if seed%2 == 0 { // even seeds: sequential, odd seeds: all at once
					if _, _, err := s.Ingest(ctx, ws, []domain.Record{r}); err != nil {
						t.Fatal(err)
					}
					continue
				}
				wg.Add(1)
				go func(i int, r domain.Record) {
					defer wg.Done()
					_, _, err := s.Ingest(ctx, ws, []domain.Record{r})
					errs <- err
				}(i, r)
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if got := snapshot(t, s, ws.ID); got != want {
				t.Fatalf("tickets differ from in-order ingest:\ngot  %s\nwant %s", got, want)
			}
		})
	}
}

func snapshot(t *testing.T, s *store.Store, ws string) string {
	t.Helper()
	items := listAll(t, s, ws)
	type full struct {
		T    domain.Ticket
		Msgs []domain.Message
	}
	var out []full
	for _, tk := range items {
		got, msgs, err := s.GetTicket(context.Background(), ws, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, full{got, msgs})
	}
	b, _ := json.Marshal(out)
	return string(b)
}
