package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// BulkLoad writes a synthetic workspace straight into the table, for load
// tests and benchmarks: for every generated customer it writes the fold inputs
// (M#, E#, V# items and the survey master items), runs the real domain.Fold and
// deriveItems over the same timeline and writes the derived items (X#, Y#) and
// the #STATE item exactly as a fold records them. A later FoldCustomer of a
// bulk-loaded customer therefore finds nothing to change.
//
// Generation is deterministic for a given config (Seed). Items go out through
// BatchWriteItem (25 per call, UnprocessedItems retried) from Workers
// goroutines; memory stays bounded (one customer is generated at a time and
// the write queue is small).

// BulkConfig describes the synthetic workspace of BulkLoad. Zero fields take defaults.
type BulkConfig struct {
	// Tickets is the exact number of tickets to create (default 200,000).
	Tickets int
	// Days is the number of local days the activity spans (default 90).
	Days int
	// From is the first local day (default: the Days days that ended yesterday).
	From calendar.Date
	// Agents is the number of agents (default 50).
	Agents int
	// Seed makes the generation reproducible (default 1).
	Seed uint64
	// BotShare is the share of sessions the bot handles alone (default 0.15).
	BotShare float64
	// CSATShare is the share of resolved tickets that get a survey (default 0.3).
	CSATShare float64
	// Workers is the number of concurrent BatchWriteItem callers (default 4).
	Workers int
}

// BulkResult counts what BulkLoad generated and wrote.
type BulkResult struct {
	From      calendar.Date `json:"from"`
	To        calendar.Date `json:"to"`
	Customers int           `json:"customers"`
	Sessions  int           `json:"sessions"`
	BotOnly   int           `json:"bot_only"`
	Tickets   int           `json:"tickets"`
	Resolved  int           `json:"resolved"`
	Answered  int           `json:"answered"`
	Open      int           `json:"open"`
	Messages  int           `json:"messages"`
	Surveys   int           `json:"surveys"`
	Responses int           `json:"responses"`
	Agents    int           `json:"agents"`
	Items     int           `json:"items"`
}

const (
	batchWriteSize   = 25
	bulkQueue        = 500
	bulkMaxAttempts  = 15
	bulkCustomersKey = "CUSTOMERS"
)

// BulkLoad generates and writes a synthetic workspace (see BulkConfig) into
// the workspace ws, which must have no customers yet. progress, if not nil, is
// called with the tickets generated so far (their items queued for writing)
// and cfg.Tickets, and once more when everything is written.
func (s *Store) BulkLoad(ctx context.Context, ws domain.Workspace, cfg BulkConfig, progress func(done, total int)) (BulkResult, error) {
	cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
	if err != nil {
		return BulkResult{}, fmt.Errorf("bulk load %s: calendar: %w", ws.ID, err)
	}
	now := s.now()
	cfg = cfg.withDefaults(cal.Today(now))
	g := newBulkGen(ws.ID, cal, cfg, now)
	if err := s.claimCustomerCounter(ctx, ws.ID); err != nil {
		return g.res, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := s.startBulkWriter(ctx, cancel, cfg.Workers)
	genErr := g.run(ctx, w.ch, progress)
	close(w.ch)
	w.wg.Wait()
	g.res.Items = w.written
	if err := errors.Join(w.err, genErr); err != nil {
		return g.res, fmt.Errorf("bulk load %s: %w", ws.ID, err)
	}
	if _, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 &s.table,
		Key:                       key(counterPK(ws.ID), bulkCustomersKey),
		UpdateExpression:          aws.String("SET n = :n"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":n": num(int64(g.res.Customers))},
	}); err != nil {
		return g.res, fmt.Errorf("bulk load %s: customer counter: %w", ws.ID, err)
	}
	days := map[string]bool{}
	for d := g.res.From; !d.After(g.res.To); d = d.AddDays(1) {
		days[d.String()] = true
	}
	// Summaries finalized before the load (e.g. empty days) must not hide it.
	if err := s.markDirty(ctx, ws.ID, cal, days); err != nil {
		return g.res, fmt.Errorf("bulk load %s: %w", ws.ID, err)
	}
	if progress != nil {
		progress(g.res.Tickets, cfg.Tickets)
	}
	return g.res, nil
}

