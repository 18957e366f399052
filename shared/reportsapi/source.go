package reportsapi

import (
	"context"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// Source is the part of the store the report routes read. *store.Store satisfies it.
type Source interface {
	// ListAgents returns every agent of the workspace, each with its latest access.
	ListAgents(ctx context.Context, workspaceID string) ([]domain.Agent, error)
	// DaySummaries returns the summary of every local day in from..to.
	DaySummaries(ctx context.Context, ws domain.Workspace, cal *calendar.Calendar, from, to calendar.Date) (map[calendar.Date]*reports.DaySummary, store.SummarySource, error)
	// SurveyPage pages through the surveys requested in the range, newest first,
	// attributed to one of agents (nil = all).
	SurveyPage(ctx context.Context, workspaceID string, p store.Page, agents []string) ([]reports.SurveyFact, string, error)
	// AccessLog pages through logins and logouts, newest first (agents nil = all).
	AccessLog(ctx context.Context, workspaceID string, p store.Page, agents []string) ([]domain.Access, string, error)
	// MessageLog pages through messages, newest first (direction "" = both), with customer names.
	MessageLog(ctx context.Context, workspaceID string, p store.Page, direction string) ([]domain.Message, map[string]string, string, error)
	// LiveInput reads what the live report needs at now.
	LiveInput(ctx context.Context, ws domain.Workspace, loc *time.Location, now time.Time) (reports.LiveInput, error)
}

var _ Source = (*store.Store)(nil)
