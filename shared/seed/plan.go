package seed

import (
	"time"
)

// Defaults applied by Generate to zero Config fields.
const (
	DefaultDays      = 30
	DefaultCustomers = 300
	DefaultTimezone  = "Asia/Jakarta"
)

// Config tunes Generate. Zero fields take the defaults above; a zero Now means
// time.Now() (and so a plan that is only reproducible with an explicit Now).
type Config struct {
	// Seed makes the plan reproducible: the same Config gives byte-identical bodies.
	Seed int64
	// Days of traffic ending at Now (default 30).
	Days int
	// Now is the end of the traffic window; no event is later than Now − 1 minute.
	Now time.Time
	// Timezone is the workspace's IANA zone; daily peaks follow its local clock (default Asia/Jakarta).
	Timezone string
	// Customers is the number of distinct customers (default 300); sessions ≈ 5/3 × Customers.
	Customers int
}

// RequestKind says which webhook a Request goes to.
type RequestKind string

// Request kinds.
const (
	KindWhatsApp RequestKind = "whatsapp" // POST /webhooks/whatsapp/{ws}
	KindEvents   RequestKind = "events"   // POST /webhooks/events/{ws}
)

// Request is one webhook delivery of a Plan.
type Request struct {
	Kind RequestKind
	// Body is the exact raw JSON body; signatures are computed over it at send time.
	Body []byte
	// At is the occurred-at time used for ordering (the earliest item of the request).
	At time.Time
	// Events is the number of helpdesk events or WhatsApp updates (messages + statuses) in Body.
	Events int
	// Duplicate is true for a deliberate exact re-delivery of an earlier request's body.
	Duplicate bool
}

// Agent is a helpdesk user of the plan.
type Agent struct {
	ID           string
	Name         string
	Role         string // admin | supervisor | agent
	SupervisorID string
	Team         string
}

// Customer is a contact of the plan.
type Customer struct {
	// ID is the WhatsApp id: the E.164 phone without '+'.
	ID      string
	Name    string
	Phone   string // E.164
	Country string // ISO 3166-1 alpha-2
}

// Stats summarises what a Plan carries (only what survived the Now − 1 minute cutoff).
type Stats struct {
	Sessions          int // sessions started (first inbound message kept)
	BotOnlySessions   int // sessions that never got an assignment by design
	Tickets           int // sessions with at least one conversation.assigned
	Reassigned        int // tickets with two assignments to different agents
	EarlyReplies      int // agent replies sent before the session's first assignment
	Resolved          int // conversation.resolved events
	CSATRequested     int
	CSATResponded     int // csat.responded events (second answers included)
	CSATAnsweredTwice int
	Broadcasts        int // broadcast messages (one per recipient)
	BroadcastReplies  int // sessions opened by a reply to a broadcast
	Calls             int
	InboundMessages   int // WhatsApp inbound messages
	OutboundMessages  int // message.created outbound
	Statuses          int // WhatsApp statuses
	Logins            int
	Logouts           int
	Duplicates        int // duplicated requests
}

// Plan is everything Generate produced: the requests in send order and a summary.
type Plan struct {
	Requests []Request
	// Setup is how many leading requests (the agent.upserted batch) Send delivers before any other.
	Setup     int
	Agents    []Agent
	Customers []Customer
	Stats     Stats
	// Start and End bound the traffic window (End = Now − 1 minute).
	Start, End time.Time
}

// EventCount is the total number of helpdesk events and WhatsApp updates in the plan.
func (p *Plan) EventCount() int {
	n := 0
	for _, r := range p.Requests {
		n += r.Events
	}
	return n
}
