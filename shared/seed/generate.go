package seed

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"
)

// item is one helpdesk event or one WhatsApp update before batching.
type item struct {
	at     time.Time // occurred-at
	sendAt time.Time // ordering key (differs from at for out-of-order deliveries)
	seq    int
	hd     *hdEvent
	wa     *waItem
}

// waItem is one WhatsApp update: an inbound message (with its contact) or a status.
type waItem struct {
	contact *waContact
	msg     *waMessage
	status  *waStatus
}

// sessionPlan is one session to simulate.
type sessionPlan struct {
	cust int
	t0   time.Time
	// bcast is the broadcast message this session replies to ("" for an ordinary session).
	bcast string
}

// business is the WhatsApp Business account the traffic belongs to.
type business struct {
	wabaID, phoneNumberID, display string
}

type gen struct {
	r             *rand.Rand
	loc           *time.Location
	start, cutoff time.Time
	tag           string
	biz           business
	agents        []agentInfo
	customers     []customerInfo
	shifts        []shift
	items         []item
	seq           int
	nWamid        int
	nConv         int
	nCSAT         int
	nCall         int
	stats         Stats
}

// Generate builds the demo traffic plan for cfg. It is deterministic: the same
// Config (with an explicit Now) yields byte-identical request bodies. An unknown
// Timezone falls back to UTC.
func Generate(cfg Config) *Plan {
	if cfg.Days <= 0 {
		cfg.Days = DefaultDays
	}
	if cfg.Customers <= 0 {
		cfg.Customers = DefaultCustomers
	}
	if cfg.Timezone == "" {
		cfg.Timezone = DefaultTimezone
	}
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	loc, err := time.LoadLocation(cfg.Timezone)
	if err != nil {
		loc = time.UTC
	}
	cutoff := cfg.Now.Add(-time.Minute).Truncate(time.Second)
	start := cutoff.Add(-time.Duration(cfg.Days) * 24 * time.Hour)

	// People depend on the seed only, so re-seeding later talks about the same customers and agents;
	// traffic ids also depend on Now so that a later run does not collide with an earlier one.
	people := rand.New(rand.NewPCG(uint64(cfg.Seed), 0x5eed0001))
	h := fnv.New64a()
	_ = binary.Write(h, binary.LittleEndian, cfg.Seed)
	_ = binary.Write(h, binary.LittleEndian, cutoff.Unix())
	_ = binary.Write(h, binary.LittleEndian, int64(cfg.Days))
	runKey := h.Sum64()

	g := &gen{
		r:      rand.New(rand.NewPCG(uint64(cfg.Seed), runKey)),
		loc:    loc,
		start:  start,
		cutoff: cutoff,
		tag:    fmt.Sprintf("%06x", runKey&0xFFFFFF),
		biz: business{
			wabaID:        fmt.Sprintf("1%014d", people.Int64N(1e14)),
			phoneNumberID: fmt.Sprintf("1%014d", people.Int64N(1e14)),
			display:       "6221" + digits(people, 8),
		},
	}
	g.agents = makeAgents(people)
	g.customers = makeCustomers(people, cfg.Customers)
	g.shifts = makeShifts(g.r, g.agents, start, cutoff, loc)
	g.shifts = slices.DeleteFunc(g.shifts, func(s shift) bool { return s.login.Before(start) })

	g.emitAgents()
	g.emitAccess()
	sessions := g.schedule(cfg.Days)
	sessions = append(sessions, g.broadcasts(cfg.Days, sessions)...)
	sort.SliceStable(sessions, func(i, j int) bool { return sessions[i].t0.Before(sessions[j].t0) })
	g.emitCustomers(sessions)
	for _, s := range sessions {
		g.simulate(s)
	}
	plan := g.batch()
	plan.Start, plan.End = start, cutoff
	for _, a := range g.agents {
		plan.Agents = append(plan.Agents, a.Agent)
	}
	for _, c := range g.customers {
		plan.Customers = append(plan.Customers, c.Customer)
	}
	return plan
}

// secs returns a random whole-second duration in [lo, hi] seconds.
func (g *gen) secs(lo, hi int) time.Duration {
	return time.Duration(lo+g.r.IntN(hi-lo+1)) * time.Second
}

// logSecs returns a log-normally distributed whole-second duration with the given median, clamped to [lo, hi].
func (g *gen) logSecs(median float64, sigma float64, lo, hi int) time.Duration {
	v := math.Exp(math.Log(median) + sigma*g.r.NormFloat64())
	v = math.Max(float64(lo), math.Min(float64(hi), v))
	return time.Duration(int(v)) * time.Second
}

func (g *gen) pct(p int) bool { return g.r.IntN(100) < p }

