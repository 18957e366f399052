package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// Chatwoot adapter constants.
const (
	// chatwootChannel is Message.Channel when a Chatwoot conversation names no channel.
	chatwootChannel = "chatwoot"
	// ChatwootIDPrefix prefixes every Chatwoot id (message, contact, agent,
	// conversation, survey) so it cannot collide with WhatsApp or helpdesk ids.
	ChatwootIDPrefix = "cw:"
)

// cwSender is a Chatwoot contact, user (agent) or agent bot.
type cwSender struct {
	ID   json.RawMessage `json:"id"`
	Name string          `json:"name"`
	Type string          `json:"type"`
}

// cwConversation is a Chatwoot conversation (the whole body of conversation_* events).
type cwConversation struct {
	Event        string          `json:"event"`
	ID           json.RawMessage `json:"id"`
	Channel      string          `json:"channel"`
	Status       string          `json:"status"`
	Timestamp    json.RawMessage `json:"timestamp"`
	UpdatedAt    json.RawMessage `json:"updated_at"`
	ContactInbox struct {
		ContactID json.RawMessage `json:"contact_id"`
	} `json:"contact_inbox"`
	Meta struct {
		Sender   *cwSender `json:"sender"`
		Assignee *cwSender `json:"assignee"`
	} `json:"meta"`
	ChangedAttributes json.RawMessage `json:"changed_attributes"`
}

// cwMessage is a Chatwoot message (the body of message_* events).
type cwMessage struct {
	Event             string          `json:"event"`
	ID                json.RawMessage `json:"id"`
	Content           string          `json:"content"`
	CreatedAt         json.RawMessage `json:"created_at"`
	UpdatedAt         json.RawMessage `json:"updated_at"`
	MessageType       json.RawMessage `json:"message_type"`
	ContentType       string          `json:"content_type"`
	Private           bool            `json:"private"`
	ContentAttributes struct {
		SubmittedValues struct {
			CSAT *struct {
				Rating          json.RawMessage `json:"rating"`
				FeedbackMessage string          `json:"feedback_message"`
			} `json:"csat_survey_response"`
		} `json:"submitted_values"`
	} `json:"content_attributes"`
	Sender       *cwSender       `json:"sender"`
	Conversation *cwConversation `json:"conversation"`
	Attachments  []struct {
		FileType string `json:"file_type"`
	} `json:"attachments"`
}

// ParseChatwoot maps a Chatwoot webhook body to records:
//
//   - message_created: incoming → inbound customer message; outgoing → outbound
//     message (sender agent with AgentID "cw:<sender id>", or bot for agent bots and
//     sender-less messages); template → outbound bot message; an input_csat message
//     → survey request; private notes and activity messages → nothing.
//   - message_updated of an input_csat message carrying a rating → survey response;
//     other updates → nothing.
//   - conversation_status_changed: resolved → resolve; otherwise, with meta.assignee →
//     assignment. conversation_updated whose changed_attributes name assignee_id, with
//     meta.assignee → assignment.
//   - any other event → nothing.
//
// Records have Source "helpdesk" (Chatwoot is a helpdesk) and EventType = the Chatwoot
// event name. Ids are prefixed with ChatwootIDPrefix; EventIDs are "cw:<event>:<object id>:<unix ms>"
// of the payload's update time, so redeliveries dedupe. Errors: ErrNotJSON or
// *ValidationError (Index -1), and no records.
func ParseChatwoot(rawBody []byte) ([]domain.Record, error) {
	var head struct {
		Event string `json:"event"`
	}
	if err := json.Unmarshal(rawBody, &head); err != nil {
		if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
			return nil, notJSON(err)
		}
		return nil, invalid("", "body must be a JSON object")
	}
	switch head.Event {
	case "message_created", "message_updated":
		var m cwMessage
		if err := json.Unmarshal(rawBody, &m); err != nil {
			return nil, typeError(err)
		}
		return cwMessageRecords(&m)
	case "conversation_status_changed", "conversation_updated":
		var c cwConversation
		if err := json.Unmarshal(rawBody, &c); err != nil {
			return nil, typeError(err)
		}
		return cwConversationRecords(&c)
	default:
		return nil, nil
	}
}

