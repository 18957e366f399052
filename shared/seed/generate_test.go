package seed

import (
	"bytes"
	"net"
	"testing"
	"time"

	"github.com/mileusna/useragent"
)

func TestGenerateIsDeterministic(t *testing.T) {
	tests := []struct {
		name string
		a, b Config
		same bool
	}{
		{"same config", Config{Seed: 7, Now: testNow}, Config{Seed: 7, Now: testNow}, true},
		{"same config, other tz", Config{Seed: 7, Now: testNow, Timezone: "America/Sao_Paulo", Days: 10, Customers: 80},
			Config{Seed: 7, Now: testNow, Timezone: "America/Sao_Paulo", Days: 10, Customers: 80}, true},
		{"other seed", Config{Seed: 7, Now: testNow}, Config{Seed: 8, Now: testNow}, false},
		{"other now", Config{Seed: 7, Now: testNow}, Config{Seed: 7, Now: testNow.Add(time.Hour)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := Generate(tt.a), Generate(tt.b)
			same := len(a.Requests) == len(b.Requests)
			for i := 0; same && i < len(a.Requests); i++ {
				ra, rb := a.Requests[i], b.Requests[i]
				same = ra.Kind == rb.Kind && ra.At.Equal(rb.At) && ra.Events == rb.Events && ra.Duplicate == rb.Duplicate && bytes.Equal(ra.Body, rb.Body)
			}
			if same != tt.same {
				t.Errorf("plans identical = %v, want %v (%d vs %d requests)", same, tt.same, len(a.Requests), len(b.Requests))
			}
			if tt.same && a.Stats != b.Stats {
				t.Errorf("stats differ: %+v vs %+v", a.Stats, b.Stats)
			}
		})
	}
}

func TestGenerateKeepsPeopleAcrossRuns(t *testing.T) {
	a := Generate(Config{Seed: 3, Now: testNow, Days: 5, Customers: 40})
	b := Generate(Config{Seed: 3, Now: testNow.Add(48 * time.Hour), Days: 5, Customers: 40})
	for i := range a.Customers {
		if a.Customers[i] != b.Customers[i] {
			t.Fatalf("customer %d differs across Now: %+v vs %+v", i, a.Customers[i], b.Customers[i])
		}
	}
	for i := range a.Agents {
		if a.Agents[i] != b.Agents[i] {
			t.Fatalf("agent %d differs across Now", i)
		}
	}
}

func TestNothingAfterNow(t *testing.T) {
	for _, cfg := range []Config{
		{Seed: 42, Now: testNow},
		{Seed: 5, Now: time.Date(2026, 7, 1, 16, 59, 30, 0, time.UTC), Days: 3, Customers: 50, Timezone: "America/Mexico_City"},
	} {
		p := Generate(cfg)
		limit := cfg.Now.Add(-time.Minute)
		if !p.End.Equal(limit.Truncate(time.Second)) || p.End.After(limit) {
			t.Errorf("End = %v, want %v", p.End, limit)
		}
		d := decodePlan(t, p)
		for _, e := range d.events {
			if e.at.After(limit) {
				t.Errorf("event %s %s at %v after Now-1m", e.ID, e.Type, e.at)
			}
			if e.Type != "agent.upserted" && e.at.Before(p.Start) {
				t.Errorf("event %s %s at %v before the window %v", e.ID, e.Type, e.at, p.Start)
			}
		}
		for _, m := range d.messages {
			if m.at.After(limit) {
				t.Errorf("message %s at %v after Now-1m", m.ID, m.at)
			}
		}
		for _, s := range d.statuses {
			if s.at.After(limit) {
				t.Errorf("status %s at %v after Now-1m", s.ID, s.at)
			}
		}
		for i, r := range p.Requests {
			if r.At.After(limit) {
				t.Errorf("request %d At %v after Now-1m", i, r.At)
			}
			if i > 0 && r.At.Before(p.Requests[i-1].At) {
				t.Errorf("request %d At %v before request %d", i, r.At, i-1)
			}
		}
	}
}