func (c BulkConfig) withDefaults(today calendar.Date) BulkConfig {
	if c.Tickets <= 0 {
		c.Tickets = 200_000
	}
	if c.Days <= 0 {
		c.Days = 90
	}
	if c.From.IsZero() {
		c.From = today.AddDays(-c.Days)
	}
	if c.Agents <= 0 {
		c.Agents = 50
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.BotShare <= 0 {
		c.BotShare = 0.15
	}
	if c.CSATShare <= 0 {
		c.CSATShare = 0.3
	}
	if c.Workers <= 0 {
		c.Workers = 4
	}
	return c
}

// claimCustomerCounter creates the customer-number counter, refusing a
// workspace that already numbered customers.
func (s *Store) claimCustomerCounter(ctx context.Context, ws string) error {
	item := key(counterPK(ws), bulkCustomersKey)
	item["n"] = num(0)
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           &s.table,
		Item:                item,
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	if isConditionFailed(err) {
		return fmt.Errorf("bulk load %s: the workspace already has customers", ws)
	}
	if err != nil {
		return fmt.Errorf("bulk load %s: customer counter: %w", ws, err)
	}
	return nil
}

// bulkWriter drains a queue of items into BatchWriteItem calls.
type bulkWriter struct {
	ch      chan map[string]types.AttributeValue
	wg      sync.WaitGroup
	mu      sync.Mutex
	err     error
	written int
}

func (s *Store) startBulkWriter(ctx context.Context, cancel func(), workers int) *bulkWriter {
	w := &bulkWriter{ch: make(chan map[string]types.AttributeValue, bulkQueue)}
	for range workers {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			batch := make([]types.WriteRequest, 0, batchWriteSize)
			flush := func() {
				if len(batch) == 0 {
					return
				}
				err := s.batchWrite(ctx, batch)
				w.mu.Lock()
				if err != nil && w.err == nil {
					w.err = err
					cancel()
				} else if err == nil {
					w.written += len(batch)
				}
				w.mu.Unlock()
				batch = batch[:0]
			}
			for item := range w.ch {
				batch = append(batch, types.WriteRequest{PutRequest: &types.PutRequest{Item: item}})
				if len(batch) == batchWriteSize {
					flush()
				}
			}
			flush()
		}()
	}
	return w
}

// batchWrite writes up to 25 items, retrying unprocessed ones with backoff.
func (s *Store) batchWrite(ctx context.Context, reqs []types.WriteRequest) error {
	pending := map[string][]types.WriteRequest{s.table: append([]types.WriteRequest(nil), reqs...)}
	for attempt := 0; len(pending[s.table]) > 0; attempt++ {
		if attempt == bulkMaxAttempts {
			return fmt.Errorf("batch write: %d items unprocessed after %d attempts", len(pending[s.table]), attempt)
		}
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(min(time.Second, time.Duration(10<<attempt)*time.Millisecond)):
			}
		}
		out, err := s.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: pending})
		if err != nil {
			return fmt.Errorf("batch write: %w", err)
		}
		pending = out.UnprocessedItems
	}
	return nil
}

// bulkGen generates the synthetic workspace, one customer at a time.
type bulkGen struct {
	ws         string
	cal        *calendar.Calendar
	cfg        BulkConfig
	rng        *rand.Rand
	start, end time.Time // the activity window [start, end)
	limit      time.Time // no fact at or after limit (the window end, or now)
	agents     []domain.Agent
	res        BulkResult
}

func newBulkGen(ws string, cal *calendar.Calendar, cfg BulkConfig, now time.Time) *bulkGen {
	g := &bulkGen{ws: ws, cal: cal, cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0x1b0c5eed))}
	g.res.From, g.res.To = cfg.From, cfg.From.AddDays(cfg.Days-1)
	g.start, g.end = cal.Bounds(g.res.From, g.res.To)
	g.limit = g.end
	if now.Before(g.limit) {
		g.limit = now.UTC().Truncate(time.Millisecond)
	}
	return g
}

