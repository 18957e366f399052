package webhook

import (
	"errors"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

func TestParseChatwoot(t *testing.T) {
	conv := `"conversation":{"id":10,"channel":"Channel::Whatsapp","timestamp":1627063369,"meta":{"sender":{"id":14,"name":"Ana","type":"contact"},"assignee":{"id":3,"type":"user"}}}`
	cases := []struct {
		name      string
		body      string
		wantKind  domain.RecordKind // "" = no records
		check     func(t *testing.T, r domain.Record)
		wantField string // non-empty = ValidationError on this field
	}{
		{name: "unknown event", body: `{"event":"contact_created","id":1}`},
		{name: "no event", body: `{"id":1}`},
		{name: "activity message", body: `{"event":"message_created","id":5,"message_type":2,"created_at":1627063369,` + conv + `}`},
		{name: "numeric incoming", body: `{"event":"message_created","id":5,"message_type":0,"content":"oi","created_at":1627063369,` + conv + `}`,
			wantKind: domain.KindMessage, check: func(t *testing.T, r domain.Record) {
				m := r.Message
				if m.Direction != domain.Inbound || m.Sender != domain.SenderCustomer || m.CustomerID != "cw:14" || m.Channel != "whatsapp" ||
					m.ProfileName != "Ana" || m.ConversationID != "cw:10" || r.EventID != "cw:message_created:5:1627063369000" {
					t.Errorf("message = %+v (%s)", *m, r.EventID)
				}
			}},
		{name: "outgoing from agent bot", body: `{"event":"message_created","id":6,"message_type":"outgoing","created_at":"2021-07-23T18:02:48Z","sender":{"id":2,"type":"agent_bot"},` + conv + `}`,
			wantKind: domain.KindMessage, check: func(t *testing.T, r domain.Record) {
				if r.Message.Direction != domain.Outbound || r.Message.Sender != domain.SenderBot || r.Message.AgentID != "" {
					t.Errorf("message = %+v", *r.Message)
				}
			}},
		{name: "attachment type", body: `{"event":"message_created","id":7,"message_type":"incoming","content_type":"text","attachments":[{"file_type":"image"}],"created_at":1627063369,` + conv + `}`,
			wantKind: domain.KindMessage, check: func(t *testing.T, r domain.Record) {
				if r.Message.Type != "image" {
					t.Errorf("type = %q", r.Message.Type)
				}
			}},
		{name: "assignment via conversation_updated", body: `{"event":"conversation_updated","id":10,"status":"open","timestamp":1627063369,"changed_attributes":[{"assignee_id":{"previous_value":null,"current_value":3}}],"meta":{"sender":{"id":14},"assignee":{"id":3}}}`,
			wantKind: domain.KindAssignment, check: func(t *testing.T, r domain.Record) {
				if r.Assignment.AgentID != "cw:3" || r.CustomerID != "cw:14" {
					t.Errorf("assignment = %+v", *r.Assignment)
				}
			}},
		{name: "conversation_updated without assignee change", body: `{"event":"conversation_updated","id":10,"timestamp":1627063369,"changed_attributes":[{"status":{}}],"meta":{"sender":{"id":14},"assignee":{"id":3}}}`},
		{name: "open without assignee", body: `{"event":"conversation_status_changed","id":10,"status":"open","timestamp":1627063369,"meta":{"sender":{"id":14}}}`},
		{name: "message without id", body: `{"event":"message_created","message_type":"incoming","created_at":1627063369,` + conv + `}`, wantField: "id"},
		{name: "message without time", body: `{"event":"message_created","id":5,"message_type":"incoming",` + conv + `}`, wantField: "created_at"},
		{name: "message without contact", body: `{"event":"message_created","id":5,"message_type":"incoming","created_at":1627063369}`, wantField: "conversation.meta.sender.id"},
		{name: "csat rating out of range", body: `{"event":"message_updated","id":9,"content_type":"input_csat","created_at":1627063369,"content_attributes":{"submitted_values":{"csat_survey_response":{"rating":7}}},` + conv + `}`,
			wantField: "content_attributes.submitted_values.csat_survey_response.rating"},
		{name: "csat not yet rated", body: `{"event":"message_updated","id":9,"content_type":"input_csat","created_at":1627063369,"content_attributes":{},` + conv + `}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			records, err := ParseChatwoot([]byte(tc.body))
			if tc.wantField != "" {
				var verr *ValidationError
				if !errors.As(err, &verr) || verr.Field != tc.wantField || verr.Index != -1 {
					t.Fatalf("err = %v, want ValidationError on %q", err, tc.wantField)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if tc.wantKind == "" {
				if len(records) != 0 {
					t.Fatalf("want no records, got %+v", records)
				}
				return
			}
			if len(records) != 1 || records[0].Kind != tc.wantKind {
				t.Fatalf("got %+v, want one %s", records, tc.wantKind)
			}
			tc.check(t, records[0])
		})
	}
}

func TestParseChatwootNotJSON(t *testing.T) {
	if _, err := ParseChatwoot([]byte(`{"event":`)); !errors.Is(err, ErrNotJSON) {
		t.Errorf("err = %v, want ErrNotJSON", err)
	}
}
