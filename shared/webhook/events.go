package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"time"
	"unicode/utf8"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// SourceHelpdesk is Record.Source for helpdesk events.
const SourceHelpdesk = "helpdesk"

// Helpdesk event types of CONTRACT 2.2.
const (
	EventAgentUpserted        = "agent.upserted"
	EventAgentLogin           = "agent.login"
	EventAgentLogout          = "agent.logout"
	EventCustomerUpserted     = "customer.upserted"
	EventMessageCreated       = "message.created"
	EventConversationAssigned = "conversation.assigned"
	EventConversationResolved = "conversation.resolved"
	EventConversationLabeled  = "conversation.labeled"
	EventCSATRequested        = "csat.requested"
	EventCSATResponded        = "csat.responded"
	EventCallEnded            = "call.ended"
)

// MaxFutureSkew is how far in the future an event's occurred_at may be.
const MaxFutureSkew = 300 * time.Second

// eventMapper validates the type-specific fields of event ev and fills rec.
type eventMapper func(ev object, rec *domain.Record, at time.Time) *ValidationError

// eventMappers maps every known event type to its mapper.
var eventMappers = map[string]eventMapper{
	EventAgentUpserted:        mapAgentUpserted,
	EventAgentLogin:           mapAccess("login"),
	EventAgentLogout:          mapAccess("logout"),
	EventCustomerUpserted:     mapCustomerUpserted,
	EventMessageCreated:       mapMessageCreated,
	EventConversationAssigned: mapAssigned,
	EventConversationResolved: mapResolved,
	EventConversationLabeled:  mapLabeled,
	EventCSATRequested:        mapCSATRequested,
	EventCSATResponded:        mapCSATResponded,
	EventCallEnded:            mapCallEnded,
}

// ParseEvents validates a helpdesk events body ({"events": [...]}, 1 to
// MaxEventsPerRequest events) and returns one record per event, in order.
// now is the server clock, used to reject occurred_at more than MaxFutureSkew ahead.
// All-or-nothing: the first invalid event gives a *ValidationError naming its index
// and field, and no records. A body that is not JSON gives ErrNotJSON.
func ParseEvents(rawBody []byte, now time.Time) ([]domain.Record, error) {
	var envelope map[string]json.RawMessage
	if err := json.Unmarshal(rawBody, &envelope); err != nil {
		if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
			return nil, notJSON(err)
		}
		return nil, invalid("events", "body must be a JSON object holding an events array")
	}
	raw := bytes.TrimSpace(envelope["events"])
	if len(raw) == 0 || raw[0] != '[' {
		return nil, invalid("events", "required: an array of 1 to %d events", MaxEventsPerRequest)
	}
	var events []json.RawMessage
	if err := json.Unmarshal(raw, &events); err != nil {
		return nil, invalid("events", "must be an array of events")
	}
	if len(events) < 1 || len(events) > MaxEventsPerRequest {
		return nil, invalid("events", "must hold 1 to %d events, got %d", MaxEventsPerRequest, len(events))
	}
	records := make([]domain.Record, len(events))
	for i, rawEvent := range events {
		if verr := parseEvent(rawEvent, now, &records[i]); verr != nil {
			verr.Index = i
			return nil, verr
		}
	}
	return records, nil
}

// parseEvent validates one event and fills rec.
func parseEvent(raw json.RawMessage, now time.Time, rec *domain.Record) *ValidationError {
	ev, ok := decodeObject(raw, "")
	if !ok {
		return &ValidationError{Detail: "must be an object"}
	}
	id, verr := ev.str("id", true)
	if verr != nil {
		return verr
	}
	if utf8.RuneCountInString(id) > MaxEventIDLen {
		return ev.fail("id", "must be 1 to %d characters", MaxEventIDLen)
	}
	typ, verr := ev.str("type", true)
	if verr != nil {
		return verr
	}
	mapper, known := eventMappers[typ]
	if !known {
		return ev.fail("type", "unknown event type %q", truncate(typ, 64))
	}
	at, verr := occurredAt(ev, now)
	if verr != nil {
		return verr
	}
	*rec = domain.Record{EventID: id, Source: SourceHelpdesk, EventType: typ}
	return mapper(ev, rec, at)
}

