package store_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/jobs"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
)

var jakarta = mustLoc("Asia/Jakarta")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// lm is the minute offset from t0 of a local Jakarta time in November 2026,
// for the record helpers of store_test.go.
func lm(day, hh, mm int) int {
	return int(time.Date(2026, 11, day, hh, mm, 0, 0, jakarta).Sub(t0) / time.Minute)
}

// rollupNow is the rollup tests' clock: 03:00 on 6 November in Jakarta, so
// 6 November is today and every earlier day has ended.
var rollupNow = time.Date(2026, 11, 6, 3, 0, 0, 0, jakarta)

func date(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

type rollupEnv struct {
	s     *store.Store
	cap   *store.Capacity
	db    *dynamodb.Client
	table string
	ws    domain.Workspace
}

func newRollupEnv(t *testing.T) *rollupEnv {
	t.Helper()
	env := testenv.New(t)
	c := store.NewCapacity()
	s := store.New(store.Metered{DB: env.Dynamo, Cap: c}, env.Table).WithClock(func() time.Time { return rollupNow })
	ws, _, err := s.PutWorkspace(context.Background(), domain.Workspace{ID: "acme", Name: "Acme", Timezone: "Asia/Jakarta"})
	if err != nil {
		t.Fatalf("create workspace: %v", err)
	}
	return &rollupEnv{s: s, cap: c, db: env.Dynamo, table: env.Table, ws: ws}
}

func agentRec(id, name, team string) domain.Record {
	return domain.Record{Kind: domain.KindAgent, EventID: "agent-" + id, Source: "helpdesk",
		Agent: &domain.Agent{ID: id, Name: name, Role: domain.RoleAgent, Team: team, UpdatedAt: t0}}
}

func botReply(id, cust string, min int) domain.Record {
	r := reply(id, cust, "", min)
	r.Message.Sender = domain.SenderBot
	return r
}

// smallWorkspace is five local days of traffic with events just before and
// after local midnight, a bot-only session, CSAT and a ticket of today.
func smallWorkspace() []domain.Record {
	return []domain.Record{
		agentRec("ag-1", "Ayu", "billing"),
		agentRec("ag-2", "Bayu", "sales"),
		// c1: opened 23:50 on the 2nd, answered and resolved after midnight, rated on the 3rd.
		inbound("wamid.c1a", "6281100001", lm(2, 23, 50)),
		assign("as-c1a", "6281100001", "ag-1", lm(2, 23, 55)),
		reply("m-c1a", "6281100001", "ag-1", lm(3, 0, 5)),
		resolve("rs-c1a", "6281100001", "ag-1", lm(3, 0, 30)),
		surveyReq("cs-c1a", "6281100001", lm(3, 0, 31)),
		surveyResp("sr-c1a", "cs-c1a", 4, lm(3, 0, 40)),
		// c2: a whole-day ticket resolved at 23:59 on the 4th, rated just after midnight.
		inbound("wamid.c2a", "6281100002", lm(3, 10, 0)),
		assign("as-c2a", "6281100002", "ag-2", lm(3, 10, 2)),
		reply("m-c2a", "6281100002", "ag-2", lm(3, 10, 20)),
		inbound("wamid.c2b", "6281100002", lm(4, 9, 0)),
		reply("m-c2b", "6281100002", "ag-2", lm(4, 9, 5)),
		resolve("rs-c2a", "6281100002", "ag-2", lm(4, 23, 59)),
		surveyReq("cs-c2a", "6281100002", lm(5, 0, 0)),
		surveyResp("sr-c2a", "cs-c2a", 5, lm(5, 0, 1)),
		// c3: bot-only session at 23:58 on the 4th.
		inbound("wamid.c3a", "6591100003", lm(4, 23, 58)),
		botReply("m-c3a", "6591100003", lm(4, 23, 59)),
		// c1 comes back on the 5th: answered, still open.
		inbound("wamid.c1b", "6281100001", lm(5, 9, 0)),
		assign("as-c1b", "6281100001", "ag-1", lm(5, 9, 1)),
		reply("m-c1b", "6281100001", "ag-1", lm(5, 9, 10)),
		// c4: today, 00:30, not answered yet.
		inbound("wamid.c4a", "6281100004", lm(6, 0, 30)),
		assign("as-c4a", "6281100004", "ag-2", lm(6, 0, 31)),
	}
}

// rangeReports renders the agents, overview (with its previous window) and
// customers reports of from..to as JSON, the way the API builds them.
func rangeReports(t *testing.T, e *rollupEnv, from, to calendar.Date) (string, store.SummarySource) {
	t.Helper()
	ctx := context.Background()
	cal, err := calendar.New(e.ws.Timezone, e.ws.BusinessHours)
	if err != nil {
		t.Fatal(err)
	}
	pfrom, pto := reports.PreviousRange(from, to)
	month := reports.MonthStart(to)
	lo := pfrom
	if month.Before(lo) {
		lo = month
	}
	days, src, err := e.s.DaySummaries(ctx, e.ws, cal, lo, to)
	if err != nil {
		t.Fatal(err)
	}
	agents, err := e.s.ListAgents(ctx, e.ws.ID)
	if err != nil {
		t.Fatal(err)
	}
	sum := reports.MergeRange(days, from, to)
	b, err := json.Marshal(map[string]any{
		"agents":    reports.Agents(sum, agents, reports.AgentsParams{From: from, To: to, Timezone: e.ws.Timezone}),
		"teams":     reports.Agents(sum, agents, reports.AgentsParams{From: from, To: to, Timezone: e.ws.Timezone, GroupBy: reports.GroupByTeam, BusinessHours: true}),
		"overview":  reports.Overview(sum, reports.MergeRange(days, pfrom, pto), reports.Series(days, from, to, calendar.Day), agents, reports.OverviewParams{}),
		"customers": reports.Customers(sum, reports.MergeRange(days, month, to), reports.Series(days, from, to, calendar.Week)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b), src
}

// rawReports is rangeReports computed from the raw facts only (no stored summary).
func rawReports(t *testing.T, e *rollupEnv, from, to calendar.Date) string {
	t.Helper()
	raw := &rollupEnv{s: store.New(rawOnly{e.db}, e.table).WithClock(func() time.Time { return rollupNow }), ws: e.ws}
	out, src := rangeReports(t, raw, from, to)
	if src.Stored != 0 {
		t.Fatalf("raw path used %d stored days", src.Stored)
	}
	return out
}

// rawOnly hides the day items, so DaySummaries computes every day from raw facts.
type rawOnly struct{ *dynamodb.Client }

func (r rawOnly) Query(ctx context.Context, in *dynamodb.QueryInput, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	if p, ok := in.ExpressionAttributeValues[":p"].(*types.AttributeValueMemberS); ok && in.IndexName == nil && len(p.Value) > 4 && p.Value[len(p.Value)-4:] == "#DAY" {
		return &dynamodb.QueryOutput{}, nil
	}
	return r.Client.Query(ctx, in, o...)
}

// dayItem reads a day item (pk W#<ws>#DAY, sk YYYY-MM-DD) straight from the table.
func (e *rollupEnv) dayItem(t *testing.T, d string) map[string]types.AttributeValue {
	t.Helper()
	out, err := e.db.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: &e.table, ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: "W#" + e.ws.ID + "#DAY"},
			"sk": &types.AttributeValueMemberS{Value: d},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.Item
}

func agentRow(rep reports.AgentsReport, id string) reports.Row {
	for _, r := range rep.Rows {
		if r.AgentID == id {
			return r
		}
	}
	return reports.Row{}
}

func (e *rollupEnv) finalize(t *testing.T, from, to calendar.Date) {
	t.Helper()
	if err := jobs.Backfill(context.Background(), e.s, e.ws, from, to, nil); err != nil {
		t.Fatal(err)
	}
}

func (e *rollupEnv) ingest(t *testing.T, recs []domain.Record) {
	t.Helper()
	if _, _, err := e.s.Ingest(context.Background(), e.ws, recs); err != nil {
		t.Fatal(err)
	}
}

var testRanges = []struct{ from, to string }{
	{"2026-11-01", "2026-11-06"},
	{"2026-11-02", "2026-11-03"},
	{"2026-11-03", "2026-11-05"},
	{"2026-11-04", "2026-11-04"},
	{"2026-11-05", "2026-11-06"},
	{"2026-10-20", "2026-11-05"},
}

// TestSummariesMatchLiveReports finalizes every ended day and checks that the
// reports over several ranges are byte-identical before and after, and that
// the stored summaries were used for every ended day.
func TestSummariesMatchLiveReports(t *testing.T) {
	e := newRollupEnv(t)
	e.ingest(t, smallWorkspace())
	before := map[int]string{}
	for i, r := range testRanges {
		from, to := date(r.from), date(r.to)
		got, src := rangeReports(t, e, from, to)
		before[i] = got
		if src.Stored != 0 {
			t.Fatalf("%s..%s before finalizing: %+v", r.from, r.to, src)
		}
	}
	e.finalize(t, date("2026-09-01"), date("2026-11-05"))
	for i, r := range testRanges {
		t.Run(r.from+".."+r.to, func(t *testing.T) {
			from, to := date(r.from), date(r.to)
			got, src := rangeReports(t, e, from, to)
			if got != before[i] {
				t.Fatalf("reports differ after finalizing:\nbefore %s\nafter  %s", before[i], got)
			}
			pfrom, _ := reports.PreviousRange(from, to)
			lo := min(pfrom.String(), reports.MonthStart(to).String())
			days := calendar.DaysBetween(date(lo), to) + 1
			wantLive := 0
			if to.String() == "2026-11-06" {
				wantLive = 1 // today is always live
			}
			if src.Live != wantLive || src.Stored != days-wantLive {
				t.Fatalf("source %+v, want %d stored and %d live", src, days-wantLive, wantLive)
			}
		})
	}
	// The figures themselves, for one range: midnight placement in Jakarta.
	var rep struct {
		Agents   reports.AgentsReport   `json:"agents"`
		Overview reports.OverviewReport `json:"overview"`
	}
	got, _ := rangeReports(t, e, date("2026-11-03"), date("2026-11-03"))
	if err := json.Unmarshal([]byte(got), &rep); err != nil {
		t.Fatal(err)
	}
	c := rep.Overview.Cards
	if c.Conversations != 1 || c.Tickets != 1 || c.MessagesIn != 1 || c.MessagesOut != 2 || c.RatingCount != 1 {
		t.Fatalf("3 Nov cards: %+v", c)
	}
	if s := rep.Agents.Summary; s.Tickets != 1 || s.Answered != 2 || s.Resolved != 1 || s.CSAT.Count != 1 {
		t.Fatalf("3 Nov agents summary: %+v", s)
	}
}

// TestLateEventAfterFinalizing: a late event for a finalized day shows at once
// (the day falls back to live), and re-finalizing restores stored summaries
// with the bytes a fresh summary of the day has.
func TestLateEventAfterFinalizing(t *testing.T) {
	e := newRollupEnv(t)
	ctx := context.Background()
	e.ingest(t, smallWorkspace())
	e.finalize(t, date("2026-10-01"), date("2026-11-05"))
	from, to := date("2026-11-02"), date("2026-11-05")
	finalized, src := rangeReports(t, e, from, to)
	if src.Live != 0 {
		t.Fatalf("before the late event: %+v", src)
	}
	stale, err := e.s.StaleDays(ctx, e.ws, date("2026-10-29"), date("2026-11-06"))
	if err != nil || len(stale) != 0 {
		t.Fatalf("stale days before the late event: %v %v", stale, err)
	}

	// A new customer's ticket on 3 November arrives late.
	e.ingest(t, []domain.Record{
		inbound("wamid.c5a", "6281100005", lm(3, 14, 0)),
		assign("as-c5a", "6281100005", "ag-1", lm(3, 14, 1)),
		reply("m-c5a", "6281100005", "ag-1", lm(3, 14, 4)),
	})
	late, src := rangeReports(t, e, from, to)
	if src.Live != 1 || src.Stored != 7 { // 2..5 Nov and the previous window 29 Oct..1 Nov; 3 Nov live
		t.Fatalf("after the late event: %+v", src)
	}
	if late == finalized {
		t.Fatal("the late event did not change the reports")
	}
	if raw := rawReports(t, e, from, to); late != raw {
		t.Fatalf("reports after the late event differ from raw facts:\ngot %s\nraw %s", late, raw)
	}
	var before, after struct {
		Overview reports.OverviewReport `json:"overview"`
		Agents   reports.AgentsReport   `json:"agents"`
	}
	_ = json.Unmarshal([]byte(finalized), &before)
	_ = json.Unmarshal([]byte(late), &after)
	b, a := before.Overview.Cards, after.Overview.Cards
	if a.Conversations != b.Conversations+1 || a.Tickets != b.Tickets+1 || a.MessagesIn != b.MessagesIn+1 ||
		a.MessagesOut != b.MessagesOut+1 || a.UniqueCustomers != b.UniqueCustomers+1 {
		t.Fatalf("cards moved from %+v to %+v", b, a)
	}
	if a, b := agentRow(after.Agents, "ag-1"), agentRow(before.Agents, "ag-1"); a.Tickets != b.Tickets+1 || a.Answered != b.Answered+1 || a.Tickets != 3 {
		t.Fatalf("ag-1 row moved from %+v to %+v", b, a)
	}
	if a, b := agentRow(after.Agents, "ag-2"), agentRow(before.Agents, "ag-2"); !reflect.DeepEqual(a, b) {
		t.Fatalf("ag-2 row moved from %+v to %+v", b, a)
	}
	stale, err = e.s.StaleDays(ctx, e.ws, date("2026-11-06"), date("2026-11-06"))
	if err != nil || len(stale) != 1 || stale[0].String() != "2026-11-03" {
		t.Fatalf("stale days after the late event: %v %v", stale, err)
	}

	res, err := jobs.RunRollup(ctx, e.s, rollupNow, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Days != 1 || res.Workspaces != 1 {
		t.Fatalf("rollup after the late event: %+v", res)
	}
	refinal, src := rangeReports(t, e, from, to)
	if src.Live != 0 || src.Stored != 8 || refinal != late {
		t.Fatalf("after re-finalizing: %+v, reports equal to live: %v", src, refinal == late)
	}
	cal, _ := calendar.New(e.ws.Timezone, nil)
	facts, err := e.s.DayFacts(ctx, e.ws.ID, cal, date("2026-11-03"), date("2026-11-03"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := reports.Summarize(*facts[date("2026-11-03")], cal).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	item := e.dayItem(t, "2026-11-03")
	if got := item["sum"].(*types.AttributeValueMemberB).Value; string(got) != string(want) {
		t.Fatalf("re-finalized summary bytes differ from a fresh summary:\n%s\n%s", got, want)
	}
	if dv, fv := item["dv"].(*types.AttributeValueMemberN).Value, item["fv"].(*types.AttributeValueMemberN).Value; dv != fv || dv == "0" {
		t.Fatalf("day item dv %s fv %s", dv, fv)
	}
}

func TestFinalizeDayAndRollupAreIdempotent(t *testing.T) {
	e := newRollupEnv(t)
	ctx := context.Background()
	e.ingest(t, smallWorkspace())
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))

	if err := e.s.FinalizeDay(ctx, e.ws, date("2026-11-04")); err != nil {
		t.Fatal(err)
	}
	first := e.dayItem(t, "2026-11-04")
	if err := e.s.FinalizeDay(ctx, e.ws, date("2026-11-04")); err != nil {
		t.Fatal(err)
	}
	if second := e.dayItem(t, "2026-11-04"); !reflect.DeepEqual(first, second) || len(first["sum"].(*types.AttributeValueMemberB).Value) < 20 {
		t.Fatalf("finalizing twice changed the item:\n%v\n%v", first, second)
	}

	for _, day := range []string{"2026-11-06", "2026-11-07"} {
		if err := e.s.FinalizeDay(ctx, e.ws, date(day)); err == nil {
			t.Fatalf("FinalizeDay(%s) accepted a day that has not ended", day)
		}
		if item := e.dayItem(t, day); item != nil {
			t.Fatalf("refused day %s has an item: %v", day, item)
		}
	}

	res, err := jobs.RunRollup(ctx, e.s, rollupNow, logger)
	if err != nil {
		t.Fatal(err)
	}
	// The LateWindow days before today (29 Oct..5 Nov) but 4 Nov, which is clean.
	if res.Days != jobs.LateWindow-1 || res.Workspaces != 1 {
		t.Fatalf("first rollup: %+v, want %d days", res, jobs.LateWindow-1)
	}
	res, err = jobs.RunRollup(ctx, e.s, rollupNow, logger)
	if err != nil || res.Days != 0 {
		t.Fatalf("second rollup: %+v %v", res, err)
	}
	if item := e.dayItem(t, "2026-11-04"); !reflect.DeepEqual(first, item) {
		t.Fatalf("rollup rewrote a clean day:\n%v\n%v", first, item)
	}
}

// TestConfigChangeMakesSummariesStale: a new time zone or business hours
// invalidates every stored summary at once (configuration fingerprint).
func TestConfigChangeMakesSummariesStale(t *testing.T) {
	hours := &domain.BusinessHours{Weekly: map[string][]domain.OpenInterval{}}
	for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday"} {
		hours.Weekly[d] = []domain.OpenInterval{{Open: "09:00", Close: "17:00"}}
	}
	changes := []struct {
		name   string
		change func(*domain.Workspace)
	}{
		{"business hours", func(w *domain.Workspace) { w.BusinessHours = hours }},
		{"time zone", func(w *domain.Workspace) { w.Timezone = "Asia/Makassar" }},
	}
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			e := newRollupEnv(t)
			ctx := context.Background()
			e.ingest(t, smallWorkspace())
			from, to := date("2026-11-02"), date("2026-11-05")
			pfrom, _ := reports.PreviousRange(from, to)
			e.finalize(t, pfrom, to)
			ws := e.ws
			c.change(&ws)
			ws, _, err := e.s.PutWorkspace(ctx, ws)
			if err != nil {
				t.Fatal(err)
			}
			e.ws = ws
			cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
			if err != nil {
				t.Fatal(err)
			}
			_, src, err := e.s.DaySummaries(ctx, ws, cal, from, to)
			if err != nil || src.Stored != 0 || src.Live != 4 {
				t.Fatalf("after the change: %+v %v", src, err)
			}
			stale, err := e.s.StaleDays(ctx, ws, to.AddDays(1), to.AddDays(1))
			if err != nil || len(stale) != 8 || stale[0] != pfrom || stale[7] != to {
				t.Fatalf("stale days after the change: %v %v", stale, err)
			}
			live, _ := rangeReports(t, e, from, to)
			e.finalize(t, pfrom, to)
			stored, src := rangeReports(t, e, from, to)
			if src.Live != 0 || stored != live {
				t.Fatalf("re-finalized with the new settings: %+v, equal: %v", src, stored == live)
			}
		})
	}
}

