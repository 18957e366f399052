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
	r := ev.reader()
	id := r.str("id", true)
	r.check(utf8.RuneCountInString(id) <= MaxEventIDLen, "id", "must be 1 to %d characters", MaxEventIDLen)
	typ := r.str("type", true)
	if r.err != nil {
		return r.err
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
	agent := ev.reader().child("agent")
	a := &domain.Agent{UpdatedAt: at}
	a.ID = agent.id("id", true)
	a.Name = agent.str("name", true)
	a.Role = domain.Role(agent.enum("role", true, string(domain.RoleAdmin), string(domain.RoleSupervisor), string(domain.RoleAgent)))
	a.SupervisorID = agent.id("supervisor_id", false)
	a.Team = agent.str("team", false)
	rec.Kind, rec.Agent = domain.KindAgent, a
	return agent.err
}

// mapAccess maps agent.login / agent.logout with the given activity.
func mapAccess(activity string) eventMapper {
	return func(ev object, rec *domain.Record, at time.Time) *ValidationError {
		r := ev.reader()
		a := &domain.Access{EventID: rec.EventID, Activity: activity, At: at}
		a.AgentID = r.id("agent_id", true)
		a.UserAgent = r.str("user_agent", false)
		a.IP = r.ip("ip")
		rec.Kind, rec.Access = domain.KindAccess, a
		return r.err
	}
}

func mapCustomerUpserted(ev object, rec *domain.Record, at time.Time) *ValidationError {
	customer := ev.reader().child("customer")
	p := &domain.CustomerProfile{EventID: rec.EventID, At: at}
	rec.CustomerID = customer.id("id", true)
	p.Name = customer.str("name", false)
	p.Phone = customer.phone("phone")
	p.Channel = customer.str("channel", false)
	rec.Kind, rec.Profile = domain.KindProfile, p
	return customer.err
}

func mapMessageCreated(ev object, rec *domain.Record, at time.Time) *ValidationError {
	msg := ev.reader().child("message")
	m := &domain.Message{At: at}
	m.ID = msg.id("id", true)
	m.CustomerID = msg.id("customer_id", true)
	m.ConversationID = msg.id("conversation_id", false)
	m.Direction = domain.Direction(msg.enum("direction", true, string(domain.Inbound), string(domain.Outbound)))
	m.Sender = domain.Sender(msg.enum("sender", true, string(domain.SenderCustomer), string(domain.SenderAgent),
		string(domain.SenderBot), string(domain.SenderBroadcast), string(domain.SenderWorkflow), string(domain.SenderAPI)))
	msg.check(m.Direction != domain.Inbound || m.Sender == domain.SenderCustomer, "sender", "must be customer when direction=inbound")
	msg.check(m.Direction != domain.Outbound || m.Sender != domain.SenderCustomer, "sender", "must not be customer when direction=outbound")
	if msg.err != nil {
		return msg.err
	}
	if m.AgentID = msg.id("agent_id", m.Sender == domain.SenderAgent); msg.err != nil && msg.err.Detail == "required" {
		msg.err.Detail = "required when sender=agent"
	}
	m.Channel = msg.str("channel", true)
	m.Type = msg.str("type", false)
	m.Text = msg.str("text", false)
	rec.Kind, rec.CustomerID, rec.Message = domain.KindMessage, m.CustomerID, m
	return msg.err
}

func mapAssigned(ev object, rec *domain.Record, at time.Time) *ValidationError {
	r := ev.reader()
	a := &domain.Assignment{EventID: rec.EventID, At: at}
	rec.CustomerID = r.id("customer_id", true)
	a.AgentID = r.id("agent_id", true)
	a.ConversationID = r.id("conversation_id", false)
	a.Channel = r.str("channel", false)
	rec.Kind, rec.Assignment = domain.KindAssignment, a
	return r.err
}

func mapResolved(ev object, rec *domain.Record, at time.Time) *ValidationError {
	r := ev.reader()
	res := &domain.Resolve{EventID: rec.EventID, At: at}
	rec.CustomerID = r.id("customer_id", true)
	res.AgentID = r.id("agent_id", false)
	res.ConversationID = r.id("conversation_id", false)
	res.Category = r.str("category", false)
	res.Note = r.str("note", false)
	rec.Kind, rec.Resolve = domain.KindResolve, res
	return r.err
}

func mapLabeled(ev object, rec *domain.Record, at time.Time) *ValidationError {
	r := ev.reader()
	l := &domain.Labeling{EventID: rec.EventID, At: at}
	rec.CustomerID = r.id("customer_id", true)
	l.Labels = r.strings("labels")
	rec.Kind, rec.Labeling = domain.KindLabeling, l
	return r.err
}

func mapCSATRequested(ev object, rec *domain.Record, at time.Time) *ValidationError {
	r := ev.reader()
	s := &domain.Survey{RequestedAt: at}
	s.CSATID = r.id("csat_id", true)
	s.CustomerID = r.id("customer_id", true)
	s.AgentID = r.id("agent_id", false)
	rec.Kind, rec.CustomerID, rec.SurveyRequest = domain.KindSurveyRequest, s.CustomerID, s
	return r.err
}

func mapCSATResponded(ev object, rec *domain.Record, at time.Time) *ValidationError {
	r := ev.reader()
	resp := &domain.SurveyResponse{EventID: rec.EventID, At: at}
	resp.CSATID = r.id("csat_id", true)
	rating := r.number("rating")
	r.check(rating == math.Trunc(rating) && rating >= 1 && rating <= 5, "rating", "must be an integer from 1 to 5")
	resp.Rating = int(rating)
	resp.Comment = r.str("comment", false)
	rec.Kind, rec.SurveyResponse = domain.KindSurveyResponse, resp
	return r.err
}

func mapCallEnded(ev object, rec *domain.Record, at time.Time) *ValidationError {
	r := ev.reader()
	c := &domain.Call{EventID: rec.EventID, At: at}
	c.CallID = r.id("call_id", true)
	c.CustomerID = r.id("customer_id", true)
	c.AgentID = r.id("agent_id", false)
	c.Direction = domain.Direction(r.enum("direction", true, string(domain.Inbound), string(domain.Outbound)))
	c.Status = r.enum("status", true, "answered", "missed")
	c.DurationSeconds = r.number("duration_seconds")
	r.check(c.DurationSeconds >= 0, "duration_seconds", "must be >= 0")
	rec.Kind, rec.CustomerID, rec.Call = domain.KindCall, c.CustomerID, c
	return r.err
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