// occurredAt parses occurred_at: RFC 3339 with an offset, not more than MaxFutureSkew
// after now; the result is UTC truncated to milliseconds.
func occurredAt(ev object, now time.Time) (time.Time, *ValidationError) {
	s, verr := ev.str("occurred_at", true)
	if verr != nil {
		return time.Time{}, verr
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, ev.fail("occurred_at", "must be an RFC 3339 time with offset, e.g. 2025-01-31T09:30:00+07:00")
	}
	if t.Sub(now) > MaxFutureSkew {
		return time.Time{}, ev.fail("occurred_at", "is more than %d s in the future", int(MaxFutureSkew/time.Second))
	}
	return t.UTC().Truncate(time.Millisecond), nil
}

func mapAgentUpserted(ev object, rec *domain.Record, at time.Time) *ValidationError {
	agent, verr := ev.child("agent")
	if verr != nil {
		return verr
	}
	a := &domain.Agent{UpdatedAt: at}
	var role string
	if a.ID, verr = agent.id("id", true); verr != nil {
		return verr
	}
	if a.Name, verr = agent.str("name", true); verr != nil {
		return verr
	}
	if role, verr = agent.enum("role", true, string(domain.RoleAdmin), string(domain.RoleSupervisor), string(domain.RoleAgent)); verr != nil {
		return verr
	}
	a.Role = domain.Role(role)
	if a.SupervisorID, verr = agent.id("supervisor_id", false); verr != nil {
		return verr
	}
	if a.Team, verr = agent.str("team", false); verr != nil {
		return verr
	}
	rec.Kind, rec.Agent = domain.KindAgent, a
	return nil
}

// mapAccess maps agent.login / agent.logout with the given activity.
func mapAccess(activity string) eventMapper {
	return func(ev object, rec *domain.Record, at time.Time) *ValidationError {
		a := &domain.Access{EventID: rec.EventID, Activity: activity, At: at}
		var verr *ValidationError
		if a.AgentID, verr = ev.id("agent_id", true); verr != nil {
			return verr
		}
		if a.UserAgent, verr = ev.str("user_agent", false); verr != nil {
			return verr
		}
		if a.IP, verr = ev.ip("ip"); verr != nil {
			return verr
		}
		rec.Kind, rec.Access = domain.KindAccess, a
		return nil
	}
}

func mapCustomerUpserted(ev object, rec *domain.Record, at time.Time) *ValidationError {
	customer, verr := ev.child("customer")
	if verr != nil {
		return verr
	}
	p := &domain.CustomerProfile{EventID: rec.EventID, At: at}
	if rec.CustomerID, verr = customer.id("id", true); verr != nil {
		return verr
	}
	if p.Name, verr = customer.str("name", false); verr != nil {
		return verr
	}
	if p.Phone, verr = customer.phone("phone"); verr != nil {
		return verr
	}
	if p.Channel, verr = customer.str("channel", false); verr != nil {
		return verr
	}
	rec.Kind, rec.Profile = domain.KindProfile, p
	return nil
}

func mapMessageCreated(ev object, rec *domain.Record, at time.Time) *ValidationError {
	msg, verr := ev.child("message")
	if verr != nil {
		return verr
	}
	m := &domain.Message{At: at}
	var dir, sender string
	if m.ID, verr = msg.id("id", true); verr != nil {
		return verr
	}
	if m.CustomerID, verr = msg.id("customer_id", true); verr != nil {
		return verr
	}
	if m.ConversationID, verr = msg.id("conversation_id", false); verr != nil {
		return verr
	}
	if dir, verr = msg.enum("direction", true, string(domain.Inbound), string(domain.Outbound)); verr != nil {
		return verr
	}
	if sender, verr = msg.enum("sender", true, string(domain.SenderCustomer), string(domain.SenderAgent),
		string(domain.SenderBot), string(domain.SenderBroadcast), string(domain.SenderWorkflow), string(domain.SenderAPI)); verr != nil {
		return verr
	}
	m.Direction, m.Sender = domain.Direction(dir), domain.Sender(sender)
	switch {
	case m.Direction == domain.Inbound && m.Sender != domain.SenderCustomer:
		return msg.fail("sender", "must be customer when direction=inbound")
	case m.Direction == domain.Outbound && m.Sender == domain.SenderCustomer:
		return msg.fail("sender", "must not be customer when direction=outbound")
	}
	if m.AgentID, verr = msg.id("agent_id", m.Sender == domain.SenderAgent); verr != nil {
		if verr.Detail == "required" {
			verr.Detail = "required when sender=agent"
		}
		return verr
	}
	if m.Channel, verr = msg.str("channel", true); verr != nil {
		return verr
	}
	if m.Type, verr = msg.str("type", false); verr != nil {
		return verr
	}
	if m.Text, verr = msg.str("text", false); verr != nil {
		return verr
	}
	rec.Kind, rec.CustomerID, rec.Message = domain.KindMessage, m.CustomerID, m
	return nil
}

