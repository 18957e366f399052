package seed

import (
	"fmt"
	"time"
)

// inbound emits a customer's WhatsApp message (and, sometimes, the helpdesk's message.created
// mirror with the same id). It reports whether the message is in the plan.
func (g *gen) inbound(c *customerInfo, conv string, at time.Time, msg *waMessage) bool {
	msg.From = c.ID
	msg.ID = g.wamid(c.ID)
	msg.Timestamp = unix(at)
	contact := &waContact{Profile: waProfile{Name: c.profileName}, WaID: c.ID}
	if !g.push(at, at, nil, &waItem{contact: contact, msg: msg}) {
		return false
	}
	if g.pct(40) {
		text := ""
		switch {
		case msg.Text != nil:
			text = msg.Text.Body
		case msg.Image != nil:
			text = msg.Image.Caption
		case msg.Button != nil:
			text = msg.Button.Text
		}
		ev := &hdEvent{Type: "message.created", Message: &hdMessage{
			ID: msg.ID, CustomerID: c.ID, ConversationID: conv, Direction: "inbound", Sender: "customer",
			Channel: "whatsapp", Type: msg.Type, Text: text,
		}}
		ev.OccurredAt = at.In(g.loc).Format(time.RFC3339)
		g.push(at, at.Add(g.secs(1, 4)), ev, nil)
	}
	return true
}

func (g *gen) textMsg(body string) *waMessage {
	return &waMessage{Type: "text", Text: &waText{Body: body}}
}

// outbound emits a message.created from the business and its delivery statuses.
func (g *gen) outbound(c *customerInfo, conv, sender, agentID string, at time.Time, text string) bool {
	id := g.wamid(c.ID)
	if !g.event(at, &hdEvent{Type: "message.created", Message: &hdMessage{
		ID: id, CustomerID: c.ID, ConversationID: conv, Direction: "outbound", Sender: sender,
		AgentID: agentID, Channel: "whatsapp", Type: "text", Text: text,
	}}) {
		return false
	}
	g.statuses(id, c.ID, at, "service", 3, g.logSecs(40, 1.3, 2, 3600))
	return true
}

