package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/inboxmetrics/inbox-metrics/shared/auth"
	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// maxQueryLen is the longest customer-name search.
const maxQueryLen = 200

var ticketStatuses = map[string]bool{domain.StatusOpen: true, domain.StatusAnswered: true, domain.StatusResolved: true}

// ticketPage is the GET /v1/tickets response.
type ticketPage struct {
	Items      []ticketView `json:"items"`
	NextCursor *string      `json:"next_cursor"`
}

// listTickets answers one page of the tickets the caller may see.
func (h *Handler) listTickets(ctx context.Context, r *Request) Response {
	if h.deps.Tickets == nil || h.deps.Agents == nil {
		return Internal()
	}
	q, err := h.ticketQuery(r)
	if err != nil {
		if resp, ok := ParamProblem(err); ok {
			return resp
		}
		h.log.ErrorContext(ctx, "ticket query", "workspace_id", r.Workspace.ID, "err", err)
		return Internal()
	}
	agents, err := h.deps.Agents.ListAgents(ctx, r.Workspace.ID)
	if err != nil {
		h.log.ErrorContext(ctx, "list agents", "workspace_id", r.Workspace.ID, "err", err)
		return Internal()
	}
	all, visible := auth.Visible(r.Claims, agents)
	q.AgentIDs = auth.Restrict(all, visible, ParseList(r.Query, "agent"))
	page := ticketPage{Items: []ticketView{}}
	if q.AgentIDs != nil && len(q.AgentIDs) == 0 {
		return JSON(http.StatusOK, page)
	}
	items, next, err := h.deps.Tickets.ListTickets(ctx, r.Workspace.ID, q)
	if errors.Is(err, domain.ErrBadCursor) {
		return BadParam("cursor", "cursor is not valid for this query")
	}
	if err != nil {
		h.log.ErrorContext(ctx, "list tickets", "workspace_id", r.Workspace.ID, "err", err)
		return Internal()
	}
	names := agentNames(agents)
	for _, t := range items {
		if auth.CanSee(all, visible, t.AgentID) { // defence in depth: never show another agent's ticket
			page.Items = append(page.Items, viewTicket(t, names))
		}
	}
	page.NextCursor = strPtr(next)
	return JSON(http.StatusOK, page)
}

// ticketQuery parses the query parameters of GET /v1/tickets (AgentIDs excluded).
func (h *Handler) ticketQuery(r *Request) (TicketQuery, error) {
	var q TicketQuery
	for _, s := range ParseList(r.Query, "status") {
		if !ticketStatuses[s] {
			return q, &ParamError{Param: "status", Detail: fmt.Sprintf("unknown status %q (open, answered, resolved)", s)}
		}
		q.Statuses = append(q.Statuses, s)
	}
	cal, err := calendar.New(r.Workspace.Timezone, nil)
	if err != nil {
		return q, fmt.Errorf("workspace calendar: %w", err)
	}
	from, to, err := reports.ParseRange(r.Query, cal, h.now())
	if err != nil {
		return q, err
	}
	q.From, q.To = cal.Bounds(from, to)
	q.Query = strings.ToLower(strings.TrimSpace(r.Query.Get("q")))
	if len([]rune(q.Query)) > maxQueryLen {
		return q, &ParamError{Param: "q", Detail: fmt.Sprintf("q must be at most %d characters", maxQueryLen)}
	}
	if q.Limit, err = reports.ParseLimit(r.Query); err != nil {
		return q, err
	}
	q.Cursor = r.Query.Get("cursor")
	return q, nil
}

// getTicket answers one ticket with its transcript; 404 when missing or not visible.
func (h *Handler) getTicket(ctx context.Context, r *Request) Response {
	if h.deps.Tickets == nil || h.deps.Agents == nil {
		return Internal()
	}
	notFound := Error(http.StatusNotFound, "ticket not found")
	t, msgs, err := h.deps.Tickets.GetTicket(ctx, r.Workspace.ID, r.Param("ticket_id"))
	if errors.Is(err, domain.ErrNotFound) {
		return notFound
	}
	if err != nil {
		h.log.ErrorContext(ctx, "get ticket", "workspace_id", r.Workspace.ID, "err", err)
		return Internal()
	}
	agents, err := h.deps.Agents.ListAgents(ctx, r.Workspace.ID)
	if err != nil {
		h.log.ErrorContext(ctx, "list agents", "workspace_id", r.Workspace.ID, "err", err)
		return Internal()
	}
	if all, visible := auth.Visible(r.Claims, agents); !auth.CanSee(all, visible, t.AgentID) {
		return notFound
	}
	return JSON(http.StatusOK, viewTicketDetail(t, msgs, agentNames(agents)))
}
