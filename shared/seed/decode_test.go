package seed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// The test side decodes request bodies with its own, independent structs, so a wire-format slip in
// the generator shows up as a failing assertion rather than being mirrored.

type tEvent struct {
	ID         string         `json:"id"`
	Type       string         `json:"type"`
	OccurredAt string         `json:"occurred_at"`
	Agent      *tAgent        `json:"agent"`
	Customer   *tCustomer     `json:"customer"`
	Message    *tMessage      `json:"message"`
	AgentID    string         `json:"agent_id"`
	UserAgent  string         `json:"user_agent"`
	IP         string         `json:"ip"`
	CSATID     string         `json:"csat_id"`
	CallID     string         `json:"call_id"`
	CustomerID string         `json:"customer_id"`
	ConvID     string         `json:"conversation_id"`
	Channel    string         `json:"channel"`
	Category   string         `json:"category"`
	Note       string         `json:"note"`
	Labels     []string       `json:"labels"`
	Rating     *json.Number   `json:"rating"`
	Comment    string         `json:"comment"`
	Direction  string         `json:"direction"`
	Status     string         `json:"status"`
	Duration   *json.Number   `json:"duration_seconds"`
	Raw        map[string]any `json:"-"`
	at         time.Time
}

type tAgent struct {
	ID, Name, Role string
	SupervisorID   string `json:"supervisor_id"`
	Team           string
}

type tCustomer struct {
	ID, Name, Phone, Channel string
}

type tMessage struct {
	ID         string `json:"id"`
	CustomerID string `json:"customer_id"`
	ConvID     string `json:"conversation_id"`
	Direction  string `json:"direction"`
	Sender     string `json:"sender"`
	AgentID    string `json:"agent_id"`
	Channel    string `json:"channel"`
	Type       string `json:"type"`
	Text       string `json:"text"`
}

type tWA struct {
	Object string `json:"object"`
	Entry  []struct {
		ID      string `json:"id"`
		Changes []struct {
			Field string `json:"field"`
			Value struct {
				MessagingProduct string `json:"messaging_product"`
				Metadata         struct {
					Display string `json:"display_phone_number"`
					PhoneID string `json:"phone_number_id"`
				} `json:"metadata"`
				Contacts []struct {
					Profile struct {
						Name string `json:"name"`
					} `json:"profile"`
					WaID string `json:"wa_id"`
				} `json:"contacts"`
				Messages []tWAMessage `json:"messages"`
				Statuses []tWAStatus  `json:"statuses"`
			} `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
}

type tWAMessage struct {
	From      string `json:"from"`
	ID        string `json:"id"`
	Timestamp string `json:"timestamp"`
	Type      string `json:"type"`
	Text      *struct {
		Body string `json:"body"`
	} `json:"text"`
	Image *struct {
		Caption string `json:"caption"`
		ID      string `json:"id"`
	} `json:"image"`
	Button *struct {
		Text string `json:"text"`
	} `json:"button"`
	Context *struct {
		ID string `json:"id"`
	} `json:"context"`
	at time.Time
}

type tWAStatus struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Timestamp   string `json:"timestamp"`
	RecipientID string `json:"recipient_id"`
	Errors      []struct {
		Code int `json:"code"`
	} `json:"errors"`
	at  time.Time
	req int // index of the request that carried it
}

// decoded is a whole plan decoded, skipping duplicate re-deliveries.
type decoded struct {
	events   []*tEvent
	messages []*tWAMessage
	statuses []*tWAStatus
}

func parseUnix(s string) (time.Time, error) {
	var n int64
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil || fmt.Sprint(n) != s {
		return time.Time{}, fmt.Errorf("timestamp %q is not a unix-seconds string", s)
	}
	return time.Unix(n, 0), nil
}

func decodeEvents(body []byte) ([]*tEvent, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var b struct {
		Events []*tEvent `json:"events"`
	}
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("decode events body: %w", err)
	}
	var raw struct {
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("decode raw events: %w", err)
	}
	for i, e := range b.Events {
		e.Raw = raw.Events[i]
		t, err := time.Parse(time.RFC3339, e.OccurredAt)
		if err != nil {
			return nil, fmt.Errorf("event %d occurred_at: %w", i, err)
		}
		e.at = t
	}
	return b.Events, nil
}

func decodePlan(t *testing.T, p *Plan) decoded {
	t.Helper()
	var d decoded
	for i, r := range p.Requests {
		if r.Duplicate {
			continue
		}
		switch r.Kind {
		case KindEvents:
			evs, err := decodeEvents(r.Body)
			if err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
			d.events = append(d.events, evs...)
		case KindWhatsApp:
			var w tWA
			if err := json.Unmarshal(r.Body, &w); err != nil {
				t.Fatalf("request %d: decode whatsapp: %v", i, err)
			}
			for _, e := range w.Entry {
				for _, c := range e.Changes {
					for k := range c.Value.Messages {
						m := &c.Value.Messages[k]
						at, err := parseUnix(m.Timestamp)
						if err != nil {
							t.Fatalf("request %d: %v", i, err)
						}
						m.at = at
						d.messages = append(d.messages, m)
					}
					for k := range c.Value.Statuses {
						s := &c.Value.Statuses[k]
						at, err := parseUnix(s.Timestamp)
						if err != nil {
							t.Fatalf("request %d: %v", i, err)
						}
						s.at, s.req = at, i
						d.statuses = append(d.statuses, s)
					}
				}
			}
		default:
			t.Fatalf("request %d: unknown kind %q", i, r.Kind)
		}
	}
	return d
}
