package store

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
)

// bulkNow is the clock of the bulk tests: mid-afternoon in Jakarta.
var bulkNow = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

func bulkStore(t *testing.T) (*Store, *Capacity, domain.Workspace) {
	t.Helper()
	env := testenv.New(t)
	c := NewCapacity()
	s := New(Metered{DB: env.Dynamo, Cap: c}, env.Table)
	s.now = func() time.Time { return bulkNow }
	ws, _, err := s.PutWorkspace(context.Background(), domain.Workspace{ID: "bulk", Name: "Bulk", Timezone: "Asia/Jakarta"})
	if err != nil {
		t.Fatalf("create workspace: %v", err)
	}
	return s, c, ws
}

func TestBulkGenerationIsDeterministic(t *testing.T) {
	cal, err := calendar.New("Asia/Jakarta", nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := BulkConfig{Tickets: 300, Days: 7, Agents: 6, Seed: 42}.withDefaults(cal.Today(bulkNow))
	gen := func(seed uint64) (BulkResult, string) {
		c := cfg
		c.Seed = seed
		g := newBulkGen("w", cal, c, bulkNow)
		items, err := g.agentItems()
		if err != nil {
			t.Fatal(err)
		}
		for no := int64(1); g.res.Tickets < c.Tickets; no++ {
			its, err := g.customer(no, c.Tickets-g.res.Tickets)
			if err != nil {
				t.Fatal(err)
			}
			items = append(items, its...)
		}
		g.res.Items = len(items)
		b, err := json.Marshal(items)
		if err != nil {
			t.Fatal(err)
		}
		return g.res, string(b)
	}
	r1, b1 := gen(42)
	r2, b2 := gen(42)
	_, b3 := gen(43)
	if r1 != r2 || b1 != b2 {
		t.Fatalf("same seed, different workspaces:\n%+v\n%+v", r1, r2)
	}
	if b1 == b3 {
		t.Fatal("different seeds gave the same workspace")
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"exact ticket count", r1.Tickets == 300},
		{"statuses add up", r1.Resolved+r1.Answered+r1.Open == r1.Tickets},
		{"sessions = tickets + bot-only", r1.Sessions == r1.Tickets+r1.BotOnly},
		{"some bot-only sessions", r1.BotOnly > 0},
		{"some open and answered tickets", r1.Open > 0 && r1.Answered > 0},
		{"mostly resolved", r1.Resolved > r1.Tickets/2},
		{"customers come back", r1.Customers < r1.Sessions},
		{"2-6 messages per session", r1.Messages >= 2*r1.Tickets && r1.Messages <= 6*r1.Sessions},
		{"some surveys answered", r1.Surveys > 0 && r1.Responses > 0 && r1.Responses < r1.Surveys},
		{"window", r1.From.String() == "2026-11-13" && r1.To.String() == "2026-11-19"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: %+v", c.name, r1)
		}
	}
}

