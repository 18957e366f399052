package webhook

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// waBodyWith wraps one change value of field "messages".
func waBodyWith(value string) []byte {
	return waBodyField("messages", value)
}

func waBodyField(field, value string) []byte {
	return []byte(`{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"` + field + `","value":` + value + `}]}]}`)
}

func TestParseWhatsAppErrors(t *testing.T) {
	cases := []struct {
		name      string
		body      []byte
		wantIs    error  // sentinel, or nil for a ValidationError
		wantField string // for ValidationError
	}{
		{"empty", []byte(``), ErrNotJSON, ""},
		{"garbage", []byte(`object=whatsapp`), ErrNotJSON, ""},
		{"truncated", []byte(`{"object":"whatsapp_business_account","entry":[`), ErrNotJSON, ""},
		{"wrong object", []byte(`{"object":"page","entry":[]}`), ErrWrongObject, ""},
		{"missing object", []byte(`{"entry":[]}`), ErrWrongObject, ""},
		{"object number", []byte(`{"object":1}`), ErrWrongObject, ""},
		{"array body", []byte(`[]`), ErrWrongObject, ""},
		{"entry not array", []byte(`{"object":"whatsapp_business_account","entry":"x"}`), nil, "entry"},
		{"bad timestamp", waBodyWith(`{"messages":[{"from":"1","id":"m","timestamp":"yesterday","type":"text"}]}`), nil, "entry[0].changes[0].value.messages[0].timestamp"},
		{"negative timestamp", waBodyWith(`{"messages":[{"from":"1","id":"m","timestamp":-5,"type":"text"}]}`), nil, "entry[0].changes[0].value.messages[0].timestamp"},
		{"fraction timestamp", waBodyWith(`{"messages":[{"from":"1","id":"m","timestamp":1.5,"type":"text"}]}`), nil, "entry[0].changes[0].value.messages[0].timestamp"},
		{"missing timestamp", waBodyWith(`{"messages":[{"from":"1","id":"m","type":"text"}]}`), nil, "entry[0].changes[0].value.messages[0].timestamp"},
		{"missing message id", waBodyWith(`{"messages":[{"from":"1","timestamp":"1700000000","type":"text"}]}`), nil, "entry[0].changes[0].value.messages[0].id"},
		{"no customer", waBodyWith(`{"messages":[{"id":"m","timestamp":"1700000000","type":"text"}]}`), nil, "entry[0].changes[0].value.messages[0].from"},
		{"status bad timestamp", waBodyWith(`{"statuses":[{"id":"m","status":"sent","timestamp":"x","recipient_id":"1"}]}`), nil, "entry[0].changes[0].value.statuses[0].timestamp"},
		{"status missing status", waBodyWith(`{"statuses":[{"id":"m","timestamp":"1700000000","recipient_id":"1"}]}`), nil, "entry[0].changes[0].value.statuses[0].status"},
		{"status no recipient", waBodyWith(`{"statuses":[{"id":"m","status":"sent","timestamp":"1700000000"}]}`), nil, "entry[0].changes[0].value.statuses[0].recipient_id"},
		{"messages not array", waBodyWith(`{"messages":{}}`), nil, "entry[0].changes[0].value.messages"},
		{"1001 updates", waBodyWith(`{"statuses":[` + strings.Join(repeat(`{"id":"m","status":"sent","timestamp":"1700000000","recipient_id":"1"}`, 1001), ",") + `]}`), nil, "entry"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			records, err := ParseWhatsApp(tc.body)
			if records != nil {
				t.Errorf("want no records, got %d", len(records))
			}
			if tc.wantIs != nil {
				if !errors.Is(err, tc.wantIs) {
					t.Fatalf("err = %v, want %v", err, tc.wantIs)
				}
				return
			}
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("err = %v, want *ValidationError", err)
			}
			if verr.Index != -1 || verr.Field != tc.wantField {
				t.Errorf("got index %d field %q (%v), want -1 %q", verr.Index, verr.Field, err, tc.wantField)
			}
		})
	}
}