func TestPlanSize(t *testing.T) {
	p := defaultPlan()
	if n := len(p.Requests); n < 1000 || n > 4000 {
		t.Errorf("%d requests, want low thousands", n)
	}
	if s := p.Stats.Sessions; s < 400 || s > 600 {
		t.Errorf("%d sessions, want 400–600", s)
	}
	if got, want := p.EventCount(), p.Stats.InboundMessages+p.Stats.Statuses; got <= want {
		t.Errorf("EventCount %d <= WhatsApp updates %d", got, want)
	}
}

// TestPlanMix checks, from the bodies alone, that the traffic has everything the demo promises.
func TestPlanMix(t *testing.T) {
	p := defaultPlan()
	d := decodePlan(t, p)
	loc, _ := time.LoadLocation(DefaultTimezone)

	type conv struct {
		customer     string
		assigned     []string
		firstAssign  time.Time
		firstAgentAt time.Time
		bot          bool
		opened       time.Time
	}
	convs := map[string]*conv{}
	get := func(id string) *conv {
		if convs[id] == nil {
			convs[id] = &conv{}
		}
		return convs[id]
	}
	byType := map[string]int{}
	upserted := map[string]bool{}
	roles := map[string]int{}
	supervisors := map[string]bool{}
	broadcastIDs := map[string]bool{}
	var ratings []int
	csatAnswers := map[string]int{}
	labels := map[string]bool{}
	var mobileUA, desktopUA int
	loginDays := map[string]bool{}
	calls := map[string]int{}
	inboundMirror := 0
	wamids := map[string]bool{}
	for _, m := range d.messages {
		wamids[m.ID] = true
	}
	for _, e := range d.events {
		byType[e.Type]++
		switch e.Type {
		case "agent.upserted":
			roles[e.Agent.Role]++
			if e.Agent.Role == "supervisor" {
				supervisors[e.Agent.ID] = true
			}
		case "customer.upserted":
			c := e.Customer
			if c.Name == "" || c.Phone == "" || c.Channel != "whatsapp" {
				t.Errorf("customer.upserted %+v lacks name/phone/channel", c)
			}
			upserted[c.ID] = true
		case "agent.login":
			ua := useragent.Parse(e.UserAgent)
			switch {
			case ua.Mobile:
				mobileUA++
			case ua.Desktop:
				desktopUA++
			default:
				t.Errorf("user agent %q is neither desktop nor mobile", e.UserAgent)
			}
			if net.ParseIP(e.IP) == nil {
				t.Errorf("login ip %q", e.IP)
			}
			loginDays[e.at.In(loc).Format(time.DateOnly)] = true
		case "message.created":
			m := e.Message
			if m.Sender == "broadcast" {
				if m.ConvID != "" {
					t.Errorf("broadcast %s inside conversation %s", m.ID, m.ConvID)
				}
				broadcastIDs[m.ID] = true
				continue
			}
			c := get(m.ConvID)
			c.customer = m.CustomerID
			switch m.Sender {
			case "bot":
				c.bot = true
			case "agent":
				if c.firstAgentAt.IsZero() || e.at.Before(c.firstAgentAt) {
					c.firstAgentAt = e.at
				}
			case "customer":
				if wamids[m.ID] {
					inboundMirror++
				}
			}
		case "conversation.assigned":
			c := get(e.ConvID)
			c.assigned = append(c.assigned, e.AgentID)
			if c.firstAssign.IsZero() || e.at.Before(c.firstAssign) {
				c.firstAssign = e.at
			}
		case "conversation.labeled":
			for _, l := range e.Labels {
				labels[l] = true
			}
		case "csat.responded":
			n, _ := e.Rating.Int64()
			ratings = append(ratings, int(n))
			csatAnswers[e.CSATID]++
		case "call.ended":
			calls[e.Status]++
		}
	}

	// People.
	if roles["admin"] != 1 || roles["supervisor"] < 1 || roles["supervisor"] > 2 || roles["agent"] < 7 || roles["agent"] > 9 {
		t.Errorf("roles %v, want 1 admin, 1–2 supervisors, ~8 agents", roles)
	}
	for _, a := range p.Agents {
		if a.Role == "agent" && (!supervisors[a.SupervisorID] || a.Team == "") {
			t.Errorf("agent %s: supervisor %q team %q", a.ID, a.SupervisorID, a.Team)
		}
	}
	first := decodeFirst(t, p)
	if byType["agent.upserted"] != len(p.Agents) || first != len(p.Agents) {
		t.Errorf("agent.upserted: %d in plan, %d in the first request, want %d", byType["agent.upserted"], first, len(p.Agents))
	}
	if len(upserted) != len(p.Customers) {
		t.Errorf("customer.upserted for %d customers, want all %d", len(upserted), len(p.Customers))
	}

	// Sessions, bot-only, tickets, reassignments, early replies, returning customers.
	sessions, botOnly, tickets, reassigned, early := 0, 0, 0, 0, 0
	perCustomer := map[string]int{}
	for _, c := range convs {
		if !c.bot {
			continue
		}
		sessions++
		perCustomer[c.customer]++
		if len(c.assigned) == 0 {
			botOnly++
			if !c.firstAgentAt.IsZero() {
				t.Errorf("bot-only conversation of %s has an agent reply", c.customer)
			}
			continue
		}
		tickets++
		if len(c.assigned) > 1 && c.assigned[0] != c.assigned[1] {
			reassigned++
		}
		if c.firstAgentAt.Before(c.firstAssign) {
			early++
		}
	}
	returning := 0
	for _, n := range perCustomer {
		if n >= 2 {
			returning++
		}
	}
	share := float64(botOnly) / float64(sessions)
	if share < 0.18 || share > 0.35 {
		t.Errorf("bot-only share %.2f (%d/%d), want ~25%%", share, botOnly, sessions)
	}
	if reassigned < 10 || early < 3 || returning < 30 {
		t.Errorf("reassigned %d, early replies %d, returning customers %d: want some of each", reassigned, early, returning)
	}
	if tickets != p.Stats.Tickets || reassigned != p.Stats.Reassigned || early != p.Stats.EarlyReplies {
		t.Errorf("bodies: tickets %d reassigned %d early %d; Stats %+v", tickets, reassigned, early, p.Stats)
	}

	// Resolves, CSAT.
	res, req, resp := byType["conversation.resolved"], byType["csat.requested"], byType["csat.responded"]
	if resp != len(ratings) || resp != p.Stats.CSATResponded {
		t.Errorf("csat.responded %d, ratings %d, Stats %d", resp, len(ratings), p.Stats.CSATResponded)
	}
	if r := float64(req) / float64(res); r < 0.5 || r > 0.7 {
		t.Errorf("csat requested after %.2f of resolves, want ~0.6", r)
	}
	twice := 0
	for _, n := range csatAnswers {
		if n > 1 {
			twice++
		}
	}
	if r := float64(len(csatAnswers)) / float64(req); r < 0.4 || r > 0.6 {
		t.Errorf("csat answered %.2f of the time, want ~0.5", r)
	}
	if twice == 0 || twice != p.Stats.CSATAnsweredTwice {
		t.Errorf("%d surveys answered twice (Stats %d), want a few", twice, p.Stats.CSATAnsweredTwice)
	}
	high := 0
	for _, r := range ratings {
		if r >= 4 {
			high++
		}
	}
	if float64(high)/float64(len(ratings)) < 0.6 {
		t.Errorf("ratings %d/%d are 4–5, want skewed high", high, len(ratings))
	}

	// Labels, broadcasts and their replies, calls, logins, inbound mirrors.
	for _, l := range []string{"billing", "delivery", "refund", "vip", "complaint", "order-status"} {
		if !labels[l] {
			t.Errorf("label %s never used", l)
		}
	}
	bReplies := 0
	for _, m := range d.messages {
		if m.Context != nil && broadcastIDs[m.Context.ID] {
			bReplies++
		}
	}
	if len(broadcastIDs) < 20 || bReplies == 0 || bReplies != p.Stats.BroadcastReplies {
		t.Errorf("%d broadcasts, %d replies (Stats %d)", len(broadcastIDs), bReplies, p.Stats.BroadcastReplies)
	}
	if calls["answered"] == 0 || calls["missed"] == 0 {
		t.Errorf("calls %v, want answered and missed", calls)
	}
	if byType["agent.login"] != p.Stats.Logins || byType["agent.logout"] < byType["agent.login"]-12 || len(loginDays) < 25 {
		t.Errorf("logins %d logouts %d on %d days", byType["agent.login"], byType["agent.logout"], len(loginDays))
	}
	if mobileUA == 0 || desktopUA <= mobileUA {
		t.Errorf("user agents: %d mobile, %d desktop", mobileUA, desktopUA)
	}
	if inboundMirror == 0 {
		t.Error("no helpdesk message.created mirrors a WhatsApp inbound message")
	}

	// Statuses: some failed, some read arriving before delivered.
	failed, readFirst := 0, 0
	deliveredReq := map[string]int{}
	for _, s := range d.statuses {
		if s.Status == "delivered" {
			deliveredReq[s.ID] = s.req
		}
	}
	for _, s := range d.statuses {
		switch s.Status {
		case "failed":
			failed++
		case "read":
			if r, ok := deliveredReq[s.ID]; ok && r > s.req {
				readFirst++
			}
		}
	}
	if failed == 0 || readFirst == 0 {
		t.Errorf("%d failed statuses, %d reads delivered before their delivered", failed, readFirst)
	}

	// Duplicates: exact same bodies re-delivered.
	seen := map[string]int{}
	for _, r := range p.Requests {
		seen[string(r.Body)]++
	}
	dups := 0
	for _, n := range seen {
		dups += n - 1
	}
	if dups < 4 || dups != p.Stats.Duplicates {
		t.Errorf("%d duplicate bodies (Stats %d), want a handful", dups, p.Stats.Duplicates)
	}
}