// run sends every item of the workspace to out.
func (g *bulkGen) run(ctx context.Context, out chan<- map[string]types.AttributeValue, progress func(done, total int)) error {
	send := func(items []map[string]types.AttributeValue) error {
		for _, it := range items {
			select {
			case out <- it:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	}
	agentItems, err := g.agentItems()
	if err != nil {
		return err
	}
	if err := send(agentItems); err != nil {
		return err
	}
	for no := int64(1); g.res.Tickets < g.cfg.Tickets; no++ {
		items, err := g.customer(no, g.cfg.Tickets-g.res.Tickets)
		if err != nil {
			return err
		}
		if err := send(items); err != nil {
			return err
		}
		if progress != nil {
			progress(g.res.Tickets, g.cfg.Tickets)
		}
		if no > int64(g.cfg.Tickets)*20+1000 {
			return fmt.Errorf("generated %d customers but only %d of %d tickets: window too short", no, g.res.Tickets, g.cfg.Tickets)
		}
	}
	return nil
}

var (
	bulkTeams      = []string{"billing", "delivery", "returns", "sales", "vip"}
	bulkFirstNames = []string{"Budi", "Siti", "Andi", "Dewi", "Rizky", "Putri", "Agus", "Nur", "Ahmad", "Lina", "Hendra", "Maya", "Wei", "Aisyah", "John", "Maria"}
	bulkLastNames  = []string{"Santoso", "Wijaya", "Pratama", "Lestari", "Hidayat", "Saputra", "Tan", "Lim", "Rahman", "Kusuma", "Smith", "Garcia"}
	bulkLabels     = []string{"refund", "shipping", "complaint", "order-status", "payment", "promo", "account", "technical"}
	bulkCategories = []string{"billing", "delivery", "product", "account", "other"}
	bulkRatings    = []float64{0.05, 0.12, 0.25, 0.55, 1} // cumulative shares of ratings 1..5
	// bulkCountries are phone prefixes (with their cumulative shares) of the customer ids.
	bulkCountries = []struct {
		prefix string
		cum    float64
	}{{"62812", 0.70}, {"60123", 0.82}, {"6591", 0.90}, {"63917", 0.95}, {"1415", 1}}
	// bulkHourWeight is the relative traffic of each local hour (peaks in office hours).
	bulkHourWeight = [24]float64{
		0.15, 0.10, 0.07, 0.05, 0.05, 0.10, 0.25, 0.50, 0.90, 1.40, 1.60, 1.60,
		1.30, 1.40, 1.50, 1.50, 1.40, 1.20, 1.00, 0.90, 0.90, 0.80, 0.50, 0.30,
	}
)

// agentItems are the agents: their items and the claim items of their events.
func (g *bulkGen) agentItems() ([]map[string]types.AttributeValue, error) {
	var out []map[string]types.AttributeValue
	at := g.start.Add(-24 * time.Hour)
	for i := range g.cfg.Agents {
		a := domain.Agent{
			ID:        fmt.Sprintf("ag-%03d", i+1),
			Name:      bulkFirstNames[i%len(bulkFirstNames)] + " " + bulkLastNames[(i/len(bulkFirstNames))%len(bulkLastNames)],
			Role:      domain.RoleAgent,
			Team:      bulkTeams[i%len(bulkTeams)],
			UpdatedAt: at,
		}
		if i < len(bulkTeams) {
			a.Role = domain.RoleSupervisor
		} else {
			a.SupervisorID = fmt.Sprintf("ag-%03d", i%len(bulkTeams)+1)
		}
		g.agents = append(g.agents, a)
		body, err := jsonAttr(a)
		if err != nil {
			return nil, err
		}
		eventID := "bulk-agent-" + a.ID
		it := key(agentsPK(g.ws), "A#"+a.ID)
		it[attrData] = body
		it["uk"] = str(timeKey(a.UpdatedAt) + "#" + eventID)
		out = append(out, it, key(eventPK(g.ws, eventID), "X"))
	}
	g.res.Agents = len(g.agents)
	return out, nil
}

// bulkTimeline is one customer's generated facts, with what only the items know.
type bulkTimeline struct {
	tl       domain.Timeline
	hdEvents map[string]string // outbound message id → helpdesk event id
	seq      int
}

func (b *bulkTimeline) id(prefix string, no int64) string {
	b.seq++
	return fmt.Sprintf("%s%d.%d", prefix, no, b.seq)
}

// customer generates customer no with at most maxTickets tickets and returns its items.
func (g *bulkGen) customer(no int64, maxTickets int) ([]map[string]types.AttributeValue, error) {
	return g.items(g.timeline(no, maxTickets), no)
}

// timeline generates the facts of customer no, with at most maxTickets tickets.
func (g *bulkGen) timeline(no int64, maxTickets int) *bulkTimeline {
	r := g.rng
	prefix := bulkCountries[len(bulkCountries)-1].prefix
	u := r.Float64()
	for _, c := range bulkCountries {
		if u < c.cum {
			prefix = c.prefix
			break
		}
	}
	customer := fmt.Sprintf("%s%08d", prefix, no)
	name := bulkFirstNames[r.IntN(len(bulkFirstNames))] + " " + bulkLastNames[r.IntN(len(bulkLastNames))]
	b := &bulkTimeline{tl: domain.Timeline{CustomerID: customer}, hdEvents: map[string]string{}}

	sessions := 1
	for sessions < 8 && r.Float64() < 0.55 {
		sessions++
	}
	starts := make([]time.Time, sessions)
	for i := range starts {
		starts[i] = g.instant()
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i].Before(starts[j]) })
	next, planned := g.start, 0
	for i, t := range starts {
		if t.Before(next) {
			t = next
		}
		if !t.Before(g.limit) || planned == maxTickets {
			break
		}
		last := i == sessions-1 || planned == maxTickets-1
		if r.Float64() < g.cfg.BotShare {
			next = g.botSession(b, no, t, name)
		} else {
			next = g.ticket(b, no, t, name, last)
			planned++
		}
		if next.IsZero() { // the session stays open: it must be the last one
			break
		}
		next = next.Add(time.Minute + time.Duration(r.Int64N(int64(72*time.Hour))))
	}
	g.clip(b)
	return b
}

