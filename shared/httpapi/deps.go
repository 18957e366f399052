package httpapi

import (
	"context"
	"log/slog"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// WorkspaceStore reads and writes workspace settings and secrets.
type WorkspaceStore interface {
	// PutWorkspace creates or updates settings; secrets is non-nil only when the workspace was created now.
	PutWorkspace(ctx context.Context, ws domain.Workspace) (stored domain.Workspace, secrets *domain.WorkspaceSecrets, err error)
	// GetWorkspace returns a workspace or domain.ErrNotFound.
	GetWorkspace(ctx context.Context, id string) (domain.Workspace, error)
	// GetSecrets returns a workspace's secrets or domain.ErrNotFound.
	GetSecrets(ctx context.Context, id string) (domain.WorkspaceSecrets, error)
}

// Ingester stores webhook records.
type Ingester interface {
	// Ingest stores validated records durably and idempotently; duplicates = records already stored.
	Ingest(ctx context.Context, ws domain.Workspace, recs []domain.Record) (accepted, duplicates int, err error)
}

// TicketStore lists and reads tickets.
type TicketStore interface {
	// ListTickets returns one page of tickets, newest opened_at first; nextCursor is "" on the last page.
	// A cursor it cannot use yields domain.ErrBadCursor.
	ListTickets(ctx context.Context, workspaceID string, q TicketQuery) (items []domain.Ticket, nextCursor string, err error)
	// GetTicket returns a ticket and its session's messages, or domain.ErrNotFound.
	GetTicket(ctx context.Context, workspaceID, ticketID string) (domain.Ticket, []domain.Message, error)
}

// AgentStore lists a workspace's agents.
type AgentStore interface {
	// ListAgents returns every agent of the workspace.
	ListAgents(ctx context.Context, workspaceID string) ([]domain.Agent, error)
}

// TicketQuery filters a ticket listing.
type TicketQuery struct {
	// Statuses keeps tickets whose status is one of these; empty = all.
	Statuses []string
	// From (inclusive) and To (exclusive) bound opened_at as UTC instants; zero = unbounded.
	From, To time.Time
	// AgentIDs: nil = all agents; else only tickets whose current agent is one of these.
	// The handler never passes a non-nil empty list (it answers an empty page itself).
	AgentIDs []string
	// Query is a lower-cased substring of the customer name; "" = no filter.
	Query string
	// Limit is the page size (1..500).
	Limit int
	// Cursor is the opaque cursor from a previous page; "" = first page.
	Cursor string
}

// Clock returns the current time.
type Clock func() time.Time

// Deps are what the handler calls. Stores left nil make their routes answer 500.
type Deps struct {
	Workspaces WorkspaceStore
	Ingester   Ingester
	Tickets    TicketStore
	Agents     AgentStore
	// Clock defaults to time.Now.
	Clock Clock
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Extra routes are registered after the built-in ones (reports, exports, ...).
	Extra []Route
}
