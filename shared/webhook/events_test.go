package webhook

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// testNow is the server clock of the validation tests.
var testNow = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// event builds one event object of type typ with the given extra JSON members.
func event(typ, members string) string {
	s := `{"id":"ev-1","type":"` + typ + `","occurred_at":"2025-03-01T08:00:00Z"`
	if members != "" {
		s += "," + members
	}
	return s + "}"
}

// batch wraps events into a request body.
func batch(events ...string) []byte {
	return []byte(`{"events":[` + strings.Join(events, ",") + `]}`)
}

// msgEvent is a message.created event with the given message members.
func msgEvent(members string) string {
	return event("message.created", `"message":{`+members+`}`)
}

const (
	validMsg   = `"id":"m1","customer_id":"c1","direction":"inbound","sender":"customer","channel":"whatsapp"`
	validCall  = `"call_id":"k1","customer_id":"c1","direction":"inbound","status":"answered"`
	validAgent = `"id":"a1","name":"Ayu"`
)

func TestParseEventsValidation(t *testing.T) {
	long := strings.Repeat("x", 257)
	cases := []struct {
		name      string
		body      []byte
		wantIndex int    // -2: expect success
		wantField string // field of the ValidationError
	}{
		// envelope
		{"events missing", []byte(`{}`), -1, "events"},
		{"events not array", []byte(`{"events":{}}`), -1, "events"},
		{"events empty", []byte(`{"events":[]}`), -1, "events"},
		{"events 501", batch(repeat(event("agent.login", `"agent_id":"a1"`), 501)...), -1, "events"},
		{"events 500", batch(repeat(event("agent.login", `"agent_id":"a1"`), 500)...), -2, ""},
		{"body array", []byte(`[]`), -1, "events"},
		{"event not object", batch(`"x"`), 0, ""},
		// common fields
		{"id missing", batch(`{"type":"agent.login","occurred_at":"2025-03-01T08:00:00Z","agent_id":"a1"}`), 0, "id"},
		{"id empty", batch(`{"id":"","type":"agent.login","occurred_at":"2025-03-01T08:00:00Z","agent_id":"a1"}`), 0, "id"},
		{"id number", batch(`{"id":7,"type":"agent.login","occurred_at":"2025-03-01T08:00:00Z","agent_id":"a1"}`), 0, "id"},
		{"id 128 ok", batch(`{"id":"` + strings.Repeat("é", 128) + `","type":"agent.login","occurred_at":"2025-03-01T08:00:00Z","agent_id":"a1"}`), -2, ""},
		{"id 129", batch(`{"id":"` + strings.Repeat("x", 129) + `","type":"agent.login","occurred_at":"2025-03-01T08:00:00Z","agent_id":"a1"}`), 0, "id"},
		{"type unknown", batch(event("agent.dance", `"agent_id":"a1"`)), 0, "type"},
		{"type missing", batch(`{"id":"e","occurred_at":"2025-03-01T08:00:00Z"}`), 0, "type"},
		{"occurred_at missing", batch(`{"id":"e","type":"agent.login","agent_id":"a1"}`), 0, "occurred_at"},
		{"occurred_at no offset", batch(`{"id":"e","type":"agent.login","occurred_at":"2025-03-01T08:00:00","agent_id":"a1"}`), 0, "occurred_at"},
		{"occurred_at date only", batch(`{"id":"e","type":"agent.login","occurred_at":"2025-03-01","agent_id":"a1"}`), 0, "occurred_at"},
		{"occurred_at unix", batch(`{"id":"e","type":"agent.login","occurred_at":1740816000,"agent_id":"a1"}`), 0, "occurred_at"},
		{"occurred_at +300s ok", batch(`{"id":"e","type":"agent.login","occurred_at":"2025-03-01T12:05:00Z","agent_id":"a1"}`), -2, ""},
		{"occurred_at +301s", batch(`{"id":"e","type":"agent.login","occurred_at":"2025-03-01T19:05:01+07:00","agent_id":"a1"}`), 0, "occurred_at"},
		{"occurred_at old ok", batch(`{"id":"e","type":"agent.login","occurred_at":"2020-01-01T00:00:00-05:00","agent_id":"a1"}`), -2, ""},
		{"first invalid index wins", batch(event("agent.login", `"agent_id":"a1"`), event("agent.login", `"agent_id":"a1"`),
			event("agent.login", ``), event("nope", ``)), 2, "agent_id"},
		{"duplicate ids ok", batch(event("agent.login", `"agent_id":"a1"`), event("agent.login", `"agent_id":"a1"`)), -2, ""},
		{"unknown keys ignored", batch(event("agent.login", `"agent_id":"a1","x":{"y":[1,2]}`)), -2, ""},
		// agent.upserted
		{"agent ok", batch(event("agent.upserted", `"agent":{`+validAgent+`,"role":"supervisor","team":"T","supervisor_id":null}`)), -2, ""},
		{"agent missing", batch(event("agent.upserted", ``)), 0, "agent"},
		{"agent not object", batch(event("agent.upserted", `"agent":"a1"`)), 0, "agent"},
		{"agent id missing", batch(event("agent.upserted", `"agent":{"name":"Ayu","role":"agent"}`)), 0, "agent.id"},
		{"agent id too long", batch(event("agent.upserted", `"agent":{"id":"`+long+`","name":"Ayu","role":"agent"}`)), 0, "agent.id"},
		{"agent name missing", batch(event("agent.upserted", `"agent":{"id":"a1","role":"agent"}`)), 0, "agent.name"},
		{"agent role bad", batch(event("agent.upserted", `"agent":{`+validAgent+`,"role":"operator"}`)), 0, "agent.role"},
		{"agent role missing", batch(event("agent.upserted", `"agent":{`+validAgent+`}`)), 0, "agent.role"},
		{"agent supervisor_id empty", batch(event("agent.upserted", `"agent":{`+validAgent+`,"role":"agent","supervisor_id":""}`)), 0, "agent.supervisor_id"},
		{"agent team number", batch(event("agent.upserted", `"agent":{`+validAgent+`,"role":"agent","team":3}`)), 0, "agent.team"},
		// agent.login / logout
		{"login ok", batch(event("agent.login", `"agent_id":"a1","user_agent":"Mozilla/5.0","ip":"2001:db8::1"`)), -2, ""},
		{"logout missing agent", batch(event("agent.logout", ``)), 0, "agent_id"},
		{"login bad ip", batch(event("agent.login", `"agent_id":"a1","ip":"999.1.1.1"`)), 0, "ip"},
		{"login user_agent number", batch(event("agent.login", `"agent_id":"a1","user_agent":5`)), 0, "user_agent"},
		// customer.upserted
		{"customer ok", batch(event("customer.upserted", `"customer":{"id":"c1","name":"Budi","phone":"+6281234567890","channel":"whatsapp"}`)), -2, ""},
		{"customer minimal ok", batch(event("customer.upserted", `"customer":{"id":"c1"}`)), -2, ""},
		{"customer id missing", batch(event("customer.upserted", `"customer":{"name":"Budi"}`)), 0, "customer.id"},
		{"customer phone no plus", batch(event("customer.upserted", `"customer":{"id":"c1","phone":"6281234567890"}`)), 0, "customer.phone"},
		{"customer phone leading 0", batch(event("customer.upserted", `"customer":{"id":"c1","phone":"+0812345678"}`)), 0, "customer.phone"},
		{"customer phone too short", batch(event("customer.upserted", `"customer":{"id":"c1","phone":"+123456"}`)), 0, "customer.phone"},
		{"customer phone too long", batch(event("customer.upserted", `"customer":{"id":"c1","phone":"+1234567890123456"}`)), 0, "customer.phone"},
		{"customer phone spaces", batch(event("customer.upserted", `"customer":{"id":"c1","phone":"+62 812 3456 7890"}`)), 0, "customer.phone"},
		// message.created
		{"message ok", batch(msgEvent(validMsg + `,"type":"text","text":"hi","conversation_id":"cv"`)), -2, ""},
		{"message missing", batch(event("message.created", ``)), 0, "message"},
		{"message id missing", batch(msgEvent(`"customer_id":"c1","direction":"inbound","sender":"customer","channel":"w"`)), 0, "message.id"},
		{"message customer_id missing", batch(msgEvent(`"id":"m1","direction":"inbound","sender":"customer","channel":"w"`)), 0, "message.customer_id"},
		{"message customer_id too long", batch(msgEvent(`"id":"m1","customer_id":"` + long + `","direction":"inbound","sender":"customer","channel":"w"`)), 0, "message.customer_id"},
		{"message conversation_id empty", batch(msgEvent(validMsg + `,"conversation_id":""`)), 0, "message.conversation_id"},
		{"message direction bad", batch(msgEvent(`"id":"m1","customer_id":"c1","direction":"sideways","sender":"customer","channel":"w"`)), 0, "message.direction"},
		{"message sender bad", batch(msgEvent(`"id":"m1","customer_id":"c1","direction":"outbound","sender":"robot","channel":"w"`)), 0, "message.sender"},
		{"message inbound from agent", batch(msgEvent(`"id":"m1","customer_id":"c1","direction":"inbound","sender":"agent","agent_id":"a1","channel":"w"`)), 0, "message.sender"},
		{"message inbound from bot", batch(msgEvent(`"id":"m1","customer_id":"c1","direction":"inbound","sender":"bot","channel":"w"`)), 0, "message.sender"},
		{"message outbound from customer", batch(msgEvent(`"id":"m1","customer_id":"c1","direction":"outbound","sender":"customer","channel":"w"`)), 0, "message.sender"},
		{"message outbound bot ok", batch(msgEvent(`"id":"m1","customer_id":"c1","direction":"outbound","sender":"bot","channel":"w"`)), -2, ""},
		{"message agent ok", batch(msgEvent(`"id":"m1","customer_id":"c1","direction":"outbound","sender":"agent","agent_id":"a1","channel":"w"`)), -2, ""},
		{"message agent_id missing", batch(msgEvent(`"id":"m1","customer_id":"c1","direction":"outbound","sender":"agent","channel":"w"`)), 0, "message.agent_id"},
		{"message agent_id null", batch(msgEvent(`"id":"m1","customer_id":"c1","direction":"outbound","sender":"agent","agent_id":null,"channel":"w"`)), 0, "message.agent_id"},
		{"message channel missing", batch(msgEvent(`"id":"m1","customer_id":"c1","direction":"inbound","sender":"customer"`)), 0, "message.channel"},
		{"message channel empty", batch(msgEvent(validMsg[:len(validMsg)-len(`"whatsapp"`)] + `""`)), 0, "message.channel"},
		{"message text number", batch(msgEvent(validMsg + `,"text":5`)), 0, "message.text"},
		{"message keys are case-sensitive", batch(msgEvent(`"ID":"m1","customer_id":"c1","direction":"inbound","sender":"customer","channel":"w"`)), 0, "message.id"},
		// conversation.assigned
		{"assigned ok", batch(event("conversation.assigned", `"customer_id":"c1","agent_id":"a1","conversation_id":"cv","channel":"whatsapp"`)), -2, ""},
		{"assigned customer missing", batch(event("conversation.assigned", `"agent_id":"a1"`)), 0, "customer_id"},
		{"assigned agent missing", batch(event("conversation.assigned", `"customer_id":"c1"`)), 0, "agent_id"},
		// conversation.resolved
		{"resolved ok", batch(event("conversation.resolved", `"customer_id":"c1","agent_id":"a1","category":"billing","note":"done"`)), -2, ""},
		{"resolved minimal ok", batch(event("conversation.resolved", `"customer_id":"c1"`)), -2, ""},
		{"resolved customer missing", batch(event("conversation.resolved", `"agent_id":"a1"`)), 0, "customer_id"},
		{"resolved note object", batch(event("conversation.resolved", `"customer_id":"c1","note":{}`)), 0, "note"},
		// conversation.labeled
		{"labeled ok", batch(event("conversation.labeled", `"customer_id":"c1","labels":["a","b"]`)), -2, ""},
		{"labeled empty set ok", batch(event("conversation.labeled", `"customer_id":"c1","labels":[]`)), -2, ""},
		{"labeled missing", batch(event("conversation.labeled", `"customer_id":"c1"`)), 0, "labels"},
		{"labeled not array", batch(event("conversation.labeled", `"customer_id":"c1","labels":"a"`)), 0, "labels"},
		{"labeled number item", batch(event("conversation.labeled", `"customer_id":"c1","labels":["a",1]`)), 0, "labels[1]"},
		// csat.requested
		{"csat requested ok", batch(event("csat.requested", `"csat_id":"s1","customer_id":"c1","agent_id":"a1"`)), -2, ""},
		{"csat requested no csat_id", batch(event("csat.requested", `"customer_id":"c1"`)), 0, "csat_id"},
		{"csat requested no customer", batch(event("csat.requested", `"csat_id":"s1"`)), 0, "customer_id"},
		// csat.responded
		{"csat responded ok", batch(event("csat.responded", `"csat_id":"s1","rating":1,"comment":"meh"`)), -2, ""},
		{"csat rating 5.0 ok", batch(event("csat.responded", `"csat_id":"s1","rating":5.0`)), -2, ""},
		{"csat rating 4.5", batch(event("csat.responded", `"csat_id":"s1","rating":4.5`)), 0, "rating"},
		{"csat rating string", batch(event("csat.responded", `"csat_id":"s1","rating":"5"`)), 0, "rating"},
		{"csat rating 0", batch(event("csat.responded", `"csat_id":"s1","rating":0`)), 0, "rating"},
		{"csat rating 6", batch(event("csat.responded", `"csat_id":"s1","rating":6`)), 0, "rating"},
		{"csat rating missing", batch(event("csat.responded", `"csat_id":"s1"`)), 0, "rating"},
		{"csat rating bool", batch(event("csat.responded", `"csat_id":"s1","rating":true`)), 0, "rating"},
		{"csat responded no csat_id", batch(event("csat.responded", `"rating":3`)), 0, "csat_id"},
		// call.ended
		{"call ok", batch(event("call.ended", validCall+`,"duration_seconds":0`)), -2, ""},
		{"call missed ok", batch(event("call.ended", `"call_id":"k1","customer_id":"c1","direction":"outbound","status":"missed","duration_seconds":0,"agent_id":"a1"`)), -2, ""},
		{"call duration negative", batch(event("call.ended", validCall+`,"duration_seconds":-1`)), 0, "duration_seconds"},
		{"call duration string", batch(event("call.ended", validCall+`,"duration_seconds":"60"`)), 0, "duration_seconds"},
		{"call duration missing", batch(event("call.ended", validCall)), 0, "duration_seconds"},
		{"call status bad", batch(event("call.ended", `"call_id":"k1","customer_id":"c1","direction":"inbound","status":"busy","duration_seconds":1`)), 0, "status"},
		{"call direction bad", batch(event("call.ended", `"call_id":"k1","customer_id":"c1","direction":"up","status":"missed","duration_seconds":1`)), 0, "direction"},
		{"call id missing", batch(event("call.ended", `"customer_id":"c1","direction":"inbound","status":"missed","duration_seconds":1`)), 0, "call_id"},
		{"call customer missing", batch(event("call.ended", `"call_id":"k1","direction":"inbound","status":"missed","duration_seconds":1`)), 0, "customer_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			records, err := ParseEvents(tc.body, testNow)
			if tc.wantIndex == -2 {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				if len(records) == 0 {
					t.Fatal("want records, got none")
				}
				return
			}
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("want *ValidationError, got %v", err)
			}
			if verr.Index != tc.wantIndex || verr.Field != tc.wantField {
				t.Errorf("got index %d field %q (%v), want index %d field %q", verr.Index, verr.Field, err, tc.wantIndex, tc.wantField)
			}
			if records != nil {
				t.Errorf("want no records on error, got %d", len(records))
			}
		})
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestParseEventsNotJSON(t *testing.T) {
	for _, body := range []string{``, `{`, `{"events":[}`, `nope`} {
		_, err := ParseEvents([]byte(body), testNow)
		if !errors.Is(err, ErrNotJSON) {
			t.Errorf("ParseEvents(%q) = %v, want ErrNotJSON", body, err)
		}
	}
}

