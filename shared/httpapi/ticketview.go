package httpapi

import (
	"sort"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// ticketView is a ticket as the API shows it: every field of CONTRACT 3/4, UTC
// times, null for anything missing.
type ticketView struct {
	TicketID               string           `json:"ticket_id"`
	CustomerID             string           `json:"customer_id"`
	CustomerName           *string          `json:"customer_name"`
	AgentID                string           `json:"agent_id"`
	AgentName              *string          `json:"agent_name"`
	Channel                *string          `json:"channel"`
	Status                 string           `json:"status"`
	OpenedAt               *time.Time       `json:"opened_at"`
	CustomerFirstMessageAt *time.Time       `json:"customer_first_message_at"`
	FirstResponseAt        *time.Time       `json:"first_response_at"`
	FirstResponseAgentID   *string          `json:"first_response_agent_id"`
	ResolvedAt             *time.Time       `json:"resolved_at"`
	ResolvedBy             *string          `json:"resolved_by"`
	FirstResponseSeconds   *float64         `json:"first_response_seconds"`
	ResolveSeconds         *float64         `json:"resolve_seconds"`
	CustomerWaitSeconds    *float64         `json:"customer_wait_seconds"`
	MessagesIn             int              `json:"messages_in"`
	MessagesOut            int              `json:"messages_out"`
	Labels                 []string         `json:"labels"`
	CSATRating             *int             `json:"csat_rating"`
	Category               *string          `json:"category"`
	Note                   *string          `json:"note"`
	Assignments            []assignmentView `json:"assignments"`
}

type assignmentView struct {
	AgentID string    `json:"agent_id"`
	At      time.Time `json:"at"`
}

// ticketDetailView is GET /v1/tickets/{id}: the ticket plus its transcript.
type ticketDetailView struct {
	ticketView
	Messages []messageView `json:"messages"`
}

type messageView struct {
	MessageID string     `json:"message_id"`
	At        *time.Time `json:"at"`
	Direction string     `json:"direction"`
	Sender    string     `json:"sender"`
	AgentID   *string    `json:"agent_id"`
	Type      *string    `json:"type"`
	Text      *string    `json:"text"`
	Status    *string    `json:"status"`
}

// agentNames maps agent id to name.
func agentNames(agents []domain.Agent) map[string]string {
	m := make(map[string]string, len(agents))
	for _, a := range agents {
		m[a.ID] = a.Name
	}
	return m
}

func viewTicket(t domain.Ticket, names map[string]string) ticketView {
	v := ticketView{
		TicketID:               t.ID,
		CustomerID:             t.CustomerID,
		CustomerName:           strPtr(t.CustomerName),
		AgentID:                t.AgentID,
		AgentName:              strPtr(names[t.AgentID]),
		Channel:                strPtr(t.Channel),
		Status:                 t.Status,
		OpenedAt:               utcPtr(t.OpenedAt),
		CustomerFirstMessageAt: utcPtrP(t.CustomerFirstMessageAt),
		FirstResponseAt:        utcPtrP(t.FirstResponseAt),
		FirstResponseAgentID:   strPtr(t.FirstResponseAgentID),
		ResolvedAt:             utcPtrP(t.ResolvedAt),
		ResolvedBy:             strPtr(t.ResolvedBy),
		FirstResponseSeconds:   t.FirstResponseSeconds,
		ResolveSeconds:         t.ResolveSeconds,
		CustomerWaitSeconds:    t.CustomerWaitSeconds,
		MessagesIn:             t.MessagesIn,
		MessagesOut:            t.MessagesOut,
		Labels:                 t.Labels,
		CSATRating:             t.CSATRating,
		Category:               strPtr(t.Category),
		Note:                   strPtr(t.Note),
		Assignments:            make([]assignmentView, 0, len(t.Assignments)),
	}
	if v.Labels == nil {
		v.Labels = []string{}
	}
	for _, a := range t.Assignments {
		v.Assignments = append(v.Assignments, assignmentView{AgentID: a.AgentID, At: a.At.UTC()})
	}
	return v
}

func viewTicketDetail(t domain.Ticket, msgs []domain.Message, names map[string]string) ticketDetailView {
	sorted := make([]domain.Message, len(msgs))
	copy(sorted, msgs)
	sort.SliceStable(sorted, func(i, j int) bool {
		if !sorted[i].At.Equal(sorted[j].At) {
			return sorted[i].At.Before(sorted[j].At)
		}
		return sorted[i].ID < sorted[j].ID
	})
	out := ticketDetailView{ticketView: viewTicket(t, names), Messages: make([]messageView, 0, len(sorted))}
	for _, m := range sorted {
		out.Messages = append(out.Messages, messageView{
			MessageID: m.ID,
			At:        utcPtr(m.At),
			Direction: string(m.Direction),
			Sender:    string(m.Sender),
			AgentID:   strPtr(m.AgentID),
			Type:      strPtr(m.Type),
			Text:      strPtr(m.Text),
			Status:    strPtr(m.Status),
		})
	}
	return out
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func utcPtrP(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	return utcPtr(*t)
}
