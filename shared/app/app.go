// Package app wires the adapters (DynamoDB store, S3) to the HTTP handler. The
// Lambda entry points and the local server build the very same handler here.
package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// Options are what the handler needs from its environment.
type Options struct {
	// DB is the DynamoDB client (wrap it in store.Metered to measure capacity).
	DB store.DB
	// Table is the DynamoDB table name.
	Table string
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Clock defaults to time.Now.
	Clock func() time.Time
	// Extra routes (reports, exports) registered after the built-in ones.
	Extra []httpapi.Route
}

// NewStore returns the DynamoDB store of the options.
func NewStore(o Options) *store.Store { return store.New(o.DB, o.Table) }

// NewHandler returns the HTTP handler that both Lambdas and the local server run.
func NewHandler(o Options, st *store.Store) *httpapi.Handler {
	return httpapi.New(httpapi.Deps{
		Workspaces: st,
		Ingester:   st,
		Tickets:    tickets{st},
		Agents:     st,
		Clock:      httpapi.Clock(o.Clock),
		Logger:     o.Logger,
		Extra:      o.Extra,
	})
}

// tickets adapts the store's ticket queries to the handler's interface.
type tickets struct{ st *store.Store }

func (t tickets) ListTickets(ctx context.Context, ws string, q httpapi.TicketQuery) ([]domain.Ticket, string, error) {
	return t.st.ListTickets(ctx, ws, store.TicketQuery(q))
}

func (t tickets) GetTicket(ctx context.Context, ws, id string) (domain.Ticket, []domain.Message, error) {
	return t.st.GetTicket(ctx, ws, id)
}