// instant draws a time in the window, weighted by local hour of day.
func (g *bulkGen) instant() time.Time {
	span := g.limit.Sub(g.start)
	for {
		t := g.start.Add(time.Duration(g.rng.Int64N(int64(span)))).Truncate(time.Millisecond)
		if g.rng.Float64()*1.6 < bulkHourWeight[t.In(g.cal.Location()).Hour()] {
			return t
		}
	}
}

func (g *bulkGen) between(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(g.rng.Int64N(int64(hi-lo)+1)).Truncate(time.Millisecond)
}

func (g *bulkGen) inbound(b *bulkTimeline, no int64, at time.Time, name string) {
	b.tl.Messages = append(b.tl.Messages, domain.Message{
		ID: b.id("wamid.bulk.", no), CustomerID: b.tl.CustomerID, Direction: domain.Inbound, Sender: domain.SenderCustomer,
		Channel: "whatsapp", Type: "text", Text: "Halo, saya butuh bantuan", At: at, ProfileName: name,
	})
}

func (g *bulkGen) outbound(b *bulkTimeline, no int64, at time.Time, sender domain.Sender, agent string) {
	m := domain.Message{
		ID: b.id("bulk-out.", no), CustomerID: b.tl.CustomerID, Direction: domain.Outbound, Sender: sender,
		AgentID: agent, Channel: "whatsapp", Type: "text", Text: "Terima kasih, kami bantu cek", At: at,
	}
	switch u := g.rng.Float64(); {
	case u < 0.70:
		m.Status, m.StatusAt = "read", at.Add(g.between(5*time.Second, 10*time.Minute))
	case u < 0.95:
		m.Status, m.StatusAt = "delivered", at.Add(g.between(time.Second, 30*time.Second))
	}
	b.hdEvents[m.ID] = b.id("bulk-hd.", no)
	b.tl.Messages = append(b.tl.Messages, m)
}

// botSession adds a session the bot handles alone and returns when it closes.
func (g *bulkGen) botSession(b *bulkTimeline, no int64, t time.Time, name string) time.Time {
	g.inbound(b, no, t, name)
	last := t.Add(3 * time.Second)
	g.outbound(b, no, last, domain.SenderBot, "")
	if g.rng.IntN(2) == 0 {
		at := last.Add(g.between(30*time.Second, 10*time.Minute))
		g.inbound(b, no, at, name)
		last = at.Add(2 * time.Second)
		g.outbound(b, no, last, domain.SenderBot, "")
	}
	return last.Add(domain.BotSessionTimeout)
}