// push keeps an item unless it happens after the cutoff.
func (g *gen) push(at, sendAt time.Time, hd *hdEvent, wa *waItem) bool {
	if at.After(g.cutoff) || sendAt.After(g.cutoff) {
		return false
	}
	g.seq++
	g.items = append(g.items, item{at: at, sendAt: sendAt, seq: g.seq, hd: hd, wa: wa})
	return true
}

// event keeps a helpdesk event occurring at at (its id is assigned at batching time).
func (g *gen) event(at time.Time, ev *hdEvent) bool {
	ev.OccurredAt = at.In(g.loc).Format(time.RFC3339)
	return g.push(at, at, ev, nil)
}

func unix(t time.Time) string { return fmt.Sprintf("%d", t.Unix()) }

// wamid returns a unique, Meta-looking WhatsApp message id.
func (g *gen) wamid(waID string) string {
	g.nWamid++
	raw := fmt.Sprintf("\x1c\x18\x0d%s\x15\x02\x00\x11\x18\x12%s%05X%06X", waID, g.tag, g.nWamid, g.r.Uint32()&0xFFFFFF)
	return "wamid." + base64.StdEncoding.EncodeToString([]byte(raw))
}

func (g *gen) hex(n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[g.r.IntN(16)]
	}
	return string(b)
}

func (g *gen) emitAgents() {
	at := g.start.Add(-time.Hour)
	for i, a := range g.agents {
		g.event(at.Add(time.Duration(i)*time.Second), &hdEvent{Type: "agent.upserted", Agent: &hdAgent{
			ID: a.ID, Name: a.Name, Role: a.Role, SupervisorID: a.SupervisorID, Team: a.Team,
		}})
	}
}

func (g *gen) emitAccess() {
	for _, s := range g.shifts {
		a := g.agents[s.agent]
		ua, ip := a.desktopUA, a.homeIP
		if s.mobile {
			ua = a.mobileUA
		}
		if s.fromOffice {
			ip = officeIP
		}
		g.event(s.login, &hdEvent{Type: "agent.login", AgentID: a.ID, UserAgent: ua, IP: ip})
		g.event(s.logout, &hdEvent{Type: "agent.logout", AgentID: a.ID, UserAgent: ua, IP: ip})
	}
}

// emitCustomers upserts every customer one second after its first session opens.
func (g *gen) emitCustomers(sessions []sessionPlan) {
	done := make([]bool, len(g.customers))
	for _, s := range sessions {
		if done[s.cust] {
			continue
		}
		done[s.cust] = true
		c := g.customers[s.cust]
		g.event(s.t0.Add(time.Second), &hdEvent{Type: "customer.upserted", Customer: &hdCustomer{
			ID: c.ID, Name: c.Name, Phone: c.Phone, Channel: "whatsapp",
		}})
	}
}

// farFrom reports whether t is at least gap away from every time in ts.
func farFrom(ts []time.Time, t time.Time, gap time.Duration) bool {
	for _, x := range ts {
		d := t.Sub(x)
		if d < gap && d > -gap {
			return false
		}
	}
	return true
}

// schedule gives every customer a first session and about two thirds of a session more on average,
// concentrated on returning customers; one customer's sessions are at least three days apart.
func (g *gen) schedule(days int) []sessionPlan {
	sampler := newSlotSampler(g.start, g.cutoff.Add(-10*time.Minute), g.loc)
	gap := 3 * 24 * time.Hour
	if days < 9 {
		gap = time.Duration(days) * 8 * time.Hour
	}
	times := make([][]time.Time, len(g.customers))
	for i := range g.customers {
		times[i] = []time.Time{sampler.draw(g.r)}
	}
	var returning []int
	for i := range g.customers {
		if g.pct(35) {
			returning = append(returning, i)
		}
	}
	extra := len(g.customers) * 2 / 3
	for k := 0; k < extra && len(returning) > 0; k++ {
		// Skewed pick: a few loyal customers come back often.
		c := returning[int(float64(len(returning))*math.Pow(g.r.Float64(), 1.6))]
		for range 10 {
			t := sampler.draw(g.r)
			if farFrom(times[c], t, gap) {
				times[c] = append(times[c], t)
				break
			}
		}
	}
	var out []sessionPlan
	for c, ts := range times {
		for _, t := range ts {
			out = append(out, sessionPlan{cust: c, t0: t})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].t0.Before(out[j].t0) })
	return out
}