// TestBulkLoadRefoldsToItself loads a small workspace and re-folds every
// customer from its stored inputs: the fold must find nothing to write, which
// proves the loaded derived items and #STATE are what the fold would write.
func TestBulkLoadRefoldsToItself(t *testing.T) {
	s, capacity, ws := bulkStore(t)
	ctx := context.Background()
	var calls, last int
	res, err := s.BulkLoad(ctx, ws, BulkConfig{Tickets: 200, Days: 5, Agents: 5, Seed: 7}, func(done, total int) {
		calls++
		if done < last || total != 200 {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Tickets != 200 || last != 200 || calls < 2 {
		t.Fatalf("result %+v, last progress %d after %d calls", res, last, calls)
	}
	_, write, ops := capacity.Snapshot()
	if ops["PutItem"] != 2 || ops["BatchWriteItem"] < res.Items/batchWriteSize || write["table"] < float64(res.Items) {
		t.Fatalf("writes: calls %v, units %v for %d items", ops, write, res.Items)
	}
	tickets, next, err := s.ListTickets(ctx, ws.ID, TicketQuery{Limit: 500})
	if err != nil || next != "" || len(tickets) != 200 {
		t.Fatalf("list tickets: %d tickets, next %q, err %v", len(tickets), next, err)
	}
	cal, _ := calendar.New(ws.Timezone, nil)
	before := bulkReport(t, s, ws, cal, res.From, res.To)

	customers := bulkCustomers(t, s, ws.ID)
	if len(customers) != res.Customers {
		t.Fatalf("%d #STATE items, %d customers generated", len(customers), res.Customers)
	}
	capacity.Reset()
	for _, c := range customers {
		if err := s.FoldCustomer(ctx, ws, c); err != nil {
			t.Fatal(err)
		}
	}
	_, _, ops = capacity.Snapshot()
	if ops["PutItem"] != 0 || ops["UpdateItem"] != len(customers) {
		t.Fatalf("re-fold wrote: %v (want only %d version bumps)", ops, len(customers))
	}
	if after := bulkReport(t, s, ws, cal, res.From, res.To); after != before {
		t.Fatalf("re-fold changed the reports:\nbefore %s\nafter  %s", before, after)
	}
	if _, err := s.BulkLoad(ctx, ws, BulkConfig{Tickets: 10, Days: 2}, nil); err == nil {
		t.Fatal("a second bulk load into the same workspace was accepted")
	}
}

// TestBulkItemsMatchIngest ingests one generated customer through Ingest and
// compares every item of its partition (and survey masters) with the bulk items.
func TestBulkItemsMatchIngest(t *testing.T) {
	s, _, ws := bulkStore(t)
	ctx := context.Background()
	cal, _ := calendar.New(ws.Timezone, nil)
	cfg := BulkConfig{Tickets: 1000, Days: 20, Agents: 8, Seed: 3}.withDefaults(cal.Today(bulkNow))
	g := newBulkGen(ws.ID, cal, cfg, bulkNow)
	if _, err := g.agentItems(); err != nil {
		t.Fatal(err)
	}
	var b *bulkTimeline
	for no := int64(1); ; no++ { // a customer with every kind of fact
		b = g.timeline(no, 5)
		tl := b.tl
		if len(tl.Resolves) > 0 && len(tl.Labelings) > 0 && len(tl.Surveys) > 0 && tl.Surveys[0].Responded && len(tl.Assignments) > len(tl.Resolves) {
			break
		}
		if no > 5000 {
			t.Fatal("no customer with resolves, labels, reassignments and an answered survey")
		}
	}
	want, err := g.items(b, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Ingest(ctx, ws, bulkRecords(b)); err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]types.AttributeValue{}
	for _, it := range want {
		pk, sk := getS(it, attrPK), getS(it, attrSK)
		out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: key(pk, sk), ConsistentRead: aws.Bool(true)})
		if err != nil || out.Item == nil {
			t.Fatalf("ingest did not write %s %s (err %v)", pk, sk, err)
		}
		got[pk+" "+sk] = out.Item
	}
	n, err := s.queryCount(ctx, customerPK(ws.ID, b.tl.CustomerID))
	if err != nil {
		t.Fatal(err)
	}
	if wantN := countPK(want, customerPK(ws.ID, b.tl.CustomerID)); n != wantN {
		t.Fatalf("ingest wrote %d items in the customer partition, bulk %d", n, wantN)
	}
	for _, it := range want {
		id := getS(it, attrPK) + " " + getS(it, attrSK)
		if a, b := comparable(got[id]), comparable(it); !reflect.DeepEqual(a, b) {
			t.Errorf("item %s differs:\ningest %v\nbulk   %v", id, a, b)
		}
	}
}

// comparable drops the fold version counters, which count ingest's writes.
func comparable(it map[string]types.AttributeValue) map[string]types.AttributeValue {
	out := map[string]types.AttributeValue{}
	for k, v := range it {
		if k != "n" && k != "folded" && k != "v" {
			out[k] = v
		}
	}
	return out
}

func countPK(items []map[string]types.AttributeValue, pk string) int {
	n := 0
	for _, it := range items {
		if getS(it, attrPK) == pk {
			n++
		}
	}
	return n
}

func (s *Store) queryCount(ctx context.Context, pk string) (int, error) {
	n := 0
	err := s.queryAll(ctx, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("pk = :p"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": str(pk)},
	}, func(map[string]types.AttributeValue) error { n++; return nil })
	return n, err
}

// bulkRecords turns a generated timeline into the ingest records that carry it.
func bulkRecords(b *bulkTimeline) []domain.Record {
	tl := b.tl
	c := tl.CustomerID
	var recs []domain.Record
	for _, m := range tl.Messages {
		st, stAt := m.Status, m.StatusAt
		m.Status, m.StatusAt = "", time.Time{}
		msg := m
		if ev := b.hdEvents[m.ID]; ev != "" {
			recs = append(recs, domain.Record{Kind: domain.KindMessage, EventID: ev, Source: "helpdesk", EventType: "message.created", CustomerID: c, Message: &msg})
		} else {
			recs = append(recs, domain.Record{Kind: domain.KindMessage, EventID: m.ID, Source: "whatsapp", EventType: "messages", CustomerID: c, Message: &msg})
		}
		if st != "" {
			recs = append(recs, domain.Record{Kind: domain.KindStatus, EventID: m.ID + ":" + st, Source: "whatsapp", CustomerID: c,
				Status: &domain.StatusUpdate{MessageID: m.ID, CustomerID: c, Status: st, At: stAt}})
		}
	}
	for i := range tl.Assignments {
		a := tl.Assignments[i]
		recs = append(recs, domain.Record{Kind: domain.KindAssignment, EventID: a.EventID, Source: "helpdesk", EventType: "conversation.assigned", CustomerID: c, Assignment: &a})
	}
	for i := range tl.Resolves {
		r := tl.Resolves[i]
		recs = append(recs, domain.Record{Kind: domain.KindResolve, EventID: r.EventID, Source: "helpdesk", EventType: "conversation.resolved", CustomerID: c, Resolve: &r})
	}
	for i := range tl.Labelings {
		l := tl.Labelings[i]
		recs = append(recs, domain.Record{Kind: domain.KindLabeling, EventID: l.EventID, Source: "helpdesk", EventType: "conversation.labeled", CustomerID: c, Labeling: &l})
	}
	for _, sv := range tl.Surveys {
		req := domain.Survey{CSATID: sv.CSATID, CustomerID: c, AgentID: sv.AgentID, RequestedAt: sv.RequestedAt}
		recs = append(recs, domain.Record{Kind: domain.KindSurveyRequest, EventID: "req-" + sv.CSATID, Source: "helpdesk", CustomerID: c, SurveyRequest: &req})
		if sv.Responded {
			recs = append(recs, domain.Record{Kind: domain.KindSurveyResponse, EventID: sv.ResponseEventID, Source: "helpdesk",
				SurveyResponse: &domain.SurveyResponse{EventID: sv.ResponseEventID, CSATID: sv.CSATID, Rating: sv.Rating, Comment: sv.Comment, At: sv.RespondedAt}})
		}
	}
	return recs
}

// bulkCustomers lists the customers of a workspace from their #STATE items (FI index).
func bulkCustomers(t *testing.T, s *Store, ws string) []string {
	t.Helper()
	var out []string
	prefix := len(customerPK(ws, ""))
	err := s.queryAll(context.Background(), &dynamodb.QueryInput{
		IndexName:                 aws.String(indexGSI3),
		KeyConditionExpression:    aws.String("gsi3pk = :p"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": str(idxFirstIn(ws))},
	}, func(it map[string]types.AttributeValue) error {
		out = append(out, getS(it, attrPK)[prefix:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// bulkReport renders the agents and overview reports of a range as JSON.
func bulkReport(t *testing.T, s *Store, ws domain.Workspace, cal *calendar.Calendar, from, to calendar.Date) string {
	t.Helper()
	ctx := context.Background()
	days, _, err := s.DaySummaries(ctx, ws, cal, from, to)
	if err != nil {
		t.Fatal(err)
	}
	agents, err := s.ListAgents(ctx, ws.ID)
	if err != nil {
		t.Fatal(err)
	}
	sum := reports.MergeRange(days, from, to)
	b, err := json.Marshal([]any{
		reports.Agents(sum, agents, reports.AgentsParams{From: from, To: to, Timezone: ws.Timezone}),
		reports.Overview(sum, nil, reports.Series(days, from, to, calendar.Day), agents, reports.OverviewParams{}),
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