// ticket adds an assigned session with 2–6 messages and returns when it
// closes; zero when it stays open or answered (allowed only when last).
func (g *bulkGen) ticket(b *bulkTimeline, no int64, t time.Time, name string, last bool) time.Time {
	r := g.rng
	status := domain.StatusResolved
	if last {
		switch u := r.Float64(); {
		case u < 0.12:
			status = domain.StatusOpen
		case u < 0.30:
			status = domain.StatusAnswered
		}
	}
	msgs := 2 + r.IntN(5)
	g.inbound(b, no, t, name)
	msgs--
	at := t
	if r.IntN(2) == 0 {
		at = at.Add(2 * time.Second)
		g.outbound(b, no, at, domain.SenderBot, "")
		msgs--
	}
	agent := g.agent()
	at = at.Add(g.between(30*time.Second, 15*time.Minute))
	g.assign(b, no, at, agent)
	if r.Float64() < 0.35 {
		labels := []string{bulkLabels[r.IntN(len(bulkLabels))]}
		if r.IntN(3) == 0 {
			labels = append(labels, bulkLabels[r.IntN(len(bulkLabels))])
		}
		b.tl.Labelings = append(b.tl.Labelings, domain.Labeling{EventID: b.id("bulk-lb.", no), Labels: labels, At: at.Add(time.Minute)})
	}
	if status == domain.StatusOpen {
		if msgs > 0 {
			g.inbound(b, no, at.Add(g.between(time.Minute, 30*time.Minute)), name)
		}
		return time.Time{}
	}
	fr := 20*time.Second + time.Duration(math.Min(r.ExpFloat64()*float64(8*time.Minute), float64(4*time.Hour)))
	if r.Float64() < 0.1 {
		agent = g.agent()
		g.assign(b, no, at.Add(fr/2), agent)
	}
	at = at.Add(fr.Truncate(time.Millisecond))
	g.outbound(b, no, at, domain.SenderAgent, agent)
	for i := 1; i < max(msgs, 1); i++ {
		at = at.Add(g.between(30*time.Second, 20*time.Minute))
		if i%2 == 1 {
			g.inbound(b, no, at, name)
		} else {
			g.outbound(b, no, at, domain.SenderAgent, agent)
		}
	}
	if status == domain.StatusAnswered {
		return time.Time{}
	}
	at = at.Add(g.between(time.Minute, 4*time.Hour))
	b.tl.Resolves = append(b.tl.Resolves, domain.Resolve{
		EventID: b.id("bulk-rs.", no), AgentID: agent, Category: bulkCategories[r.IntN(len(bulkCategories))], At: at,
	})
	if r.Float64() < g.cfg.CSATShare {
		sv := domain.Survey{CSATID: b.id("bulk-cs.", no), CustomerID: b.tl.CustomerID, RequestedAt: at.Add(5 * time.Second)}
		if r.Float64() < 0.65 {
			rating, u := 5, r.Float64()
			for i, c := range bulkRatings {
				if u < c {
					rating = i + 1
					break
				}
			}
			sv.Responded, sv.Rating = true, rating
			sv.RespondedAt = sv.RequestedAt.Add(g.between(time.Minute, 12*time.Hour))
			sv.ResponseEventID = b.id("bulk-sr.", no)
		}
		b.tl.Surveys = append(b.tl.Surveys, sv)
	}
	return at
}

// agent draws an agent, the lower ids busier than the higher ones.
func (g *bulkGen) agent() string {
	i := int(float64(len(g.agents)) * math.Pow(g.rng.Float64(), 1.4))
	return g.agents[min(i, len(g.agents)-1)].ID
}

func (g *bulkGen) assign(b *bulkTimeline, no int64, at time.Time, agent string) {
	b.tl.Assignments = append(b.tl.Assignments, domain.Assignment{EventID: b.id("bulk-as.", no), AgentID: agent, Channel: "whatsapp", At: at})
}