// cwMessageRecords maps message_created / message_updated.
func cwMessageRecords(m *cwMessage) ([]domain.Record, error) {
	if m.Private {
		return nil, nil
	}
	id := cwID(m.ID)
	if id == "" {
		return nil, invalid("id", "required")
	}
	conv := m.Conversation
	if conv == nil {
		conv = &cwConversation{}
	}
	isCSAT := m.ContentType == "input_csat"
	if m.Event == "message_updated" {
		if !isCSAT || m.ContentAttributes.SubmittedValues.CSAT == nil {
			return nil, nil
		}
		return cwSurveyResponse(m, id, conv)
	}
	customer := cwCustomer(conv)
	if customer == "" && m.Sender != nil && m.Sender.Type == "contact" {
		customer = cwID(m.Sender.ID)
	}
	if customer == "" {
		return nil, invalid("conversation.meta.sender.id", "required: the conversation's contact")
	}
	at, field, ok := cwFirstTime([]json.RawMessage{m.CreatedAt}, []string{"created_at"})
	if !ok {
		return nil, invalid(field, "required: an RFC 3339 time or unix seconds")
	}
	rec := domain.Record{
		EventID:    cwEventID(m.Event, id, at),
		Source:     SourceHelpdesk,
		EventType:  m.Event,
		CustomerID: customer,
	}
	if isCSAT {
		rec.Kind = domain.KindSurveyRequest
		rec.SurveyRequest = &domain.Survey{CSATID: id, CustomerID: customer, AgentID: cwAssignee(conv), RequestedAt: at}
		return []domain.Record{rec}, nil
	}
	msg := &domain.Message{
		ID:             id,
		CustomerID:     customer,
		ConversationID: cwID(conv.ID),
		Channel:        cwChannel(conv.Channel),
		Type:           m.ContentType,
		Text:           m.Content,
		At:             at,
	}
	if len(m.Attachments) > 0 && m.Attachments[0].FileType != "" {
		msg.Type = m.Attachments[0].FileType
	}
	switch cwMessageType(m.MessageType) {
	case "incoming":
		msg.Direction, msg.Sender = domain.Inbound, domain.SenderCustomer
		if conv.Meta.Sender != nil {
			msg.ProfileName = conv.Meta.Sender.Name
		} else if m.Sender != nil {
			msg.ProfileName = m.Sender.Name
		}
	case "outgoing":
		msg.Direction, msg.Sender = domain.Outbound, domain.SenderBot
		if m.Sender != nil && m.Sender.Type != "agent_bot" && m.Sender.Type != "contact" && cwID(m.Sender.ID) != "" {
			msg.Sender, msg.AgentID = domain.SenderAgent, cwID(m.Sender.ID)
		}
	case "template":
		msg.Direction, msg.Sender = domain.Outbound, domain.SenderBot
	default: // activity and unknown message types are not conversation messages
		return nil, nil
	}
	rec.Kind, rec.Message = domain.KindMessage, msg
	return []domain.Record{rec}, nil
}

// cwSurveyResponse maps a rated input_csat message_updated.
func cwSurveyResponse(m *cwMessage, id string, conv *cwConversation) ([]domain.Record, error) {
	csat := m.ContentAttributes.SubmittedValues.CSAT
	const ratingField = "content_attributes.submitted_values.csat_survey_response.rating"
	var rating float64
	if len(csat.Rating) == 0 || json.Unmarshal(csat.Rating, &rating) != nil ||
		rating != math.Trunc(rating) || rating < 1 || rating > 5 {
		return nil, invalid(ratingField, "must be an integer from 1 to 5")
	}
	at, field, ok := cwFirstTime(
		[]json.RawMessage{m.UpdatedAt, conv.UpdatedAt, conv.Timestamp, m.CreatedAt},
		[]string{"updated_at", "conversation.updated_at", "conversation.timestamp", "created_at"})
	if !ok {
		return nil, invalid(field, "required: an RFC 3339 time or unix seconds")
	}
	// The rating is part of the key: a changed rating is a new response, a redelivery is not.
	eventID := cwEventID(m.Event, id, at) + ":" + strconv.Itoa(int(rating))
	return []domain.Record{{
		Kind:      domain.KindSurveyResponse,
		EventID:   eventID,
		Source:    SourceHelpdesk,
		EventType: m.Event,
		SurveyResponse: &domain.SurveyResponse{
			EventID: eventID,
			CSATID:  id,
			Rating:  int(rating),
			Comment: csat.FeedbackMessage,
			At:      at,
		},
	}}, nil
}