// broadcasts sends a few marketing broadcasts on weekday mornings to existing contacts that are not in a
// conversation, and returns the sessions opened by the customers who reply.
func (g *gen) broadcasts(days int, sessions []sessionPlan) []sessionPlan {
	times := make([][]time.Time, len(g.customers))
	first := make([]time.Time, len(g.customers))
	for _, s := range sessions {
		if first[s.cust].IsZero() {
			first[s.cust] = s.t0
		}
		times[s.cust] = append(times[s.cust], s.t0)
	}
	n := max(2, days/8)
	var out []sessionPlan
	for b := range n {
		// Spread over the window's second half-ish, on a weekday at 10:xx local.
		day := g.start.Add(time.Duration(days*(b+1)/(n+1)) * 24 * time.Hour)
		for day.In(g.loc).Weekday() == time.Saturday || day.In(g.loc).Weekday() == time.Sunday {
			day = day.Add(24 * time.Hour)
		}
		bt := localAt(day, g.loc, 10, g.r.IntN(50), 0)
		if bt.After(g.cutoff.Add(-3 * time.Hour)) {
			continue
		}
		text := broadcastTexts[b%len(broadcastTexts)]
		order := g.r.Perm(len(g.customers))
		want := len(g.customers) * 15 / 100
		t := bt
		for _, c := range order {
			if want == 0 {
				break
			}
			if first[c].IsZero() || first[c].After(bt.Add(-time.Hour)) || !farFrom(times[c], bt, 2*24*time.Hour) {
				continue
			}
			want--
			t = t.Add(g.secs(1, 3))
			cu := g.customers[c]
			id := g.wamid(cu.ID)
			if !g.event(t, &hdEvent{Type: "message.created", Message: &hdMessage{
				ID: id, CustomerID: cu.ID, Direction: "outbound", Sender: "broadcast", Channel: "whatsapp", Type: "template", Text: text,
			}}) {
				continue
			}
			seen, failed := g.statuses(id, cu.ID, t, "marketing", 4, g.logSecs(1800, 1.2, 30, 12*3600))
			if failed || seen.IsZero() || !g.pct(22) {
				continue
			}
			rt := seen.Add(g.secs(20, 1800))
			if rt.After(g.cutoff.Add(-10 * time.Minute)) {
				continue
			}
			times[c] = append(times[c], rt)
			out = append(out, sessionPlan{cust: c, t0: rt, bcast: id})
		}
	}
	return out
}

// statuses emits WhatsApp statuses for an outbound message sent at at and returns when the customer
// read it (zero if never) and whether it failed. failPct is the failure chance in percent.
func (g *gen) statuses(id, to string, at time.Time, origin string, failPct int, readDelay time.Duration) (time.Time, bool) {
	conv := &waConversation{ID: g.hex(32), Origin: waOrigin{Type: origin}}
	pricing := &waPricing{Billable: origin != "service", PricingModel: "PMP", Category: origin, Type: "regular"}
	if origin == "service" {
		pricing.Type = "free_customer_service"
	}
	st := func(status string, t time.Time) *waStatus {
		return &waStatus{ID: id, Status: status, Timestamp: unix(t), RecipientID: to}
	}
	ts := at.Add(g.secs(1, 3))
	if !g.pct(4) { // "delivered without sent" happens
		s := st("sent", ts)
		s.Conversation, s.Pricing = conv, pricing
		g.push(ts, ts, nil, &waItem{status: s})
	}
	if g.pct(failPct) {
		tf := ts.Add(g.secs(2, 40))
		s := st("failed", tf)
		s.Errors = []waError{{
			Code: 131049, Title: "This message was not delivered to maintain healthy ecosystem engagement.",
			Message:   "This message was not delivered to maintain healthy ecosystem engagement.",
			ErrorData: waErrorData{Details: "In order to maintain a healthy ecosystem engagement, the message failed to be delivered."},
			Href:      "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
		}}
		if origin == "service" {
			s.Errors[0].Code, s.Errors[0].Title, s.Errors[0].Message = 131026, "Message undeliverable", "Message undeliverable"
			s.Errors[0].ErrorData.Details = "Message Undeliverable."
		}
		g.push(tf, tf, nil, &waItem{status: s})
		return time.Time{}, true
	}
	td := ts.Add(g.secs(1, 40))
	delivered := g.pct(93)
	if !delivered {
		return time.Time{}, false
	}
	if !g.pct(75) {
		g.push(td, td, nil, &waItem{status: st("delivered", td)})
		return time.Time{}, false
	}
	tr := td.Add(readDelay)
	if g.pct(10) { // read arrives before delivered
		g.push(tr, tr, nil, &waItem{status: st("read", tr)})
		g.push(td, tr.Add(g.secs(1, 30)), nil, &waItem{status: st("delivered", td)})
	} else {
		g.push(td, td, nil, &waItem{status: st("delivered", td)})
		g.push(tr, tr, nil, &waItem{status: st("read", tr)})
	}
	return tr, false
}