// clip drops every fact at or after the limit (the window end, or now).
func (g *bulkGen) clip(b *bulkTimeline) {
	before := func(t time.Time) bool { return t.Before(g.limit) }
	tl := &b.tl
	tl.Messages = keep(tl.Messages, func(m domain.Message) bool { return before(m.At) })
	for i := range tl.Messages {
		if m := &tl.Messages[i]; !m.StatusAt.IsZero() && !before(m.StatusAt) {
			m.Status, m.StatusAt = "", time.Time{}
		}
	}
	tl.Assignments = keep(tl.Assignments, func(a domain.Assignment) bool { return before(a.At) })
	tl.Resolves = keep(tl.Resolves, func(r domain.Resolve) bool { return before(r.At) })
	tl.Labelings = keep(tl.Labelings, func(l domain.Labeling) bool { return before(l.At) })
	tl.Surveys = keep(tl.Surveys, func(s domain.Survey) bool { return before(s.RequestedAt) })
	for i := range tl.Surveys {
		if sv := &tl.Surveys[i]; sv.Responded && !before(sv.RespondedAt) {
			sv.Responded, sv.RespondedAt, sv.Rating, sv.ResponseEventID = false, time.Time{}, 0, ""
		}
	}
}

func keep[T any](in []T, ok func(T) bool) []T {
	out := in[:0]
	for _, v := range in {
		if ok(v) {
			out = append(out, v)
		}
	}
	return out
}