// itemCounter counts the items read through a DB.
type itemCounter struct {
	store.DB
	mu    sync.Mutex
	items int
}

func (c *itemCounter) add(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items += n
}

func (c *itemCounter) take() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.items
	c.items = 0
	return n
}

func (c *itemCounter) Query(ctx context.Context, in *dynamodb.QueryInput, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	out, err := c.DB.Query(ctx, in, o...)
	if err == nil {
		c.add(len(out.Items))
	}
	return out, err
}

func (c *itemCounter) GetItem(ctx context.Context, in *dynamodb.GetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	out, err := c.DB.GetItem(ctx, in, o...)
	if err == nil && out.Item != nil {
		c.add(1)
	}
	return out, err
}

func (c *itemCounter) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	out, err := c.DB.BatchGetItem(ctx, in, o...)
	if err == nil {
		for _, items := range out.Responses {
			c.add(len(items))
		}
	}
	return out, err
}

// readCost is what one read of a report's days cost.
type readCost struct {
	Calls map[string]int
	Items int
	Units float64
}

// bulkReadCosts bulk-loads tickets over 10 days into a fresh table, finalizes
// the days, and measures reading the 10 days from summaries and from raw facts.
func bulkReadCosts(t *testing.T, tickets int) (summary, raw readCost, res store.BulkResult) {
	t.Helper()
	ctx := context.Background()
	env := testenv.New(t)
	c := store.NewCapacity()
	counter := &itemCounter{DB: store.Metered{DB: env.Dynamo, Cap: c}}
	s := store.New(counter, env.Table).WithClock(func() time.Time { return rollupNow })
	ws, _, err := s.PutWorkspace(ctx, domain.Workspace{ID: "big", Name: "Big", Timezone: "Asia/Jakarta"})
	if err != nil {
		t.Fatal(err)
	}
	res, err = s.BulkLoad(ctx, ws, store.BulkConfig{Tickets: tickets, Days: 10, Agents: 10, Seed: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Tickets != tickets || res.From.String() != "2026-10-27" || res.To.String() != "2026-11-05" {
		t.Fatalf("bulk load: %+v", res)
	}
	if err := jobs.Backfill(ctx, s, ws, res.From, res.To, nil); err != nil {
		t.Fatal(err)
	}
	cal, _ := calendar.New(ws.Timezone, nil)
	measure := func(read func()) readCost {
		c.Reset()
		counter.take()
		read()
		r, _ := c.Totals()
		_, _, calls := c.Snapshot()
		return readCost{Calls: calls, Items: counter.take(), Units: r}
	}
	var fromSummaries, fromRaw *reports.DaySummary
	summary = measure(func() {
		days, src, err := s.DaySummaries(ctx, ws, cal, res.From, res.To)
		if err != nil || src.Stored != 10 {
			t.Fatalf("summaries: %+v %v", src, err)
		}
		fromSummaries = reports.MergeRange(days, res.From, res.To)
	})
	raw = measure(func() {
		facts, err := s.DayFacts(ctx, ws.ID, cal, res.From, res.To)
		if err != nil {
			t.Fatal(err)
		}
		days := map[calendar.Date]*reports.DaySummary{}
		for d, f := range facts {
			days[d] = reports.Summarize(*f, cal)
		}
		fromRaw = reports.MergeRange(days, res.From, res.To)
	})
	p := reports.AgentsParams{From: res.From, To: res.To, Timezone: ws.Timezone}
	a, _ := json.Marshal(reports.Agents(fromSummaries, nil, p))
	b, _ := json.Marshal(reports.Agents(fromRaw, nil, p))
	if string(a) != string(b) {
		t.Fatalf("agents report from summaries differs from raw:\n%s\n%s", a, b)
	}
	return summary, raw, res
}

// TestSummaryReadsDoNotGrowWithTickets proves the read-cost claims on bulk
// loaded workspaces: a 10-day report from summaries reads exactly the 10 day
// items in one query whatever the ticket count, while the raw path reads at
// least one item per ticket, 20 times the units and more.
func TestSummaryReadsDoNotGrowWithTickets(t *testing.T) {
	sum1, raw1, res1 := bulkReadCosts(t, 2000)
	sum2, raw2, res2 := bulkReadCosts(t, 4000)
	t.Logf("2,000 tickets: summaries %+v, raw %+v", sum1, raw1)
	t.Logf("4,000 tickets: summaries %+v, raw %+v", sum2, raw2)
	for _, c := range []struct {
		sum, raw readCost
		res      store.BulkResult
	}{{sum1, raw1, res1}, {sum2, raw2, res2}} {
		if c.sum.Items != 10 || !reflect.DeepEqual(c.sum.Calls, map[string]int{"Query": 1}) {
			t.Errorf("%d tickets, summaries: %+v, want 10 items in 1 query", c.res.Tickets, c.sum)
		}
		if c.raw.Items < c.res.Tickets || c.raw.Units < float64(c.res.Tickets)/2 {
			t.Errorf("%d tickets, raw: %+v, want at least one item per ticket", c.res.Tickets, c.raw)
		}
		if c.raw.Units < 20*c.sum.Units {
			t.Errorf("%d tickets: raw %.1f units is not 20x summaries %.1f", c.res.Tickets, c.raw.Units, c.sum.Units)
		}
	}
	// Calls and items do not grow at all. The units grow a little: a day
	// summary's customer bitmaps and sketches get bigger with more traffic per
	// day (bounded, and far from linear), while raw reads double.
	if sum2.Items != sum1.Items || !reflect.DeepEqual(sum2.Calls, sum1.Calls) {
		t.Errorf("summary calls or items grew with the tickets: %+v then %+v", sum1, sum2)
	}
	if sum2.Units > 1.5*sum1.Units {
		t.Errorf("summary units grew almost with the tickets: %.1f then %.1f", sum1.Units, sum2.Units)
	}
	if raw2.Items < 2*res1.Tickets || raw2.Units < 1.8*raw1.Units {
		t.Errorf("raw reads did not grow with the tickets: %+v then %+v", raw1, raw2)
	}
}