func mapAssigned(ev object, rec *domain.Record, at time.Time) *ValidationError {
	a := &domain.Assignment{EventID: rec.EventID, At: at}
	var verr *ValidationError
	if rec.CustomerID, verr = ev.id("customer_id", true); verr != nil {
		return verr
	}
	if a.AgentID, verr = ev.id("agent_id", true); verr != nil {
		return verr
	}
	if a.ConversationID, verr = ev.id("conversation_id", false); verr != nil {
		return verr
	}
	if a.Channel, verr = ev.str("channel", false); verr != nil {
		return verr
	}
	rec.Kind, rec.Assignment = domain.KindAssignment, a
	return nil
}

func mapResolved(ev object, rec *domain.Record, at time.Time) *ValidationError {
	r := &domain.Resolve{EventID: rec.EventID, At: at}
	var verr *ValidationError
	if rec.CustomerID, verr = ev.id("customer_id", true); verr != nil {
		return verr
	}
	if r.AgentID, verr = ev.id("agent_id", false); verr != nil {
		return verr
	}
	if r.ConversationID, verr = ev.id("conversation_id", false); verr != nil {
		return verr
	}
	if r.Category, verr = ev.str("category", false); verr != nil {
		return verr
	}
	if r.Note, verr = ev.str("note", false); verr != nil {
		return verr
	}
	rec.Kind, rec.Resolve = domain.KindResolve, r
	return nil
}

func mapLabeled(ev object, rec *domain.Record, at time.Time) *ValidationError {
	l := &domain.Labeling{EventID: rec.EventID, At: at}
	var verr *ValidationError
	if rec.CustomerID, verr = ev.id("customer_id", true); verr != nil {
		return verr
	}
	if l.Labels, verr = ev.strings("labels"); verr != nil {
		return verr
	}
	rec.Kind, rec.Labeling = domain.KindLabeling, l
	return nil
}

func mapCSATRequested(ev object, rec *domain.Record, at time.Time) *ValidationError {
	s := &domain.Survey{RequestedAt: at}
	var verr *ValidationError
	if s.CSATID, verr = ev.id("csat_id", true); verr != nil {
		return verr
	}
	if s.CustomerID, verr = ev.id("customer_id", true); verr != nil {
		return verr
	}
	if s.AgentID, verr = ev.id("agent_id", false); verr != nil {
		return verr
	}
	rec.Kind, rec.CustomerID, rec.SurveyRequest = domain.KindSurveyRequest, s.CustomerID, s
	return nil
}

func mapCSATResponded(ev object, rec *domain.Record, at time.Time) *ValidationError {
	r := &domain.SurveyResponse{EventID: rec.EventID, At: at}
	var verr *ValidationError
	if r.CSATID, verr = ev.id("csat_id", true); verr != nil {
		return verr
	}
	rating, verr := ev.number("rating")
	if verr != nil {
		return verr
	}
	if rating != math.Trunc(rating) || rating < 1 || rating > 5 {
		return ev.fail("rating", "must be an integer from 1 to 5")
	}
	r.Rating = int(rating)
	if r.Comment, verr = ev.str("comment", false); verr != nil {
		return verr
	}
	rec.Kind, rec.SurveyResponse = domain.KindSurveyResponse, r
	return nil
}

func mapCallEnded(ev object, rec *domain.Record, at time.Time) *ValidationError {
	c := &domain.Call{EventID: rec.EventID, At: at}
	var dir string
	var verr *ValidationError
	if c.CallID, verr = ev.id("call_id", true); verr != nil {
		return verr
	}
	if c.CustomerID, verr = ev.id("customer_id", true); verr != nil {
		return verr
	}
	if c.AgentID, verr = ev.id("agent_id", false); verr != nil {
		return verr
	}
	if dir, verr = ev.enum("direction", true, string(domain.Inbound), string(domain.Outbound)); verr != nil {
		return verr
	}
	c.Direction = domain.Direction(dir)
	if c.Status, verr = ev.enum("status", true, "answered", "missed"); verr != nil {
		return verr
	}
	if c.DurationSeconds, verr = ev.number("duration_seconds"); verr != nil {
		return verr
	}
	if c.DurationSeconds < 0 {
		return ev.fail("duration_seconds", "must be >= 0")
	}
	rec.Kind, rec.CustomerID, rec.Call = domain.KindCall, c.CustomerID, c
	return nil
}

// truncate shortens s to at most n bytes on a rune boundary, for error details.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