// items folds the customer's timeline and returns every item of its
// partition (and its survey master items), as ingest and the fold write them.
func (g *bulkGen) items(b *bulkTimeline, no int64) ([]map[string]types.AttributeValue, error) {
	ws, tl, customer := g.ws, b.tl, b.tl.CustomerID
	res := domain.Fold(tl)
	derived, err := deriveItems(ws, g.cal, customer, no, res, tl)
	if err != nil {
		return nil, err
	}
	var out []map[string]types.AttributeValue
	hashes := map[string]string{}
	for _, d := range derived {
		it := key(customerPK(ws, customer), d.sk)
		for k, v := range d.attrs {
			it[k] = v
		}
		it["h"], it["v"] = str(d.hash), num(1)
		hashes[d.sk] = d.hash
		out = append(out, it)
	}
	state, err := bulkState(ws, customer, no, res, hashes)
	if err != nil {
		return nil, err
	}
	out = append(out, state)
	for _, m := range tl.Messages {
		it, err := messageItem(ws, m, b.hdEvents[m.ID])
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	events, err := timelineEventItems(ws, tl)
	if err != nil {
		return nil, err
	}
	out = append(out, events...)
	for _, sv := range tl.Surveys {
		its, err := surveyItems(ws, sv)
		if err != nil {
			return nil, err
		}
		out = append(out, its...)
	}
	g.count(res, tl)
	return out, nil
}

func (g *bulkGen) count(res domain.FoldResult, tl domain.Timeline) {
	g.res.Customers++
	g.res.Messages += len(tl.Messages)
	for _, sv := range tl.Surveys {
		g.res.Surveys++
		if sv.Responded {
			g.res.Responses++
		}
	}
	for _, s := range res.Sessions {
		g.res.Sessions++
		if s.Ticket == nil {
			g.res.BotOnly++
			continue
		}
		g.res.Tickets++
		switch s.Ticket.Status {
		case domain.StatusResolved:
			g.res.Resolved++
		case domain.StatusAnswered:
			g.res.Answered++
		default:
			g.res.Open++
		}
	}
}

// bulkState is the #STATE item a fold at version 1 records (see recordFold).
func bulkState(ws, customer string, no int64, res domain.FoldResult, hashes map[string]string) (map[string]types.AttributeValue, error) {
	hb, err := json.Marshal(hashes)
	if err != nil {
		return nil, fmt.Errorf("encode fold hashes: %w", err)
	}
	it := key(customerPK(ws, customer), skState)
	it["n"], it["folded"], it["cno"] = num(1), num(1), num(no)
	it["h"] = str(string(hb))
	it["cname"], it["phone"] = str(res.CustomerName), str(res.Phone)
	it["country"] = str(reports.CountryOfCustomer(res.Phone, customer))
	if res.FirstInboundAt != nil {
		it["fi"] = num(res.FirstInboundAt.UnixMilli())
		it[attrGSI3PK] = str(idxFirstIn(ws))
		it[attrGSI3SK] = str(firstInSK(*res.FirstInboundAt, no, customer))
	}
	return it, nil
}

// messageItem is a message item as putMessage and putStatus leave it: the
// WhatsApp copy (wa) for inbound messages, the helpdesk copy (hd, hdeid) for
// outbound ones, and the delivery status.
func messageItem(ws string, m domain.Message, hdEvent string) (map[string]types.AttributeValue, error) {
	st, stAt := m.Status, m.StatusAt
	m.Status, m.StatusAt = "", time.Time{}
	body, err := jsonAttr(m)
	if err != nil {
		return nil, err
	}
	it := key(customerPK(ws, m.CustomerID), prefixMessage+m.ID)
	it[attrGSI1PK], it[attrGSI1SK] = str(idxMessages(ws)), str(timeSK(m.At, m.ID))
	if hdEvent == "" {
		it["wa"] = body
	} else {
		it["hd"], it["hdeid"] = body, str(hdEvent)
	}
	if rank := domain.StatusRank(st); rank > 0 {
		it["st"], it["str"], it["sta"] = str(st), num(int64(rank)), num(stAt.UnixMilli())
	}
	return it, nil
}

// timelineEventItems are the E# items putTimelineEvent stores for the
// customer's assignments, resolves and labelings.
func timelineEventItems(ws string, tl domain.Timeline) ([]map[string]types.AttributeValue, error) {
	var recs []domain.Record
	base := domain.Record{Source: "helpdesk", CustomerID: tl.CustomerID}
	for i := range tl.Assignments {
		r := base
		r.Kind, r.EventType, r.EventID, r.Assignment = domain.KindAssignment, "conversation.assigned", tl.Assignments[i].EventID, &tl.Assignments[i]
		recs = append(recs, r)
	}
	for i := range tl.Resolves {
		r := base
		r.Kind, r.EventType, r.EventID, r.Resolve = domain.KindResolve, "conversation.resolved", tl.Resolves[i].EventID, &tl.Resolves[i]
		recs = append(recs, r)
	}
	for i := range tl.Labelings {
		r := base
		r.Kind, r.EventType, r.EventID, r.Labeling = domain.KindLabeling, "conversation.labeled", tl.Labelings[i].EventID, &tl.Labelings[i]
		recs = append(recs, r)
	}
	out := make([]map[string]types.AttributeValue, 0, len(recs))
	for _, r := range recs {
		body, err := jsonAttr(r)
		if err != nil {
			return nil, err
		}
		it := key(customerPK(ws, r.CustomerID), prefixEvent+r.EventID)
		it[attrData] = body
		out = append(out, it)
	}
	return out, nil
}

// surveyItems are a survey's master item (Q#) and its copy in the customer's
// partition (V#), as putSurveyRequest, putSurveyResponse and copySurvey leave them.
func surveyItems(ws string, sv domain.Survey) ([]map[string]types.AttributeValue, error) {
	req := domain.Survey{CSATID: sv.CSATID, CustomerID: sv.CustomerID, AgentID: sv.AgentID, RequestedAt: sv.RequestedAt}
	reqBody, err := jsonAttr(req)
	if err != nil {
		return nil, err
	}
	master := key(surveyPK(ws, sv.CSATID), "Q")
	master["req"], master["cust"] = reqBody, str(sv.CustomerID)
	rank := "1|"
	if sv.Responded {
		resp := domain.SurveyResponse{EventID: sv.ResponseEventID, CSATID: sv.CSATID, Rating: sv.Rating, Comment: sv.Comment, At: sv.RespondedAt}
		respBody, err := jsonAttr(resp)
		if err != nil {
			return nil, err
		}
		master["resp"], master["rk"] = respBody, str(responseRank(&resp))
		rank += responseRank(&resp)
	}
	body, err := jsonAttr(sv)
	if err != nil {
		return nil, err
	}
	cp := key(customerPK(ws, sv.CustomerID), prefixSurvey+sv.CSATID)
	cp[attrData], cp["sr"] = body, str(rank)
	return []map[string]types.AttributeValue{master, cp}, nil
}