func TestValidationErrorMessage(t *testing.T) {
	cases := []struct {
		err  ValidationError
		want string
	}{
		{ValidationError{Index: 3, Field: "message.agent_id", Detail: "required when sender=agent"}, "events[3].message.agent_id: required when sender=agent"},
		{ValidationError{Index: 0, Detail: "must be an object"}, "events[0]: must be an object"},
		{ValidationError{Index: -1, Field: "events", Detail: "must hold 1 to 500 events, got 0"}, "events: must hold 1 to 500 events, got 0"},
	}
	for _, tc := range cases {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	// The real error for a missing agent_id reads the same.
	_, err := ParseEvents(batch(event("agent.login", `"agent_id":"a"`), event("agent.login", `"agent_id":"a"`), event("agent.login", `"agent_id":"a"`),
		msgEvent(`"id":"m1","customer_id":"c1","direction":"outbound","sender":"agent","channel":"w"`)), testNow)
	if err == nil || err.Error() != "events[3].message.agent_id: required when sender=agent" {
		t.Errorf("got %v", err)
	}
}

func TestParseEventsTimes(t *testing.T) {
	body := batch(`{"id":"e","type":"agent.login","occurred_at":"2025-03-01T15:04:05.123987654+07:00","agent_id":"a1"}`)
	records, err := ParseEvents(body, testNow)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2025, 3, 1, 8, 4, 5, 123_000_000, time.UTC)
	got := records[0].Access.At
	if !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("At = %v, want %v in UTC", got, want)
	}
}

