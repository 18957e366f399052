package reports

import (
	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// TicketFact is a ticket with the dense customer number the store assigned to its customer.
type TicketFact struct {
	Ticket     domain.Ticket
	CustomerNo uint32
}

// SessionFact is a session (ticket or bot-only) with its customer's number and country.
type SessionFact struct {
	Session    domain.Session
	CustomerNo uint32
	Country    string
}

// MessageFact is a message with its customer's number and country ("" = unknown).
type MessageFact struct {
	Message    domain.Message
	CustomerNo uint32
	Country    string
}

// SurveyFact is a CSAT survey with its ticket, customer name and attributed agent.
type SurveyFact struct {
	Survey       domain.Survey
	TicketID     string
	CustomerName string
	// AgentID is the attributed agent: the survey's agent, else the ticket's agent at request.
	AgentID    string
	CustomerNo uint32
}

// DayFacts are the raw facts of one local day of a workspace, as the store reads them.
type DayFacts struct {
	Day calendar.Date
	// SessionsOpened are the sessions whose OpenedAt is this local day.
	SessionsOpened []SessionFact
	// TicketsOpened are the tickets whose OpenedAt is this day.
	TicketsOpened []TicketFact
	// FirstResponses are the tickets whose FirstResponseAt is this day.
	FirstResponses []TicketFact
	// Resolved are the tickets whose ResolvedAt is this day.
	Resolved []TicketFact
	// Messages are the messages whose time is this day.
	Messages []MessageFact
	// SurveysRequested are the surveys requested this day.
	SurveysRequested []SurveyFact
	// SurveysResponded are the surveys whose (surviving) response is this day.
	SurveysResponded []SurveyFact
	// Calls are the calls that ended this day.
	Calls []domain.Call
	// FirstInbound are the customers whose first-ever inbound message is this day.
	FirstInbound []uint32
}
