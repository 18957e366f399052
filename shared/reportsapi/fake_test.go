package reportsapi_test

import (
	"cmp"
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
	"github.com/inboxmetrics/inbox-metrics/shared/reportsapi"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// fakeSource serves the reports from in-memory facts and records what it was asked.
type fakeSource struct {
	mu       sync.Mutex
	agents   []domain.Agent
	facts    reports.Facts
	surveys  []reports.SurveyFact
	access   []domain.Access
	messages []domain.Message
	names    map[string]string
	live     reports.LiveInput

	sumCalls     [][2]calendar.Date
	surveyAgents [][]string
	accessAgents [][]string
	directions   []string
	liveCalls    []liveCall
}

type liveCall struct {
	loc string
	now time.Time
}

func (f *fakeSource) ListAgents(context.Context, string) ([]domain.Agent, error) {
	return slices.Clone(f.agents), nil
}

func (f *fakeSource) DaySummaries(_ context.Context, _ domain.Workspace, cal *calendar.Calendar, from, to calendar.Date) (map[calendar.Date]*reports.DaySummary, store.SummarySource, error) {
	f.mu.Lock()
	f.sumCalls = append(f.sumCalls, [2]calendar.Date{from, to})
	f.mu.Unlock()
	out := map[calendar.Date]*reports.DaySummary{}
	for d, s := range reports.SummarizeDays(cal, f.facts) {
		if !d.Before(from) && !d.After(to) {
			out[d] = s
		}
	}
	return out, store.SummarySource{Live: len(out)}, nil
}

// pageOf pages items (already newest first): the cursor is the offset.
func pageOf[T any](items []T, p store.Page) ([]T, string, error) {
	off := 0
	if p.Cursor != "" {
		n, err := strconv.Atoi(p.Cursor)
		if err != nil || n < 0 || n > len(items) {
			return nil, "", domain.ErrBadCursor
		}
		off = n
	}
	end := min(off+p.Limit, len(items))
	next := ""
	if end < len(items) {
		next = strconv.Itoa(end)
	}
	return items[off:end], next, nil
}

func inRange(t time.Time, p store.Page) bool { return !t.Before(p.Start) && t.Before(p.End) }

func allowed(set []string, id string) bool { return set == nil || slices.Contains(set, id) }

func (f *fakeSource) SurveyPage(_ context.Context, _ string, p store.Page, agents []string) ([]reports.SurveyFact, string, error) {
	f.mu.Lock()
	f.surveyAgents = append(f.surveyAgents, agents)
	f.mu.Unlock()
	var keep []reports.SurveyFact
	for _, s := range f.surveys {
		if inRange(s.Survey.RequestedAt, p) && allowed(agents, s.AgentID) {
			keep = append(keep, s)
		}
	}
	slices.SortFunc(keep, func(a, b reports.SurveyFact) int { return b.Survey.RequestedAt.Compare(a.Survey.RequestedAt) })
	return pageOf(keep, p)
}

func (f *fakeSource) AccessLog(_ context.Context, _ string, p store.Page, agents []string) ([]domain.Access, string, error) {
	f.mu.Lock()
	f.accessAgents = append(f.accessAgents, agents)
	f.mu.Unlock()
	var keep []domain.Access
	for _, a := range f.access {
		if inRange(a.At, p) && allowed(agents, a.AgentID) {
			keep = append(keep, a)
		}
	}
	slices.SortFunc(keep, func(a, b domain.Access) int { return b.At.Compare(a.At) })
	return pageOf(keep, p)
}

func (f *fakeSource) MessageLog(_ context.Context, _ string, p store.Page, direction string) ([]domain.Message, map[string]string, string, error) {
	f.mu.Lock()
	f.directions = append(f.directions, direction)
	f.mu.Unlock()
	var keep []domain.Message
	for _, m := range f.messages {
		if inRange(m.At, p) && (direction == "" || string(m.Direction) == direction) {
			keep = append(keep, m)
		}
	}
	slices.SortFunc(keep, func(a, b domain.Message) int { return cmp.Or(b.At.Compare(a.At), cmp.Compare(b.ID, a.ID)) })
	items, next, err := pageOf(keep, p)
	return items, f.names, next, err
}

func (f *fakeSource) LiveInput(_ context.Context, _ domain.Workspace, loc *time.Location, now time.Time) (reports.LiveInput, error) {
	f.mu.Lock()
	f.liveCalls = append(f.liveCalls, liveCall{loc.String(), now})
	f.mu.Unlock()
	in := f.live
	in.Now = now
	return in, nil
}

// fakeWorkspaces is the workspace store the router loads the caller's workspace from.
type fakeWorkspaces struct{ ws domain.Workspace }

func (w fakeWorkspaces) PutWorkspace(context.Context, domain.Workspace) (domain.Workspace, *domain.WorkspaceSecrets, error) {
	return w.ws, nil, nil
}

func (w fakeWorkspaces) GetWorkspace(_ context.Context, id string) (domain.Workspace, error) {
	if id != w.ws.ID {
		return domain.Workspace{}, domain.ErrNotFound
	}
	return w.ws, nil
}

func (w fakeWorkspaces) GetSecrets(context.Context, string) (domain.WorkspaceSecrets, error) {
	return domain.WorkspaceSecrets{}, nil
}

// get calls a route through the real handler as the given agent and role
// ("" role = no claims) and returns the status and decoded JSON body.
func get(t *testing.T, h *httpapi.Handler, role domain.Role, sub, path string, query url.Values) (int, map[string]any) {
	t.Helper()
	req := events.APIGatewayV2HTTPRequest{RawPath: path, RawQueryString: query.Encode()}
	req.RequestContext.HTTP.Method = "GET"
	req.RequestContext.HTTP.Path = path
	if role != "" {
		req.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{
				Claims: map[string]string{"sub": sub, "workspace_id": "acme", "role": string(role)},
			},
		}
	}
	resp, err := h.Handle(context.Background(), req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(resp.Body), &body); err != nil {
		t.Fatalf("GET %s?%s: body is not a JSON object: %v: %s", path, query.Encode(), err, resp.Body)
	}
	return resp.StatusCode, body
}

// newHandler builds the real handler with the report routes over src.
func newHandler(src reportsapi.Source, ws domain.Workspace, now time.Time) *httpapi.Handler {
	clock := func() time.Time { return now }
	return httpapi.New(httpapi.Deps{
		Workspaces: fakeWorkspaces{ws},
		Clock:      clock,
		Extra:      reportsapi.Routes(src, clock),
	})
}
