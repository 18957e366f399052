package domain

import "time"

// Role is an agent's role in the helpdesk, or "operator" for platform operators.
type Role string

// Roles known to the product.
const (
	RoleAdmin      Role = "admin"
	RoleSupervisor Role = "supervisor"
	RoleAgent      Role = "agent"
	RoleOperator   Role = "operator"
)

// Direction of a message relative to the business.
type Direction string

// Message directions.
const (
	Inbound  Direction = "inbound"
	Outbound Direction = "outbound"
)

// Sender says who wrote a message.
type Sender string

// Message senders.
const (
	SenderCustomer  Sender = "customer"
	SenderAgent     Sender = "agent"
	SenderBot       Sender = "bot"
	SenderBroadcast Sender = "broadcast"
	SenderWorkflow  Sender = "workflow"
	SenderAPI       Sender = "api"
)

// Message is one message of a customer's timeline, merged from the WhatsApp
// webhook and the helpdesk's message.created event (same ID = same message).
type Message struct {
	ID             string    `json:"message_id"`
	CustomerID     string    `json:"customer_id"`
	ConversationID string    `json:"conversation_id,omitempty"`
	Direction      Direction `json:"direction"`
	Sender         Sender    `json:"sender"`
	AgentID        string    `json:"agent_id,omitempty"`
	Channel        string    `json:"channel"`
	Type           string    `json:"type,omitempty"`
	Text           string    `json:"text,omitempty"`
	At             time.Time `json:"at"`
	// ProfileName is the customer's name as the channel reported it (WhatsApp contacts[].profile.name).
	ProfileName string `json:"profile_name,omitempty"`
	// Status is the delivery status of an outbound message: sent, delivered, read or failed ("" if none yet).
	Status   string    `json:"status,omitempty"`
	StatusAt time.Time `json:"status_at,omitzero"`
}

// Assignment is a conversation.assigned event.
type Assignment struct {
	EventID        string    `json:"event_id"`
	AgentID        string    `json:"agent_id"`
	ConversationID string    `json:"conversation_id,omitempty"`
	Channel        string    `json:"channel,omitempty"`
	At             time.Time `json:"at"`
}

// Resolve is a conversation.resolved event.
type Resolve struct {
	EventID        string    `json:"event_id"`
	AgentID        string    `json:"agent_id,omitempty"`
	ConversationID string    `json:"conversation_id,omitempty"`
	Category       string    `json:"category,omitempty"`
	Note           string    `json:"note,omitempty"`
	At             time.Time `json:"at"`
}

// Labeling is a conversation.labeled event: the full current label set.
type Labeling struct {
	EventID string    `json:"event_id"`
	Labels  []string  `json:"labels"`
	At      time.Time `json:"at"`
}

// Survey is one CSAT survey: its request and, once answered, its (latest) response.
type Survey struct {
	CSATID      string    `json:"csat_id"`
	CustomerID  string    `json:"customer_id"`
	AgentID     string    `json:"agent_id,omitempty"`
	RequestedAt time.Time `json:"requested_at,omitzero"`
	// Responded is true once a csat.responded event was stored for the survey.
	Responded   bool      `json:"responded,omitempty"`
	RespondedAt time.Time `json:"responded_at,omitzero"`
	Rating      int       `json:"rating,omitempty"`
	Comment     string    `json:"comment,omitempty"`
	// ResponseEventID is the id of the response that won (latest occurred_at, then greatest event id).
	ResponseEventID string `json:"response_event_id,omitempty"`
}

// Call is a call.ended event.
type Call struct {
	EventID         string    `json:"event_id"`
	CallID          string    `json:"call_id"`
	CustomerID      string    `json:"customer_id"`
	AgentID         string    `json:"agent_id,omitempty"`
	Direction       Direction `json:"direction"`
	Status          string    `json:"status"` // answered | missed
	DurationSeconds float64   `json:"duration_seconds"`
	At              time.Time `json:"at"`
}

// CustomerProfile is the latest customer.upserted event of a customer.
type CustomerProfile struct {
	EventID string    `json:"event_id"`
	Name    string    `json:"name,omitempty"`
	Phone   string    `json:"phone,omitempty"`
	Channel string    `json:"channel,omitempty"`
	At      time.Time `json:"at"`
}