// onShift returns the ticket-handling agents logged in at t for at least 15 more minutes.
func (g *gen) onShift(t time.Time) []int {
	var out []int
	for _, s := range g.shifts {
		if s.login.After(t) {
			break
		}
		if g.agents[s.agent].handles && s.logout.After(t.Add(15*time.Minute)) && !containsInt(out, s.agent) {
			out = append(out, s.agent)
		}
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// pickAgent chooses an agent by weight among candidates, excluding not (-1 for none).
func (g *gen) pickAgent(cands []int, not int) int {
	total := 0.0
	for _, a := range cands {
		if a != not {
			total += g.agents[a].weight
		}
	}
	if total == 0 {
		return -1
	}
	x := g.r.Float64() * total
	for _, a := range cands {
		if a == not {
			continue
		}
		x -= g.agents[a].weight
		if x < 0 {
			return a
		}
	}
	return cands[len(cands)-1]
}

// assignee returns when (at or after t) and to whom the session gets assigned: somebody on shift,
// else the first agent of the next shift a few minutes after logging in.
func (g *gen) assignee(t time.Time) (time.Time, int) {
	if a := g.pickAgent(g.onShift(t), -1); a >= 0 {
		return t, a
	}
	for _, s := range g.shifts {
		if s.login.After(t) && g.agents[s.agent].handles {
			ta := s.login.Add(g.secs(60, 900))
			if a := g.pickAgent(g.onShift(ta), -1); a >= 0 {
				return ta, a
			}
			return ta, s.agent
		}
	}
	return g.cutoff.Add(time.Hour), -1 // nobody before the end of the window: never assigned
}

var ratingWeights = []int{6, 7, 12, 30, 45} // ratings 1..5, skewed to 4–5

func (g *gen) rating() int {
	x := g.r.IntN(100)
	for i, w := range ratingWeights {
		x -= w
		if x < 0 {
			return i + 1
		}
	}
	return 5
}

// simulate emits one session: opening messages, bot greeting, then either a bot-only exchange or a
// ticket with assignment(s), replies, labels, a call, resolve and CSAT.
func (g *gen) simulate(s sessionPlan) {
	c := &g.customers[s.cust]
	g.nConv++
	conv := fmt.Sprintf("conv_%s_%d", g.tag, g.nConv)
	tp := topics[g.r.IntN(len(topics))]
	say := func(en, id []string) string {
		if c.indonesian {
			return fill(g.r, pick(g.r, id), c.first)
		}
		return fill(g.r, pick(g.r, en), c.first)
	}

	// Opening messages.
	t := s.t0
	var open *waMessage
	switch {
	case s.bcast != "" && g.pct(50):
		open = &waMessage{Type: "button", Button: &waButton{Payload: "promo_" + g.hex(6), Text: pick(g.r, broadcastButtons)},
			Context: &waContext{From: g.biz.display, ID: s.bcast}}
	case s.bcast != "":
		open = g.textMsg(pick(g.r, broadcastReplyTexts))
		open.Context = &waContext{From: g.biz.display, ID: s.bcast}
	case g.pct(6):
		open = &waMessage{Type: "image", Image: &waImage{Caption: say(tp.openEN, tp.openID), MimeType: "image/jpeg", SHA256: g.hex(64), ID: fmt.Sprintf("%d", 1e15+g.r.Int64N(1e15))}}
	default:
		open = g.textMsg(say(tp.openEN, tp.openID))
	}
	if !g.inbound(c, conv, t, open) {
		return
	}
	g.stats.Sessions++
	if s.bcast != "" {
		g.stats.BroadcastReplies++
	}
	nOpen := 1
	if g.pct(50) {
		nOpen += 1 + g.r.IntN(2)
	}
	for range nOpen - 1 {
		t = t.Add(g.secs(5, 90))
		g.inbound(c, conv, t, g.textMsg(say(followEN, followID)))
	}

	// Bot greeting right after the first message.
	tb := s.t0.Add(g.secs(2, 6))
	greeting := botGreetingEN
	faq := botFAQEN
	if c.indonesian {
		greeting, faq = botGreetingID, botFAQID
	}
	g.outbound(c, conv, "bot", "", tb, fill(g.r, greeting, c.first))

	botOnly := g.pct(25)
	if s.bcast != "" {
		botOnly = g.pct(50)
	}
	if botOnly {
		g.stats.BotOnlySessions++
		if g.pct(60) {
			tc := tb.Add(g.secs(20, 300))
			if g.inbound(c, conv, tc, g.textMsg(pick(g.r, botOnlyCustomer))) {
				g.outbound(c, conv, "bot", "", tc.Add(g.secs(2, 5)), pick(g.r, faq))
			}
		}
		return
	}
	g.ticket(c, conv, tp, t, say)
}

// ticket plays the assigned part of a session whose last opening message was at t.
func (g *gen) ticket(c *customerInfo, conv string, tp topic, t time.Time, say func(en, id []string) string) {
	ta, agent := g.assignee(t.Add(g.logSecs(150, 0.9, 20, 1800)))
	if agent < 0 || ta.After(g.cutoff) {
		return
	}
	cur := g.agents[agent].ID
	reply := func(by string, at time.Time) bool {
		return g.outbound(c, conv, "agent", by, at, say(replyEN, replyID))
	}
	assign := func(by string, at time.Time) bool {
		return g.event(at, &hdEvent{Type: "conversation.assigned", CustomerID: c.ID, AgentID: by, ConversationID: conv, Channel: "whatsapp"})
	}
	if g.pct(5) && reply(cur, ta.Add(-g.secs(20, 90))) {
		g.stats.EarlyReplies++
	}
	if !assign(cur, ta) {
		return
	}
	g.stats.Tickets++

	first := ta.Add(g.logSecs(180, 1.1, 15, 3600))
	reply(cur, first)
	last := first

	// Labels: the topic's label, sometimes vip; sometimes relabeled later with the full new set.
	var labels []string
	if tp.label != "" && g.pct(75) {
		labels = append(labels, tp.label)
	}
	if g.pct(10) {
		labels = append(labels, "vip")
	}
	if len(labels) > 0 {
		g.event(first.Add(g.secs(10, 180)), &hdEvent{Type: "conversation.labeled", CustomerID: c.ID, Labels: labels})
	}

	rounds := g.r.IntN(4)
	reassignAt := -1
	if g.pct(12) {
		reassignAt = g.r.IntN(rounds + 1)
	}
	for i := 0; i <= rounds; i++ {
		if i == reassignAt {
			tr := last.Add(g.secs(60, 900))
			other := g.pickAgent(g.onShift(tr), indexOf(g.agents, cur))
			if other >= 0 && assign(g.agents[other].ID, tr) {
				g.stats.Reassigned++
				cur = g.agents[other].ID
				last = tr.Add(g.logSecs(120, 0.8, 15, 1200))
				reply(cur, last)
			}
		}
		if i == rounds {
			break
		}
		tc := last.Add(g.logSecs(240, 1.0, 20, 3600))
		g.inbound(c, conv, tc, g.textMsg(say(followEN, followID)))
		last = tc.Add(g.logSecs(150, 0.9, 15, 1800))
		reply(cur, last)
	}
	if len(labels) > 0 && g.pct(20) {
		more := "complaint"
		if labels[0] == "complaint" {
			more = "vip"
		}
		g.event(last.Add(g.secs(5, 60)), &hdEvent{Type: "conversation.labeled", CustomerID: c.ID, Labels: append(append([]string(nil), labels...), more)})
	}
	if g.pct(6) {
		g.call(c, cur, ta.Add(last.Sub(ta)/2))
	}

	if !g.pct(95) {
		return // left open
	}
	tres := last.Add(g.logSecs(600, 0.9, 60, 4*3600))
	resolver := cur
	switch x := g.r.IntN(100); {
	case x < 5:
		resolver = "" // the helpdesk did not say who resolved
	case x < 10:
		if sup := g.agents[indexOf(g.agents, cur)].SupervisorID; sup != "" {
			resolver = sup
		}
	}
	res := &hdEvent{Type: "conversation.resolved", CustomerID: c.ID, AgentID: resolver, ConversationID: conv}
	if g.pct(60) {
		res.Category = tp.category
	}
	if g.pct(30) {
		res.Note = pick(g.r, resolveNotes)
	}
	if !g.event(tres, res) || !g.pct(60) {
		return
	}
	g.csat(c, resolver, tres)
}

// csat requests a survey after a resolve; about half are answered, a few twice.
func (g *gen) csat(c *customerInfo, agentID string, tres time.Time) {
	g.nCSAT++
	id := fmt.Sprintf("csat_%s_%d", g.tag, g.nCSAT)
	treq := tres.Add(g.secs(5, 30))
	req := &hdEvent{Type: "csat.requested", CSATID: id, CustomerID: c.ID}
	if g.pct(85) {
		req.AgentID = agentID
	}
	if !g.event(treq, req) || !g.pct(50) {
		return
	}
	answer := func(at time.Time) bool {
		rt := g.rating()
		ev := &hdEvent{Type: "csat.responded", CSATID: id, Rating: rt}
		if g.pct(40) {
			ev.Comment = pick(g.r, csatComments[rt])
		}
		return g.event(at, ev)
	}
	tresp := treq.Add(g.logSecs(900, 1.3, 30, 8*3600))
	if answer(tresp) && g.pct(8) && answer(tresp.Add(g.secs(120, 3600))) {
		g.stats.CSATAnsweredTwice++
	}
}

// call emits a call.ended during a ticket: mostly inbound, a quarter missed.
func (g *gen) call(c *customerInfo, agentID string, at time.Time) {
	g.nCall++
	ev := &hdEvent{Type: "call.ended", CallID: fmt.Sprintf("call_%s_%d", g.tag, g.nCall), CustomerID: c.ID, Direction: "inbound", Status: "answered"}
	if g.pct(30) {
		ev.Direction = "outbound"
	}
	d := 0
	if g.pct(75) {
		d = 40 + g.r.IntN(860)
		ev.AgentID = agentID
	} else {
		ev.Status = "missed"
		if ev.Direction == "outbound" {
			ev.AgentID = agentID
		}
	}
	ev.DurationSeconds = &d
	g.event(at.Truncate(time.Second), ev)
}

func indexOf(agents []agentInfo, id string) int {
	for i, a := range agents {
		if a.ID == id {
			return i
		}
	}
	return -1
}
