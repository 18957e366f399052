package webhook

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// WhatsApp constants of CONTRACT 2.1.
const (
	// WhatsAppObject is the only accepted value of the body's "object".
	WhatsAppObject = "whatsapp_business_account"
	// SourceWhatsApp is Record.Source (and Message.Channel) for WhatsApp records.
	SourceWhatsApp = "whatsapp"
	// waFieldMessages is the change field that carries messages and statuses.
	waFieldMessages = "messages"
)

// waBody is the webhook envelope. Values are decoded lazily so that changes of
// unknown fields, whatever their shape, are accepted and ignored.
type waBody struct {
	Object string `json:"object"`
	Entry  []struct {
		Changes []struct {
			Field string          `json:"field"`
			Value json.RawMessage `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
}

// waValue is the value of a "messages" change.
type waValue struct {
	Contacts []waContact `json:"contacts"`
	Messages []waMessage `json:"messages"`
	Statuses []waStatus  `json:"statuses"`
}

type waContact struct {
	WaID    string `json:"wa_id"`
	UserID  string `json:"user_id"`
	Profile struct {
		Name string `json:"name"`
	} `json:"profile"`
}

type waCaption struct {
	Caption string `json:"caption"`
}

type waTitle struct {
	Title string `json:"title"`
}

type waMessage struct {
	From       string          `json:"from"`
	FromUserID string          `json:"from_user_id"`
	ID         string          `json:"id"`
	Timestamp  json.RawMessage `json:"timestamp"`
	Type       string          `json:"type"`
	Text       *struct {
		Body string `json:"body"`
	} `json:"text"`
	Image    *waCaption `json:"image"`
	Video    *waCaption `json:"video"`
	Document *waCaption `json:"document"`
	Button   *struct {
		Text string `json:"text"`
	} `json:"button"`
	Interactive *struct {
		ButtonReply *waTitle `json:"button_reply"`
		ListReply   *waTitle `json:"list_reply"`
	} `json:"interactive"`
	Reaction *struct {
		Emoji string `json:"emoji"`
	} `json:"reaction"`
}

type waStatus struct {
	ID              string          `json:"id"`
	Status          string          `json:"status"`
	Timestamp       json.RawMessage `json:"timestamp"`
	RecipientID     string          `json:"recipient_id"`
	RecipientUserID string          `json:"recipient_user_id"`
}

// ParseWhatsApp validates a WhatsApp Cloud API webhook body and returns one record per
// inbound message (KindMessage) and per status (KindStatus), in payload order.
// Changes of other fields, and values carrying only errors, yield no records.
// Errors: ErrNotJSON, ErrWrongObject or *ValidationError (all HTTP 400); on error no records.
func ParseWhatsApp(rawBody []byte) ([]domain.Record, error) {
	var body waBody
	err := json.Unmarshal(rawBody, &body)
	if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
		return nil, notJSON(err)
	}
	if body.Object != WhatsAppObject {
		return nil, fmt.Errorf("parse whatsapp webhook: %w", ErrWrongObject)
	}
	if err != nil {
		return nil, typeError(err)
	}
	var records []domain.Record
	updates := 0
	for ei, entry := range body.Entry {
		for ci, change := range entry.Changes {
			if change.Field != waFieldMessages || len(change.Value) == 0 {
				continue
			}
			path := fmt.Sprintf("entry[%d].changes[%d].value", ei, ci)
			var value waValue
			if err := json.Unmarshal(change.Value, &value); err != nil {
				return nil, prefixTypeError(path, err)
			}
			updates += len(value.Messages) + len(value.Statuses)
			if updates > MaxWhatsAppUpdates {
				return nil, invalid("entry", "more than %d messages and statuses in one request", MaxWhatsAppUpdates)
			}
			if records == nil {
				records = make([]domain.Record, 0, len(value.Messages)+len(value.Statuses))
			}
			for mi := range value.Messages {
				rec, verr := waMessageRecord(&value.Messages[mi], value.Contacts, fmt.Sprintf("%s.messages[%d]", path, mi))
				if verr != nil {
					return nil, verr
				}
				records = append(records, rec)
			}
			for si := range value.Statuses {
				rec, verr := waStatusRecord(&value.Statuses[si], fmt.Sprintf("%s.statuses[%d]", path, si))
				if verr != nil {
					return nil, verr
				}
				records = append(records, rec)
			}
		}
	}
	return records, nil
}

// waMessageRecord maps one inbound message; path locates it for errors.
func waMessageRecord(m *waMessage, contacts []waContact, path string) (domain.Record, *ValidationError) {
	if m.ID == "" {
		return domain.Record{}, invalid(path+".id", "required")
	}
	at, verr := waTimestamp(m.Timestamp, path+".timestamp")
	if verr != nil {
		return domain.Record{}, verr
	}
	contact := matchContact(contacts, m.From, m.FromUserID)
	customer := m.From
	if customer == "" && contact != nil {
		customer = contact.WaID
		if customer == "" {
			customer = contact.UserID
		}
	}
	if customer == "" {
		customer = m.FromUserID
	}
	if customer == "" {
		return domain.Record{}, invalid(path+".from", "required (no from, contacts[].wa_id or contacts[].user_id)")
	}
	msg := &domain.Message{
		ID:         m.ID,
		CustomerID: customer,
		Direction:  domain.Inbound,
		Sender:     domain.SenderCustomer,
		Channel:    SourceWhatsApp,
		Type:       m.Type,
		Text:       m.text(),
		At:         at,
	}
	if contact != nil {
		msg.ProfileName = contact.Profile.Name
	}
	return domain.Record{
		Kind:       domain.KindMessage,
		EventID:    m.ID,
		Source:     SourceWhatsApp,
		EventType:  waFieldMessages,
		CustomerID: customer,
		Message:    msg,
	}, nil
}

// waStatusRecord maps one delivery status; path locates it for errors.
func waStatusRecord(s *waStatus, path string) (domain.Record, *ValidationError) {
	if s.ID == "" {
		return domain.Record{}, invalid(path+".id", "required")
	}
	if s.Status == "" {
		return domain.Record{}, invalid(path+".status", "required")
	}
	at, verr := waTimestamp(s.Timestamp, path+".timestamp")
	if verr != nil {
		return domain.Record{}, verr
	}
	customer := s.RecipientID
	if customer == "" {
		customer = s.RecipientUserID
	}
	if customer == "" {
		return domain.Record{}, invalid(path+".recipient_id", "required (or recipient_user_id)")
	}
	return domain.Record{
		Kind:       domain.KindStatus,
		EventID:    s.ID + ":" + s.Status,
		Source:     SourceWhatsApp,
		EventType:  waFieldMessages,
		CustomerID: customer,
		Status: &domain.StatusUpdate{
			MessageID:  s.ID,
			CustomerID: customer,
			Status:     s.Status,
			At:         at,
		},
	}, nil
}

// matchContact returns the contact whose wa_id or user_id matches the sender, else
// the first contact, else nil.
func matchContact(contacts []waContact, from, fromUserID string) *waContact {
	for i := range contacts {
		c := &contacts[i]
		if (from != "" && (c.WaID == from || c.UserID == from)) || (fromUserID != "" && c.UserID == fromUserID) {
			return c
		}
	}
	if len(contacts) > 0 {
		return &contacts[0]
	}
	return nil
}

// text is the human-readable text of a message, by its type.
func (m *waMessage) text() string {
	switch {
	case m.Type == "text" && m.Text != nil:
		return m.Text.Body
	case m.Type == "image" && m.Image != nil:
		return m.Image.Caption
	case m.Type == "video" && m.Video != nil:
		return m.Video.Caption
	case m.Type == "document" && m.Document != nil:
		return m.Document.Caption
	case m.Type == "button" && m.Button != nil:
		return m.Button.Text
	case m.Type == "interactive" && m.Interactive != nil:
		if m.Interactive.ButtonReply != nil {
			return m.Interactive.ButtonReply.Title
		}
		if m.Interactive.ListReply != nil {
			return m.Interactive.ListReply.Title
		}
	case m.Type == "reaction" && m.Reaction != nil:
		return m.Reaction.Emoji
	}
	return ""
}

// maxUnixSeconds is 9999-12-31T23:59:59Z.
const maxUnixSeconds = 253402300799

// waTimestamp parses unix seconds given as a JSON string or number.
func waTimestamp(raw json.RawMessage, field string) (time.Time, *ValidationError) {
	s := string(raw)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	n, ok := parseUnixDigits(s)
	if !ok || n > maxUnixSeconds {
		if len(raw) == 0 || s == "null" {
			return time.Time{}, invalid(field, "required")
		}
		return time.Time{}, invalid(field, "must be unix seconds (a string or number of digits)")
	}
	return time.Unix(n, 0).UTC(), nil
}

// typeError turns a decoder type mismatch into a ValidationError.
func typeError(err error) error {
	return prefixTypeError("", err)
}

// prefixTypeError turns a decoder type mismatch inside the object at path into a
// ValidationError; other errors are wrapped as they are.
func prefixTypeError(path string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		switch {
		case path == "":
		case field == "":
			field = path
		default:
			field = path + "." + field
		}
		return invalid(field, "unexpected JSON %s", te.Value)
	}
	if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
		return notJSON(err)
	}
	return fmt.Errorf("decode %s: %w", path, err)
}