func TestParseWhatsAppAccepts(t *testing.T) {
	const at = 1_700_000_000
	atTime := time.Unix(at, 0).UTC()
	cases := []struct {
		name string
		body []byte
		want []domain.Record
	}{
		{"unknown field ignored, any shape", waBodyField("account_update", `{"messages":"not an array","event":"X"}`), nil},
		{"value with errors only", waBodyWith(`{"errors":[{"code":130429}]}`), nil},
		{"numeric timestamp and unknown type", waBodyWith(fmt.Sprintf(`{"messages":[{"from":"628","id":"m1","timestamp":%d,"type":"hologram","hologram":{"x":1}}]}`, at)),
			[]domain.Record{waMsg("m1", "628", "", "hologram", "", atTime)}},
		{"video caption", waBodyWith(`{"messages":[{"from":"628","id":"m2","timestamp":"1700000000","type":"video","video":{"caption":"look"}}]}`),
			[]domain.Record{waMsg("m2", "628", "", "video", "look", atTime)}},
		{"document caption", waBodyWith(`{"messages":[{"from":"628","id":"m3","timestamp":"1700000000","type":"document","document":{"caption":"invoice.pdf"}}]}`),
			[]domain.Record{waMsg("m3", "628", "", "document", "invoice.pdf", atTime)}},
		{"contact matched by wa_id among several", waBodyWith(`{"contacts":[{"wa_id":"111","profile":{"name":"A"}},{"wa_id":"222","profile":{"name":"B"}}],
			"messages":[{"from":"222","id":"m4","timestamp":"1700000000","type":"text","text":{"body":"yo"}}]}`),
			[]domain.Record{waMsg("m4", "222", "B", "text", "yo", atTime)}},
		{"no from: wa_id of matching user_id contact", waBodyWith(`{"contacts":[{"wa_id":"","user_id":"US.1","profile":{"name":"A"}},{"wa_id":"333","user_id":"US.2","profile":{"name":"B"}}],
			"messages":[{"from_user_id":"US.2","id":"m5","timestamp":"1700000000","type":"text","text":{"body":"yo"}}]}`),
			[]domain.Record{waMsg("m5", "333", "B", "text", "yo", atTime)}},
		{"no from: user_id when wa_id empty", waBodyWith(`{"contacts":[{"wa_id":"","user_id":"US.9","profile":{"name":"Z"}}],
			"messages":[{"id":"m6","timestamp":"1700000000","type":"text","text":{"body":"yo"}}]}`),
			[]domain.Record{waMsg("m6", "US.9", "Z", "text", "yo", atTime)}},
		{"status with recipient_user_id", waBodyWith(`{"statuses":[{"id":"w1","status":"read","timestamp":"1700000000","recipient_user_id":"US.7"}]}`),
			[]domain.Record{{Kind: domain.KindStatus, EventID: "w1:read", Source: "whatsapp", EventType: "messages", CustomerID: "US.7",
				Status: &domain.StatusUpdate{MessageID: "w1", CustomerID: "US.7", Status: "read", At: atTime}}}},
		{"every entry and change", []byte(`{"object":"whatsapp_business_account","entry":[
			{"changes":[{"field":"messages","value":{"statuses":[{"id":"a","status":"sent","timestamp":"1700000000","recipient_id":"1"}]}},
			            {"field":"messages","value":{"statuses":[{"id":"a","status":"delivered","timestamp":"1700000000","recipient_id":"1"}]}}]},
			{"changes":[{"field":"messages","value":{"statuses":[{"id":"b","status":"failed","timestamp":"1700000000","recipient_id":"2"}]}}]}]}`),
			[]domain.Record{waStatusRec("a", "sent", "1", atTime), waStatusRec("a", "delivered", "1", atTime), waStatusRec("b", "failed", "2", atTime)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseWhatsApp(tc.body)
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if fmt.Sprint(dump(got)) != fmt.Sprint(dump(tc.want)) {
				t.Errorf("got  %v\nwant %v", dump(got), dump(tc.want))
			}
		})
	}
}

func TestParseWhatsApp1000Updates(t *testing.T) {
	body := waBodyWith(`{"statuses":[` + strings.Join(repeat(`{"id":"m","status":"sent","timestamp":"1700000000","recipient_id":"1"}`, 1000), ",") + `]}`)
	records, err := ParseWhatsApp(body)
	if err != nil || len(records) != 1000 {
		t.Fatalf("got %d records, err %v", len(records), err)
	}
}

func waMsg(id, customer, name, typ, text string, at time.Time) domain.Record {
	return domain.Record{Kind: domain.KindMessage, EventID: id, Source: "whatsapp", EventType: "messages", CustomerID: customer,
		Message: &domain.Message{ID: id, CustomerID: customer, Direction: domain.Inbound, Sender: domain.SenderCustomer,
			Channel: "whatsapp", Type: typ, Text: text, At: at, ProfileName: name}}
}

func waStatusRec(id, status, customer string, at time.Time) domain.Record {
	return domain.Record{Kind: domain.KindStatus, EventID: id + ":" + status, Source: "whatsapp", EventType: "messages", CustomerID: customer,
		Status: &domain.StatusUpdate{MessageID: id, CustomerID: customer, Status: status, At: at}}
}

// dump renders records with their pointed-to payloads, for comparisons.
func dump(records []domain.Record) []string {
	out := make([]string, 0, len(records))
	for _, r := range records {
		s := fmt.Sprintf("%s|%s|%s|%s|%s", r.Kind, r.EventID, r.Source, r.EventType, r.CustomerID)
		if r.Message != nil {
			s += fmt.Sprintf("|%+v", *r.Message)
		}
		if r.Status != nil {
			s += fmt.Sprintf("|%+v", *r.Status)
		}
		out = append(out, s)
	}
	return out
}
