package reportsapi

import (
	"context"
	"net/http"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// agents answers GET /v1/reports/agents over the agents the caller may see.
func (a *API) agents(ctx context.Context, r *httpapi.Request) httpapi.Response {
	w, err := a.parseWindow(r)
	if err != nil {
		return a.fail(ctx, r, "agents report", err)
	}
	p := reports.AgentsParams{From: w.from, To: w.to, Timezone: r.Workspace.Timezone}
	requested, err := reports.ParseAgents(r.Query)
	if err == nil {
		p.GroupBy, err = reports.ParseGroupBy(r.Query)
	}
	if err == nil {
		p.BusinessHours, err = reports.ParseBusinessHours(r.Query)
	}
	if err == nil {
		p.Limit, err = reports.ParseLimit(r.Query)
	}
	if err != nil {
		return a.fail(ctx, r, "agents report", err)
	}
	agents, visible, err := a.scope(ctx, r, requested)
	if err != nil {
		return a.fail(ctx, r, "agents report: list agents", err)
	}
	p.Visible = visible
	var sum *reports.DaySummary
	if !nothingVisible(visible) {
		days, _, err := a.Src.DaySummaries(ctx, r.Workspace, w.cal, w.from, w.to)
		if err != nil {
			return a.fail(ctx, r, "agents report: day summaries", err)
		}
		sum = reports.MergeRange(days, w.from, w.to)
	}
	return httpapi.JSON(http.StatusOK, reports.Agents(sum, agents, p))
}

// customers answers GET /v1/reports/customers.
func (a *API) customers(ctx context.Context, r *httpapi.Request) httpapi.Response {
	w, err := a.parseWindow(r)
	if err != nil {
		return a.fail(ctx, r, "customers report", err)
	}
	g, err := reports.ParseGranularity(r.Query)
	if err != nil {
		return a.fail(ctx, r, "customers report", err)
	}
	monthStart := reports.MonthStart(w.to)
	lo := w.from
	if monthStart.Before(lo) {
		lo = monthStart
	}
	days, _, err := a.Src.DaySummaries(ctx, r.Workspace, w.cal, lo, w.to)
	if err != nil {
		return a.fail(ctx, r, "customers report: day summaries", err)
	}
	rep := reports.Customers(
		reports.MergeRange(days, w.from, w.to),
		reports.MergeRange(days, monthStart, w.to),
		reports.Series(days, w.from, w.to, g),
	)
	return httpapi.JSON(http.StatusOK, rep)
}

// csat answers GET /v1/reports/csat over the surveys attributed to agents the caller may see.
func (a *API) csat(ctx context.Context, r *httpapi.Request) httpapi.Response {
	w, err := a.parseWindow(r)
	if err != nil {
		return a.fail(ctx, r, "csat report", err)
	}
	requested, err := reports.ParseAgents(r.Query)
	var limit int
	if err == nil {
		limit, err = reports.ParseLimit(r.Query)
	}
	if err != nil {
		return a.fail(ctx, r, "csat report", err)
	}
	agents, visible, err := a.scope(ctx, r, requested)
	if err != nil {
		return a.fail(ctx, r, "csat report: list agents", err)
	}
	if nothingVisible(visible) {
		return httpapi.JSON(http.StatusOK, reports.CSAT(nil, reports.CSATParams{Visible: visible}, nil, ""))
	}
	days, _, err := a.Src.DaySummaries(ctx, r.Workspace, w.cal, w.from, w.to)
	if err != nil {
		return a.fail(ctx, r, "csat report: day summaries", err)
	}
	page := store.Page{Start: w.start, End: w.end, Limit: limit, Cursor: r.Query.Get("cursor")}
	facts, next, err := a.Src.SurveyPage(ctx, r.Workspace.ID, page, visible)
	if err != nil {
		return a.fail(ctx, r, "csat report: survey page", err)
	}
	rep := reports.CSAT(reports.MergeRange(days, w.from, w.to), reports.CSATParams{Visible: visible},
		reports.CSATItems(facts, agents), next)
	return httpapi.JSON(http.StatusOK, rep)
}

// overview answers GET /v1/reports/overview, with the equally long previous window.
func (a *API) overview(ctx context.Context, r *httpapi.Request) httpapi.Response {
	w, err := a.parseWindow(r)
	if err != nil {
		return a.fail(ctx, r, "overview report", err)
	}
	g, err := reports.ParseGranularity(r.Query)
	var requested []string
	if err == nil {
		requested, err = reports.ParseAgents(r.Query)
	}
	if err != nil {
		return a.fail(ctx, r, "overview report", err)
	}
	agents, err := a.Src.ListAgents(ctx, r.Workspace.ID)
	if err != nil {
		return a.fail(ctx, r, "overview report: list agents", err)
	}
	pfrom, pto := reports.PreviousRange(w.from, w.to)
	days, _, err := a.Src.DaySummaries(ctx, r.Workspace, w.cal, pfrom, w.to)
	if err != nil {
		return a.fail(ctx, r, "overview report: day summaries", err)
	}
	rep := reports.Overview(
		reports.MergeRange(days, w.from, w.to),
		reports.MergeRange(days, pfrom, pto),
		reports.Series(days, w.from, w.to, g),
		agents,
		reports.OverviewParams{Agents: requested},
	)
	return httpapi.JSON(http.StatusOK, rep)
}

// live answers GET /v1/reports/live.
func (a *API) live(ctx context.Context, r *httpapi.Request) httpapi.Response {
	cal, err := calendar.New(r.Workspace.Timezone, r.Workspace.BusinessHours)
	if err != nil {
		return a.fail(ctx, r, "live report: calendar", err)
	}
	in, err := a.Src.LiveInput(ctx, r.Workspace, cal.Location(), a.now())
	if err != nil {
		return a.fail(ctx, r, "live report", err)
	}
	return httpapi.JSON(http.StatusOK, reports.Live(in))
}
