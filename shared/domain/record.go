package domain

import "time"

// RecordKind names what an ingest Record carries.
type RecordKind string

// Record kinds, one per fact the ingest can store.
const (
	KindMessage        RecordKind = "message"         // WhatsApp inbound message or helpdesk message.created
	KindStatus         RecordKind = "status"          // WhatsApp delivery status of an outbound message
	KindAssignment     RecordKind = "assignment"      // conversation.assigned
	KindResolve        RecordKind = "resolve"         // conversation.resolved
	KindLabeling       RecordKind = "labeling"        // conversation.labeled
	KindSurveyRequest  RecordKind = "survey_request"  // csat.requested
	KindSurveyResponse RecordKind = "survey_response" // csat.responded
	KindCall           RecordKind = "call"            // call.ended
	KindProfile        RecordKind = "profile"         // customer.upserted
	KindAgent          RecordKind = "agent"           // agent.upserted
	KindAccess         RecordKind = "access"          // agent.login / agent.logout
)

// StatusUpdate is one WhatsApp delivery status of an outbound message.
type StatusUpdate struct {
	MessageID  string    `json:"message_id"`
	CustomerID string    `json:"customer_id"` // recipient_id (or recipient_user_id when absent)
	Status     string    `json:"status"`      // sent | delivered | read | failed | anything else (kept, never ranked)
	At         time.Time `json:"at"`
}

// SurveyResponse is one csat.responded event.
type SurveyResponse struct {
	EventID string    `json:"event_id"`
	CSATID  string    `json:"csat_id"`
	Rating  int       `json:"rating"`
	Comment string    `json:"comment,omitempty"`
	At      time.Time `json:"at"`
}

// Record is one normalized, validated ingest fact ready to be stored. Exactly one
// of the pointer fields is set, matching Kind.
type Record struct {
	Kind RecordKind `json:"kind"`
	// EventID is the idempotency key: the helpdesk event id, or for WhatsApp the
	// message id (messages) or "<message id>:<status>" (statuses).
	EventID string `json:"event_id"`
	// Source is "whatsapp" or "helpdesk".
	Source string `json:"source"`
	// EventType is the helpdesk event type (e.g. "message.created") or the WhatsApp field ("messages").
	EventType string `json:"event_type"`
	// CustomerID is the customer the fact belongs to ("" for agent and access records and survey responses).
	CustomerID string `json:"customer_id,omitempty"`

	Message        *Message         `json:"message,omitempty"`
	Status         *StatusUpdate    `json:"status,omitempty"`
	Assignment     *Assignment      `json:"assignment,omitempty"`
	Resolve        *Resolve         `json:"resolve,omitempty"`
	Labeling       *Labeling        `json:"labeling,omitempty"`
	SurveyRequest  *Survey          `json:"survey_request,omitempty"`
	SurveyResponse *SurveyResponse  `json:"survey_response,omitempty"`
	Call           *Call            `json:"call,omitempty"`
	Profile        *CustomerProfile `json:"profile,omitempty"`
	Agent          *Agent           `json:"agent,omitempty"`
	Access         *Access          `json:"access,omitempty"`
}
