package reportsapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/auth"
	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// API holds what the report routes need.
type API struct {
	// Src is where the routes read.
	Src Source
	// Clock returns the current time; nil means time.Now.
	Clock func() time.Time
	// Logger logs store failures; nil means slog.Default().
	Logger *slog.Logger
}

// Routes returns the report and log routes over src, with the given clock (nil = time.Now).
func Routes(src Source, clock func() time.Time) []httpapi.Route {
	return (&API{Src: src, Clock: clock}).Routes()
}

// Routes returns the report and log routes with their roles.
func (a *API) Routes() []httpapi.Route {
	get := http.MethodGet
	return []httpapi.Route{
		{Method: get, Pattern: "/v1/reports/agents", Roles: httpapi.RolesStaff, Fn: a.agents},
		{Method: get, Pattern: "/v1/reports/customers", Roles: httpapi.RolesAdmin, Fn: a.customers},
		{Method: get, Pattern: "/v1/reports/csat", Roles: httpapi.RolesStaff, Fn: a.csat},
		{Method: get, Pattern: "/v1/reports/overview", Roles: httpapi.RolesAdmin, Fn: a.overview},
		{Method: get, Pattern: "/v1/reports/live", Roles: httpapi.RolesAdmin, Fn: a.live},
		{Method: get, Pattern: "/v1/logs/access", Roles: httpapi.RolesAdmin, Fn: a.accessLog},
		{Method: get, Pattern: "/v1/logs/messages", Roles: httpapi.RolesAdmin, Fn: a.messageLog},
	}
}

func (a *API) now() time.Time {
	if a.Clock == nil {
		return time.Now()
	}
	return a.Clock()
}

func (a *API) log() *slog.Logger {
	if a.Logger == nil {
		return slog.Default()
	}
	return a.Logger
}

// Page is the body of the paged log routes.
type Page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func newPage[T any](items []T, next string) Page[T] {
	p := Page[T]{Items: items}
	if p.Items == nil {
		p.Items = []T{}
	}
	if next != "" {
		p.NextCursor = &next
	}
	return p
}

// fail turns an error into a response: 400 for a bad parameter or cursor,
// else a logged 500.
func (a *API) fail(ctx context.Context, r *httpapi.Request, what string, err error) httpapi.Response {
	if resp, ok := httpapi.ParamProblem(err); ok {
		return resp
	}
	if errors.Is(err, domain.ErrBadCursor) {
		return httpapi.BadParam("cursor", "cursor is not valid for this query")
	}
	a.log().ErrorContext(ctx, what, "workspace_id", r.Workspace.ID, "path", r.Path, "err", err)
	return httpapi.Internal()
}

// window is the parsed from/to of a request and the workspace's calendar.
type window struct {
	cal      *calendar.Calendar
	from, to calendar.Date
	// start and end are the UTC instants [start, end) of from..to.
	start, end time.Time
}

// parseWindow builds the workspace's calendar and reads from/to.
func (a *API) parseWindow(r *httpapi.Request) (window, error) {
	cal, err := calendar.New(r.Workspace.Timezone, r.Workspace.BusinessHours)
	if err != nil {
		return window{}, err
	}
	from, to, err := reports.ParseRange(r.Query, cal, a.now())
	if err != nil {
		return window{}, err
	}
	start, end := cal.Bounds(from, to)
	return window{cal: cal, from: from, to: to, start: start, end: end}, nil
}

// scope returns the workspace's agents and the agent ids the caller may see,
// narrowed by the agent parameter: nil = every agent (admin, no filter).
func (a *API) scope(ctx context.Context, r *httpapi.Request, requested []string) ([]domain.Agent, []string, error) {
	agents, err := a.Src.ListAgents(ctx, r.Workspace.ID)
	if err != nil {
		return nil, nil, err
	}
	all, ids := auth.Visible(r.Claims, agents)
	return agents, auth.Restrict(all, ids, requested), nil
}

// nothingVisible reports whether a scope leaves no agent at all.
func nothingVisible(visible []string) bool { return visible != nil && len(visible) == 0 }