// decodeFirst returns how many agent.upserted events the plan's setup request carries.
func decodeFirst(t *testing.T, p *Plan) int {
	t.Helper()
	if p.Setup != 1 {
		t.Fatalf("Setup = %d, want 1", p.Setup)
	}
	evs, err := decodeEvents(p.Requests[0].Body)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if e.Type == "agent.upserted" {
			n++
		}
	}
	return n
}

// TestTrafficShape checks daytime peaks and weekday/weekend variation in the workspace's zone.
func TestTrafficShape(t *testing.T) {
	for _, tz := range []string{"Asia/Jakarta", "America/Sao_Paulo"} {
		t.Run(tz, func(t *testing.T) {
			p := Generate(Config{Seed: 11, Now: testNow, Timezone: tz})
			loc, _ := time.LoadLocation(tz)
			d := decodePlan(t, p)
			day, night := 0, 0
			perDay := map[string]int{}
			weekend := map[string]bool{}
			for _, m := range d.messages {
				l := m.at.In(loc)
				switch h := l.Hour(); {
				case h >= 9 && h < 18:
					day++
				case h < 6:
					night++
				}
				k := l.Format(time.DateOnly)
				perDay[k]++
				weekend[k] = l.Weekday() == time.Saturday || l.Weekday() == time.Sunday
			}
			if total := len(d.messages); float64(day) < 0.5*float64(total) || night == 0 {
				t.Errorf("%d of %d inbound messages in 09–18, %d at night", day, total, night)
			}
			var wd, we, nwd, nwe float64
			for k, n := range perDay {
				if weekend[k] {
					we += float64(n)
					nwe++
				} else {
					wd += float64(n)
					nwd++
				}
			}
			if wd/nwd <= 1.2*(we/nwe) {
				t.Errorf("weekday average %.1f vs weekend %.1f, want busier weekdays", wd/nwd, we/nwe)
			}
		})
	}
}
