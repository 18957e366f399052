package seed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/nyaruka/phonenumbers"
)

var testNow = time.Date(2026, 3, 10, 8, 4, 5, 0, time.UTC)

var (
	defaultOnce sync.Once
	defaultP    *Plan
)

// defaultPlan is the default configuration's plan, generated once per test binary.
func defaultPlan() *Plan {
	defaultOnce.Do(func() { defaultP = Generate(Config{Seed: 42, Now: testNow}) })
	return defaultP
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

// validateEvent checks one helpdesk event against CONTRACT 2.2; it returns "" when valid.
func validateEvent(e *tEvent, agents map[string]bool) string {
	if n := len(e.ID); n < 1 || n > 128 {
		return fmt.Sprintf("id length %d", n)
	}
	if e.OccurredAt == "" || e.at.IsZero() {
		return "occurred_at"
	}
	if e.OccurredAt[len(e.OccurredAt)-1] == 'Z' {
		return "occurred_at has no offset"
	}
	needAgent := func(id string) string {
		if id == "" {
			return "agent_id missing"
		}
		if !agents[id] {
			return "unknown agent " + id
		}
		return ""
	}
	switch e.Type {
	case "agent.upserted":
		a := e.Agent
		if a == nil || a.ID == "" || a.Name == "" {
			return "agent"
		}
		if a.Role != "admin" && a.Role != "supervisor" && a.Role != "agent" {
			return "agent.role " + a.Role
		}
	case "agent.login", "agent.logout":
		if msg := needAgent(e.AgentID); msg != "" {
			return msg
		}
		if e.IP != "" && net.ParseIP(e.IP) == nil {
			return "ip " + e.IP
		}
	case "customer.upserted":
		c := e.Customer
		if c == nil || c.ID == "" {
			return "customer.id"
		}
		if c.Phone != "" && !e164.MatchString(c.Phone) {
			return "customer.phone " + c.Phone
		}
	case "message.created":
		m := e.Message
		if m == nil || m.ID == "" || m.CustomerID == "" || m.Channel == "" {
			return "message"
		}
		switch {
		case m.Direction == "inbound" && m.Sender != "customer":
			return "inbound from " + m.Sender
		case m.Direction == "outbound" && m.Sender == "customer":
			return "outbound from customer"
		case m.Direction != "inbound" && m.Direction != "outbound":
			return "message.direction"
		}
		switch m.Sender {
		case "customer", "bot", "broadcast", "workflow", "api":
		case "agent":
			if msg := needAgent(m.AgentID); msg != "" {
				return "message." + msg
			}
		default:
			return "message.sender " + m.Sender
		}
	case "conversation.assigned":
		if e.CustomerID == "" {
			return "customer_id"
		}
		if msg := needAgent(e.AgentID); msg != "" {
			return msg
		}
	case "conversation.resolved":
		if e.CustomerID == "" {
			return "customer_id"
		}
		if e.AgentID != "" && !agents[e.AgentID] {
			return "unknown agent " + e.AgentID
		}
	case "conversation.labeled":
		if e.CustomerID == "" || e.Labels == nil {
			return "customer_id/labels"
		}
	case "csat.requested":
		if e.CSATID == "" || e.CustomerID == "" {
			return "csat_id/customer_id"
		}
	case "csat.responded":
		if e.CSATID == "" || e.Rating == nil {
			return "csat_id/rating"
		}
		n, err := e.Rating.Int64()
		if err != nil || n < 1 || n > 5 {
			return "rating " + e.Rating.String()
		}
	case "call.ended":
		if e.CallID == "" || e.CustomerID == "" || e.Duration == nil {
			return "call fields"
		}
		if e.Direction != "inbound" && e.Direction != "outbound" {
			return "call direction"
		}
		if e.Status != "answered" && e.Status != "missed" {
			return "call status"
		}
		if d, err := e.Duration.Int64(); err != nil || d < 0 || (e.Status == "missed") != (d == 0) {
			return "duration_seconds " + e.Duration.String()
		}
	default:
		return "unknown type " + e.Type
	}
	return ""
}

func TestValidateEventRejects(t *testing.T) {
	agents := map[string]bool{"agt_02": true}
	num := func(s string) *json.Number { n := json.Number(s); return &n }
	at := testNow
	tests := []struct {
		name string
		ev   tEvent
		want string
	}{
		{"valid login", tEvent{ID: "e", Type: "agent.login", OccurredAt: "2026-03-10T15:04:05+07:00", at: at, AgentID: "agt_02", IP: "10.0.0.1"}, ""},
		{"long id", tEvent{ID: string(bytes.Repeat([]byte("x"), 129)), Type: "agent.login", OccurredAt: "x", at: at}, "id length 129"},
		{"utc without offset", tEvent{ID: "e", Type: "agent.login", OccurredAt: "2026-03-10T08:04:05Z", at: at}, "occurred_at has no offset"},
		{"agent message without agent", tEvent{ID: "e", Type: "message.created", OccurredAt: "+07:00", at: at, Message: &tMessage{ID: "m", CustomerID: "c", Direction: "outbound", Sender: "agent", Channel: "whatsapp"}}, "message.agent_id missing"},
		{"inbound from agent", tEvent{ID: "e", Type: "message.created", OccurredAt: "+07:00", at: at, Message: &tMessage{ID: "m", CustomerID: "c", Direction: "inbound", Sender: "agent", Channel: "whatsapp"}}, "inbound from agent"},
		{"fractional rating", tEvent{ID: "e", Type: "csat.responded", OccurredAt: "+07:00", at: at, CSATID: "c", Rating: num("4.5")}, "rating 4.5"},
		{"rating 6", tEvent{ID: "e", Type: "csat.responded", OccurredAt: "+07:00", at: at, CSATID: "c", Rating: num("6")}, "rating 6"},
		{"bad phone", tEvent{ID: "e", Type: "customer.upserted", OccurredAt: "+07:00", at: at, Customer: &tCustomer{ID: "1", Phone: "0812345"}}, "customer.phone 0812345"},
		{"unknown type", tEvent{ID: "e", Type: "ticket.closed", OccurredAt: "+07:00", at: at}, "unknown type ticket.closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validateEvent(&tt.ev, agents); got != tt.want {
				t.Errorf("validateEvent = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHelpdeskBodiesFollowContract(t *testing.T) {
	p := defaultPlan()
	agents := map[string]bool{}
	for _, a := range p.Agents {
		agents[a.ID] = true
	}
	ids := map[string]bool{}
	nReq := 0
	for i, r := range p.Requests {
		if r.Kind != KindEvents {
			continue
		}
		nReq++
		if len(r.Body) > 1<<20 {
			t.Errorf("request %d: body %d bytes > 1 MiB", i, len(r.Body))
		}
		evs, err := decodeEvents(r.Body)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		if len(evs) < 1 || len(evs) > 500 || len(evs) != r.Events {
			t.Errorf("request %d: %d events (Events=%d)", i, len(evs), r.Events)
		}
		first, last := evs[0].at, evs[0].at
		for k, e := range evs {
			if msg := validateEvent(e, agents); msg != "" {
				t.Errorf("request %d event %d (%s %s): %s", i, k, e.ID, e.Type, msg)
			}
			if !r.Duplicate {
				if ids[e.ID] {
					t.Errorf("request %d: event id %s used twice", i, e.ID)
				}
				ids[e.ID] = true
			}
			first, last = minTime(first, e.at), maxTime(last, e.at)
		}
		if span := last.Sub(first); span > 30*time.Minute {
			t.Errorf("request %d: events span %v, want a short window", i, span)
		}
	}
	if nReq == 0 {
		t.Fatal("no helpdesk requests")
	}
}

func TestCustomerPhonesAreRealE164(t *testing.T) {
	p := defaultPlan()
	regions := map[string]int{}
	for _, c := range p.Customers {
		n, err := phonenumbers.Parse(c.Phone, "")
		if err != nil || !phonenumbers.IsValidNumber(n) {
			t.Errorf("customer %s: phone %s is not a valid number (%v)", c.Name, c.Phone, err)
			continue
		}
		if got := phonenumbers.GetRegionCodeForNumber(n); got != c.Country {
			t.Errorf("phone %s: region %s, want %s", c.Phone, got, c.Country)
		}
		if c.ID != c.Phone[1:] {
			t.Errorf("customer id %s is not the phone %s without '+'", c.ID, c.Phone)
		}
		regions[c.Country]++
	}
	for _, cc := range []string{"ID", "BR", "MX", "IN", "US", "GB", "NG"} {
		if regions[cc] == 0 {
			t.Errorf("no customer from %s", cc)
		}
	}
	if regions["ID"] < len(p.Customers)/2 {
		t.Errorf("only %d of %d customers from Indonesia, want most", regions["ID"], len(p.Customers))
	}
}

func TestWhatsAppBodiesHaveMetaShape(t *testing.T) {
	p := defaultPlan()
	custs := map[string]bool{}
	for _, c := range p.Customers {
		custs[c.ID] = true
	}
	wamids := map[string]bool{}
	for i, r := range p.Requests {
		if r.Kind != KindWhatsApp {
			continue
		}
		for _, b := range r.Body {
			if b >= 0x80 {
				t.Fatalf("request %d: raw non-ASCII byte; Meta escapes unicode", i)
			}
		}
		var w tWA
		if err := json.Unmarshal(r.Body, &w); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		if w.Object != "whatsapp_business_account" || len(w.Entry) == 0 {
			t.Fatalf("request %d: object %q, %d entries", i, w.Object, len(w.Entry))
		}
		updates := 0
		for _, e := range w.Entry {
			if e.ID == "" || len(e.Changes) == 0 {
				t.Errorf("request %d: entry without id or changes", i)
			}
			for _, c := range e.Changes {
				v := c.Value
				if c.Field != "messages" || v.MessagingProduct != "whatsapp" || v.Metadata.PhoneID == "" || v.Metadata.Display == "" {
					t.Errorf("request %d: change field=%q product=%q metadata=%+v", i, c.Field, v.MessagingProduct, v.Metadata)
				}
				if len(v.Messages) > 0 && (len(v.Contacts) != 1 || v.Contacts[0].Profile.Name == "" || v.Contacts[0].WaID != v.Messages[0].From) {
					t.Errorf("request %d: contacts %+v do not match message from %s", i, v.Contacts, v.Messages[0].From)
				}
				for _, m := range v.Messages {
					updates++
					if !custs[m.From] || len(m.ID) < 10 || m.ID[:6] != "wamid." {
						t.Errorf("request %d: message from=%s id=%s", i, m.From, m.ID)
					}
					if !r.Duplicate {
						if wamids[m.ID] {
							t.Errorf("request %d: message id %s twice", i, m.ID)
						}
						wamids[m.ID] = true
					}
					if _, err := parseUnix(m.Timestamp); err != nil {
						t.Errorf("request %d: %v", i, err)
					}
					ok := (m.Type == "text" && m.Text != nil && m.Text.Body != "") ||
						(m.Type == "image" && m.Image != nil && m.Image.ID != "") ||
						(m.Type == "button" && m.Button != nil && m.Button.Text != "")
					if !ok {
						t.Errorf("request %d: message of type %q lacks its body", i, m.Type)
					}
				}
				for _, s := range v.Statuses {
					updates++
					switch s.Status {
					case "sent", "delivered", "read":
					case "failed":
						if len(s.Errors) == 0 {
							t.Errorf("request %d: failed status without errors", i)
						}
					default:
						t.Errorf("request %d: status %q", i, s.Status)
					}
					if !custs[s.RecipientID] || s.ID[:6] != "wamid." {
						t.Errorf("request %d: status %+v", i, s)
					}
					if _, err := parseUnix(s.Timestamp); err != nil {
						t.Errorf("request %d: %v", i, err)
					}
				}
			}
		}
		if updates != r.Events || updates == 0 || updates > 1000 {
			t.Errorf("request %d: %d updates, Events=%d", i, updates, r.Events)
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