func TestParseEventsMapping(t *testing.T) {
	body := batch(
		msgEvent(`"id":"m9","customer_id":"c9","direction":"outbound","sender":"agent","agent_id":"a9","channel":"whatsapp","text":"hi"`),
		event("csat.responded", `"csat_id":"s1","rating":4`),
		event("conversation.labeled", `"customer_id":"c9","labels":[]`),
	)
	records, err := ParseEvents(body, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 3 {
		t.Fatalf("got %d records", len(records))
	}
	m := records[0]
	if m.Kind != domain.KindMessage || m.Source != SourceHelpdesk || m.EventID != "ev-1" || m.CustomerID != "c9" ||
		m.Message.ID != "m9" || m.Message.AgentID != "a9" || m.Message.Sender != domain.SenderAgent || m.Message.Direction != domain.Outbound {
		t.Errorf("message record = %+v / %+v", m, m.Message)
	}
	r := records[1]
	if r.Kind != domain.KindSurveyResponse || r.SurveyResponse.Rating != 4 || r.SurveyResponse.CSATID != "s1" || r.CustomerID != "" {
		t.Errorf("survey response record = %+v / %+v", r, r.SurveyResponse)
	}
	l := records[2]
	if l.Kind != domain.KindLabeling || l.Labeling.Labels == nil || len(l.Labeling.Labels) != 0 {
		t.Errorf("labeling = %+v", l.Labeling)
	}
}

// ExampleParseEvents shows the error for an invalid event.
func ExampleParseEvents() {
	body := []byte(`{"events":[{"id":"e1","type":"csat.responded","occurred_at":"2025-03-01T08:00:00Z","csat_id":"s1","rating":4.5}]}`)
	_, err := ParseEvents(body, time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
	fmt.Println(err)
	// Output: events[0].rating: must be an integer from 1 to 5
}