// cwConversationRecords maps conversation_status_changed / conversation_updated.
func cwConversationRecords(c *cwConversation) ([]domain.Record, error) {
	resolve := c.Event == "conversation_status_changed" && c.Status == "resolved"
	assign := !resolve && cwAssignee(c) != "" &&
		(c.Event == "conversation_status_changed" || bytes.Contains(c.ChangedAttributes, []byte(`"assignee_id"`)))
	if !resolve && !assign {
		return nil, nil
	}
	id := cwID(c.ID)
	if id == "" {
		return nil, invalid("id", "required")
	}
	customer := cwCustomer(c)
	if customer == "" {
		return nil, invalid("meta.sender.id", "required: the conversation's contact")
	}
	at, field, ok := cwFirstTime([]json.RawMessage{c.UpdatedAt, c.Timestamp}, []string{"updated_at", "timestamp"})
	if !ok {
		return nil, invalid(field, "required: an RFC 3339 time or unix seconds")
	}
	rec := domain.Record{
		EventID:    cwEventID(c.Event, id, at),
		Source:     SourceHelpdesk,
		EventType:  c.Event,
		CustomerID: customer,
	}
	if resolve {
		// Chatwoot does not say who resolved: leave it empty (the ticket's agent is used).
		rec.Kind = domain.KindResolve
		rec.Resolve = &domain.Resolve{EventID: rec.EventID, ConversationID: id, At: at}
	} else {
		rec.Kind = domain.KindAssignment
		rec.Assignment = &domain.Assignment{EventID: rec.EventID, AgentID: cwAssignee(c), ConversationID: id,
			Channel: cwChannel(c.Channel), At: at}
	}
	return []domain.Record{rec}, nil
}

// cwID renders a Chatwoot id (JSON number or string) with the prefix; "" if absent.
func cwID(raw json.RawMessage) string {
	var s string
	switch {
	case len(raw) == 0 || bytes.Equal(raw, jsonNull):
		return ""
	case raw[0] == '"':
		if json.Unmarshal(raw, &s) != nil {
			return ""
		}
	default:
		if _, err := strconv.ParseInt(string(raw), 10, 64); err != nil {
			return ""
		}
		s = string(raw)
	}
	if s == "" || len(s) > MaxIDLen-len(ChatwootIDPrefix) {
		return ""
	}
	return ChatwootIDPrefix + s
}

// cwCustomer is the conversation's contact id.
func cwCustomer(c *cwConversation) string {
	if c.Meta.Sender != nil {
		if id := cwID(c.Meta.Sender.ID); id != "" {
			return id
		}
	}
	return cwID(c.ContactInbox.ContactID)
}

// cwAssignee is the conversation's assigned agent id, or "".
func cwAssignee(c *cwConversation) string {
	if c.Meta.Assignee == nil {
		return ""
	}
	return cwID(c.Meta.Assignee.ID)
}

// cwMessageType normalizes message_type, a string or Chatwoot's enum number.
func cwMessageType(raw json.RawMessage) string {
	switch s := strings.Trim(string(raw), `"`); s {
	case "0":
		return "incoming"
	case "1":
		return "outgoing"
	case "2":
		return "activity"
	case "3":
		return "template"
	default:
		return s
	}
}

// cwChannel turns "Channel::WebWidget" into "web_widget" ("chatwoot" when absent).
func cwChannel(channel string) string {
	name := strings.TrimPrefix(channel, "Channel::")
	if name == "" {
		return chatwootChannel
	}
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cwFirstTime returns the first present, valid time among raws (RFC 3339 strings or
// unix seconds), UTC at millisecond precision; when none is, it names the first field.
func cwFirstTime(raws []json.RawMessage, fields []string) (time.Time, string, bool) {
	for _, raw := range raws {
		if t, ok := cwTime(raw); ok {
			return t, "", true
		}
	}
	return time.Time{}, fields[0], false
}

// cwTime parses an RFC 3339 string or a JSON number of unix seconds.
func cwTime(raw json.RawMessage) (time.Time, bool) {
	if len(raw) == 0 || bytes.Equal(raw, jsonNull) {
		return time.Time{}, false
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return time.Time{}, false
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return time.Time{}, false
		}
		return t.UTC().Truncate(time.Millisecond), true
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || f <= 0 || f > maxUnixSeconds {
		return time.Time{}, false
	}
	return time.UnixMilli(int64(math.Round(f * 1000))).UTC(), true
}

// cwEventID is the deterministic idempotency key of a Chatwoot fact.
func cwEventID(event, prefixedID string, at time.Time) string {
	return ChatwootIDPrefix + event + ":" + strings.TrimPrefix(prefixedID, ChatwootIDPrefix) + ":" + strconv.FormatInt(at.UnixMilli(), 10)
}
