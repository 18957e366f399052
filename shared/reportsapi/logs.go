package reportsapi

import (
	"context"
	"fmt"
	"net/http"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// logPage reads the from/to/limit/cursor parameters shared by the log routes.
func (a *API) logPage(r *httpapi.Request) (store.Page, error) {
	w, err := a.parseWindow(r)
	if err != nil {
		return store.Page{}, err
	}
	limit, err := reports.ParseLimit(r.Query)
	if err != nil {
		return store.Page{}, err
	}
	return store.Page{Start: w.start, End: w.end, Limit: limit, Cursor: r.Query.Get("cursor")}, nil
}

// accessLog answers GET /v1/logs/access: logins and logouts, newest first.
func (a *API) accessLog(ctx context.Context, r *httpapi.Request) httpapi.Response {
	page, err := a.logPage(r)
	var requested []string
	if err == nil {
		requested, err = reports.ParseAgents(r.Query)
	}
	if err != nil {
		return a.fail(ctx, r, "access log", err)
	}
	events, next, err := a.Src.AccessLog(ctx, r.Workspace.ID, page, requested)
	if err != nil {
		return a.fail(ctx, r, "access log", err)
	}
	agents, err := a.Src.ListAgents(ctx, r.Workspace.ID)
	if err != nil {
		return a.fail(ctx, r, "access log: list agents", err)
	}
	return httpapi.JSON(http.StatusOK, newPage(reports.AccessItems(events, agents), next))
}

// messageLog answers GET /v1/logs/messages: messages, newest first.
func (a *API) messageLog(ctx context.Context, r *httpapi.Request) httpapi.Response {
	page, err := a.logPage(r)
	if err != nil {
		return a.fail(ctx, r, "message log", err)
	}
	direction := r.Query.Get("direction")
	switch domain.Direction(direction) {
	case "", domain.Inbound, domain.Outbound:
	default:
		return httpapi.BadParam("direction", fmt.Sprintf("want inbound or outbound, got %q", direction))
	}
	msgs, names, next, err := a.Src.MessageLog(ctx, r.Workspace.ID, page, direction)
	if err != nil {
		return a.fail(ctx, r, "message log", err)
	}
	return httpapi.JSON(http.StatusOK, newPage(reports.MessageItems(msgs, names), next))
}