// Agent is a helpdesk user as last upserted.
type Agent struct {
	ID           string    `json:"agent_id"`
	Name         string    `json:"agent_name"`
	Role         Role      `json:"role"`
	SupervisorID string    `json:"supervisor_id,omitempty"`
	Team         string    `json:"team,omitempty"`
	UpdatedAt    time.Time `json:"updated_at"`
	// LastAccess is the latest login/logout of the agent (by event time), if any.
	LastAccess *Access `json:"last_access,omitempty"`
}

// Access is an agent.login or agent.logout event.
type Access struct {
	EventID   string    `json:"event_id"`
	AgentID   string    `json:"agent_id"`
	Activity  string    `json:"activity"` // login | logout
	UserAgent string    `json:"user_agent,omitempty"`
	IP        string    `json:"ip,omitempty"`
	At        time.Time `json:"at"`
}

// Timeline is everything stored about one customer: the input of Fold.
// The slices may be in any order and may contain exact duplicates.
type Timeline struct {
	CustomerID  string
	Profile     *CustomerProfile
	Messages    []Message
	Assignments []Assignment
	Resolves    []Resolve
	Labelings   []Labeling
	Surveys     []Survey
	Calls       []Call
}

// Ticket statuses.
const (
	StatusOpen     = "open"
	StatusAnswered = "answered"
	StatusResolved = "resolved"
)

// Session is one conversation of a customer, derived by Fold.
type Session struct {
	// ID is stable: a hash of the customer id and the key of the session's opening fact.
	ID         string    `json:"session_id"`
	CustomerID string    `json:"customer_id"`
	OpenedAt   time.Time `json:"opened_at"`
	// ClosedAt is the resolve time, or last message + 24h for an unassigned session; zero while open.
	ClosedAt time.Time `json:"closed_at,omitzero"`
	// New is true for the customer's first session ever.
	New     bool     `json:"new"`
	Channel string   `json:"channel,omitempty"`
	Labels  []string `json:"labels,omitempty"`
	// MessagesIn / MessagesOut count the session's messages.
	MessagesIn  int `json:"messages_in"`
	MessagesOut int `json:"messages_out"`
	// MessageIDs are the session's messages in time order (the transcript).
	MessageIDs []string `json:"message_ids,omitempty"`
	// Ticket is set when the session was assigned to an agent; nil for bot-only sessions.
	Ticket *Ticket `json:"ticket,omitempty"`
}

// AssignmentRef is one entry of a ticket's assignment history.
type AssignmentRef struct {
	AgentID string    `json:"agent_id"`
	At      time.Time `json:"at"`
}

// Ticket is an assigned session, with the figures of CONTRACT section 3.
type Ticket struct {
	ID                     string          `json:"ticket_id"`
	CustomerID             string          `json:"customer_id"`
	CustomerName           string          `json:"customer_name"`
	AgentID                string          `json:"agent_id"`
	OpeningAgentID         string          `json:"opening_agent_id"`
	Channel                string          `json:"channel"`
	Status                 string          `json:"status"`
	OpenedAt               time.Time       `json:"opened_at"`
	CustomerFirstMessageAt *time.Time      `json:"customer_first_message_at"`
	FirstResponseAt        *time.Time      `json:"first_response_at"`
	FirstResponseAgentID   string          `json:"first_response_agent_id,omitempty"`
	ResolvedAt             *time.Time      `json:"resolved_at"`
	ResolvedBy             string          `json:"resolved_by,omitempty"`
	FirstResponseSeconds   *float64        `json:"first_response_seconds"`
	ResolveSeconds         *float64        `json:"resolve_seconds"`
	CustomerWaitSeconds    *float64        `json:"customer_wait_seconds"`
	MessagesIn             int             `json:"messages_in"`
	MessagesOut            int             `json:"messages_out"`
	Labels                 []string        `json:"labels"`
	CSATID                 string          `json:"csat_id,omitempty"`
	CSATRating             *int            `json:"csat_rating"`
	Category               string          `json:"category,omitempty"`
	Note                   string          `json:"note,omitempty"`
	Assignments            []AssignmentRef `json:"assignments"`
}
