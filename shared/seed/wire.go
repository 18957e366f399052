package seed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// hdEvent is one helpdesk event of CONTRACT 2.2; unused fields are omitted.
type hdEvent struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	OccurredAt string `json:"occurred_at"`

	Agent    *hdAgent    `json:"agent,omitempty"`
	Customer *hdCustomer `json:"customer,omitempty"`
	Message  *hdMessage  `json:"message,omitempty"`

	AgentID        string   `json:"agent_id,omitempty"`
	UserAgent      string   `json:"user_agent,omitempty"`
	IP             string   `json:"ip,omitempty"`
	CSATID         string   `json:"csat_id,omitempty"`
	CallID         string   `json:"call_id,omitempty"`
	CustomerID     string   `json:"customer_id,omitempty"`
	ConversationID string   `json:"conversation_id,omitempty"`
	Channel        string   `json:"channel,omitempty"`
	Category       string   `json:"category,omitempty"`
	Note           string   `json:"note,omitempty"`
	Labels         []string `json:"labels,omitempty"`
	Rating         int      `json:"rating,omitempty"`
	Comment        string   `json:"comment,omitempty"`
	Direction      string   `json:"direction,omitempty"`
	Status         string   `json:"status,omitempty"`
	// DurationSeconds is a pointer so that a missed call still carries 0.
	DurationSeconds *int `json:"duration_seconds,omitempty"`
}

type hdAgent struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	SupervisorID string `json:"supervisor_id,omitempty"`
	Team         string `json:"team,omitempty"`
}

type hdCustomer struct {
	ID      string `json:"id"`
	Name    string `json:"name,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Channel string `json:"channel,omitempty"`
}

type hdMessage struct {
	ID             string `json:"id"`
	CustomerID     string `json:"customer_id"`
	ConversationID string `json:"conversation_id,omitempty"`
	Direction      string `json:"direction"`
	Sender         string `json:"sender"`
	AgentID        string `json:"agent_id,omitempty"`
	Channel        string `json:"channel"`
	Type           string `json:"type,omitempty"`
	Text           string `json:"text,omitempty"`
}

type hdBody struct {
	Events []*hdEvent `json:"events"`
}

// waPayload is a WhatsApp Cloud API webhook notification, shaped like Meta's.
type waPayload struct {
	Object string    `json:"object"`
	Entry  []waEntry `json:"entry"`
}

type waEntry struct {
	ID      string     `json:"id"`
	Changes []waChange `json:"changes"`
}

type waChange struct {
	Value waValue `json:"value"`
	Field string  `json:"field"`
}

type waValue struct {
	MessagingProduct string       `json:"messaging_product"`
	Metadata         waMetadata   `json:"metadata"`
	Contacts         []waContact  `json:"contacts,omitempty"`
	Messages         []*waMessage `json:"messages,omitempty"`
	Statuses         []*waStatus  `json:"statuses,omitempty"`
}

type waMetadata struct {
	DisplayPhoneNumber string `json:"display_phone_number"`
	PhoneNumberID      string `json:"phone_number_id"`
}

type waContact struct {
	Profile waProfile `json:"profile"`
	WaID    string    `json:"wa_id"`
}

type waProfile struct {
	Name string `json:"name"`
}

type waMessage struct {
	Context   *waContext `json:"context,omitempty"`
	From      string     `json:"from"`
	ID        string     `json:"id"`
	Timestamp string     `json:"timestamp"`
	Text      *waText    `json:"text,omitempty"`
	Image     *waImage   `json:"image,omitempty"`
	Button    *waButton  `json:"button,omitempty"`
	Type      string     `json:"type"`
}

type waContext struct {
	From string `json:"from"`
	ID   string `json:"id"`
}

type waText struct {
	Body string `json:"body"`
}

type waImage struct {
	Caption  string `json:"caption,omitempty"`
	MimeType string `json:"mime_type"`
	SHA256   string `json:"sha256"`
	ID       string `json:"id"`
}

type waButton struct {
	Payload string `json:"payload"`
	Text    string `json:"text"`
}

type waStatus struct {
	ID           string          `json:"id"`
	Status       string          `json:"status"`
	Timestamp    string          `json:"timestamp"`
	RecipientID  string          `json:"recipient_id"`
	Conversation *waConversation `json:"conversation,omitempty"`
	Pricing      *waPricing      `json:"pricing,omitempty"`
	Errors       []waError       `json:"errors,omitempty"`
}

type waConversation struct {
	ID     string   `json:"id"`
	Origin waOrigin `json:"origin"`
}

type waOrigin struct {
	Type string `json:"type"`
}

type waPricing struct {
	Billable     bool   `json:"billable"`
	PricingModel string `json:"pricing_model"`
	Category     string `json:"category"`
	Type         string `json:"type"`
}

type waError struct {
	Code      int         `json:"code"`
	Title     string      `json:"title"`
	Message   string      `json:"message"`
	ErrorData waErrorData `json:"error_data"`
	Href      string      `json:"href"`
}

type waErrorData struct {
	Details string `json:"details"`
}

// marshalJSON encodes v compactly without HTML escaping and without a trailing newline.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode json: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// metaEscape rewrites compact JSON the way Meta serialises webhook bodies: every
// non-ASCII rune becomes a \uXXXX escape (surrogate pairs above U+FFFF) and '/'
// becomes "\/". Both only ever occur inside strings of encoding/json output, so
// the result is equivalent JSON whose raw bytes differ from a re-serialisation —
// exactly what catches a receiver that HMACs re-encoded JSON instead of raw bytes.
func metaEscape(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for i := 0; i < len(b); {
		c := b[i]
		if c == '/' {
			out = append(out, '\\', '/')
			i++
			continue
		}
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		i += size
		if r > 0xFFFF {
			r -= 0x10000
			out = fmt.Appendf(out, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		out = fmt.Appendf(out, `\u%04x`, r)
	}
	return out
}
