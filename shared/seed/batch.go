package seed

import (
	"fmt"
	"sort"
	"time"
)

// Batching limits: helpdesk requests carry up to 50 events within 15 minutes; WhatsApp notifications
// carry up to 25 updates within 3 minutes.
const (
	hdMaxEvents = 50
	hdWindow    = 15 * time.Minute
	waMaxItems  = 25
	waWindow    = 3 * time.Minute
	dupEach     = 3 // exact re-deliveries per webhook kind
)

// batch orders the items, numbers the helpdesk events, groups them into requests and adds duplicates.
func (g *gen) batch() *Plan {
	sort.SliceStable(g.items, func(i, j int) bool {
		a, b := g.items[i], g.items[j]
		if !a.sendAt.Equal(b.sendAt) {
			return a.sendAt.Before(b.sendAt)
		}
		return a.seq < b.seq
	})
	plan := &Plan{}
	var hd, wa []item
	flushHD := func() {
		if len(hd) == 0 {
			return
		}
		body := hdBody{}
		for _, it := range hd {
			body.Events = append(body.Events, it.hd)
		}
		b, err := marshalJSON(body)
		if err != nil {
			panic(fmt.Sprintf("seed: encode helpdesk batch: %v", err)) // plain structs: cannot fail
		}
		plan.Requests = append(plan.Requests, Request{Kind: KindEvents, Body: b, At: hd[0].sendAt, Events: len(hd)})
		hd = hd[:0]
	}
	flushWA := func() {
		if len(wa) == 0 {
			return
		}
		plan.Requests = append(plan.Requests, Request{Kind: KindWhatsApp, Body: g.waBody(wa), At: wa[0].sendAt, Events: len(wa)})
		wa = wa[:0]
	}
	n := 0
	for _, it := range g.items {
		switch {
		case it.hd != nil:
			n++
			it.hd.ID = fmt.Sprintf("evt_%s_%d", g.tag, n)
			if len(hd) > 0 && (len(hd) >= hdMaxEvents || it.sendAt.Sub(hd[0].sendAt) > hdWindow) {
				flushHD()
			}
			hd = append(hd, it)
		default:
			if len(wa) > 0 && (len(wa) >= waMaxItems || it.sendAt.Sub(wa[0].sendAt) > waWindow) {
				flushWA()
			}
			wa = append(wa, it)
		}
	}
	flushHD()
	flushWA()
	sort.SliceStable(plan.Requests, func(i, j int) bool { return plan.Requests[i].At.Before(plan.Requests[j].At) })
	if len(plan.Requests) > 0 && plan.Requests[0].Kind == KindEvents {
		plan.Setup = 1 // the agent.upserted batch, an hour before anything else
	}
	g.addDuplicates(plan)
	plan.Stats = g.countStats()
	plan.Stats.Duplicates = 0
	for _, r := range plan.Requests {
		if r.Duplicate {
			plan.Stats.Duplicates++
		}
	}
	return plan
}

// addDuplicates re-delivers a few requests of each kind, byte for byte, a little later.
func (g *gen) addDuplicates(plan *Plan) {
	var dups []Request
	for _, kind := range []RequestKind{KindWhatsApp, KindEvents} {
		var idx []int
		for i := plan.Setup; i < len(plan.Requests); i++ {
			if plan.Requests[i].Kind == kind {
				idx = append(idx, i)
			}
		}
		for k := 0; k < dupEach && len(idx) > 0; k++ {
			j := g.r.IntN(len(idx))
			r := plan.Requests[idx[j]]
			idx = append(idx[:j], idx[j+1:]...)
			r.Duplicate = true
			r.At = r.At.Add(g.secs(60, 7200))
			if r.At.After(g.cutoff) {
				r.At = g.cutoff
			}
			dups = append(dups, r)
		}
	}
	plan.Requests = append(plan.Requests, dups...)
	sort.SliceStable(plan.Requests, func(i, j int) bool { return plan.Requests[i].At.Before(plan.Requests[j].At) })
}

// waBody encodes WhatsApp updates as one Meta notification: each inbound message in its own change with
// its contact, all statuses in one change; sometimes one entry per change.
func (g *gen) waBody(items []item) []byte {
	meta := waMetadata{DisplayPhoneNumber: g.biz.display, PhoneNumberID: g.biz.phoneNumberID}
	var changes []waChange
	var statuses []*waStatus
	for _, it := range items {
		if it.wa.msg != nil {
			changes = append(changes, waChange{Field: "messages", Value: waValue{
				MessagingProduct: "whatsapp", Metadata: meta,
				Contacts: []waContact{*it.wa.contact}, Messages: []*waMessage{it.wa.msg},
			}})
			continue
		}
		statuses = append(statuses, it.wa.status)
	}
	if len(statuses) > 0 {
		changes = append(changes, waChange{Field: "messages", Value: waValue{
			MessagingProduct: "whatsapp", Metadata: meta, Statuses: statuses,
		}})
	}
	p := waPayload{Object: "whatsapp_business_account"}
	if len(changes) > 1 && g.pct(20) {
		for _, c := range changes {
			p.Entry = append(p.Entry, waEntry{ID: g.biz.wabaID, Changes: []waChange{c}})
		}
	} else {
		p.Entry = []waEntry{{ID: g.biz.wabaID, Changes: changes}}
	}
	b, err := marshalJSON(p)
	if err != nil {
		panic(fmt.Sprintf("seed: encode whatsapp batch: %v", err)) // plain structs: cannot fail
	}
	return metaEscape(b)
}

// countStats fills the per-type counts of Stats from the kept items.
func (g *gen) countStats() Stats {
	s := g.stats
	for _, it := range g.items {
		if it.wa != nil {
			if it.wa.msg != nil {
				s.InboundMessages++
			} else {
				s.Statuses++
			}
			continue
		}
		switch it.hd.Type {
		case "message.created":
			if it.hd.Message.Direction == "outbound" {
				s.OutboundMessages++
			}
			if it.hd.Message.Sender == "broadcast" {
				s.Broadcasts++
			}
		case "conversation.resolved":
			s.Resolved++
		case "csat.requested":
			s.CSATRequested++
		case "csat.responded":
			s.CSATResponded++
		case "call.ended":
			s.Calls++
		case "agent.login":
			s.Logins++
		case "agent.logout":
			s.Logouts++
		}
	}
	return s
}
