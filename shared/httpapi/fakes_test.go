package httpapi

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// fixedNow is the test clock: 2025-06-15 20:00 UTC = 2025-06-16 03:00 in Asia/Jakarta.
var fixedNow = time.Date(2025, 6, 15, 20, 0, 0, 0, time.UTC)

// fake implements every store interface in memory.
type fake struct {
	mu          sync.Mutex
	workspaces  map[string]domain.Workspace
	secrets     map[string]domain.WorkspaceSecrets
	agents      []domain.Agent
	tickets     []domain.Ticket
	messages    map[string][]domain.Message
	nextCursor  string
	ingestErr   error
	storeErr    error
	panicOnList bool

	ingested    [][]domain.Record
	queries     []TicketQuery
	puts        []domain.Workspace
	listCalls   int
	dupsPerCall int
}

func (f *fake) PutWorkspace(_ context.Context, ws domain.Workspace) (domain.Workspace, *domain.WorkspaceSecrets, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.storeErr != nil {
		return domain.Workspace{}, nil, f.storeErr
	}
	f.puts = append(f.puts, ws)
	if old, ok := f.workspaces[ws.ID]; ok {
		ws.CreatedAt = old.CreatedAt
		f.workspaces[ws.ID] = ws
		return ws, nil, nil
	}
	s := domain.WorkspaceSecrets{EventsSecret: "new-ev", WhatsAppAppSecret: "new-app", WhatsAppVerifyToken: "new-vt"}
	f.workspaces[ws.ID], f.secrets[ws.ID] = ws, s
	return ws, &s, nil
}

func (f *fake) GetWorkspace(_ context.Context, id string) (domain.Workspace, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.storeErr != nil {
		return domain.Workspace{}, f.storeErr
	}
	ws, ok := f.workspaces[id]
	if !ok {
		return ws, domain.ErrNotFound
	}
	return ws, nil
}

func (f *fake) GetSecrets(_ context.Context, id string) (domain.WorkspaceSecrets, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.secrets[id]
	if !ok {
		return s, domain.ErrNotFound
	}
	return s, nil
}

func (f *fake) Ingest(_ context.Context, _ domain.Workspace, recs []domain.Record) (int, int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ingestErr != nil {
		return 0, 0, f.ingestErr
	}
	f.ingested = append(f.ingested, recs)
	return len(recs) - f.dupsPerCall, f.dupsPerCall, nil
}

func (f *fake) ListTickets(_ context.Context, _ string, q TicketQuery) ([]domain.Ticket, string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.listCalls++
	if f.panicOnList {
		panic("boom: secret internals")
	}
	if q.Cursor == "bad" {
		return nil, "", domain.ErrBadCursor
	}
	f.queries = append(f.queries, q)
	var out []domain.Ticket
	for _, t := range f.tickets {
		if q.AgentIDs == nil || slices.Contains(q.AgentIDs, t.AgentID) {
			out = append(out, t)
		}
	}
	return out, f.nextCursor, nil
}

func (f *fake) GetTicket(_ context.Context, _ string, id string) (domain.Ticket, []domain.Message, error) {
	for _, t := range f.tickets {
		if t.ID == id {
			return t, f.messages[id], nil
		}
	}
	return domain.Ticket{}, nil, domain.ErrNotFound
}

func (f *fake) ListAgents(context.Context, string) ([]domain.Agent, error) {
	if f.storeErr != nil {
		return nil, f.storeErr
	}
	return f.agents, nil
}

func ptrT(t time.Time) *time.Time { return &t }
func ptrF(f float64) *float64     { return &f }
func ptrI(i int) *int             { return &i }

// newFake builds the standard test world: workspace "ws_demo" (Asia/Jakarta),
// admin "adm", supervisor "sup1" with agents ag1 and ag2, and agent ag3 of another team.
func newFake() *fake {
	jkt, _ := time.LoadLocation("Asia/Jakarta")
	opened := time.Date(2025, 6, 10, 9, 0, 0, 0, jkt)
	return &fake{
		workspaces: map[string]domain.Workspace{
			"ws_demo": {ID: "ws_demo", Name: "Demo Shop", Timezone: "Asia/Jakarta",
				CreatedAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), UpdatedAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)},
			"ws_ny": {ID: "ws_ny", Name: "NY", Timezone: "America/New_York"},
		},
		secrets: map[string]domain.WorkspaceSecrets{
			"ws_demo": {EventsSecret: "ev-secret", WhatsAppAppSecret: "app-secret", WhatsAppVerifyToken: "vt-123"},
			"ws_ny":   {EventsSecret: "ny-ev", WhatsAppAppSecret: "ny-app", WhatsAppVerifyToken: "ny-vt"},
		},
		agents: []domain.Agent{
			{ID: "adm", Name: "Ada Admin", Role: domain.RoleAdmin},
			{ID: "sup1", Name: "Sam Super", Role: domain.RoleSupervisor},
			{ID: "ag1", Name: "Ann Agent", Role: domain.RoleAgent, SupervisorID: "sup1"},
			{ID: "ag2", Name: "Bob Agent", Role: domain.RoleAgent, SupervisorID: "sup1"},
			{ID: "ag3", Name: "Cy Agent", Role: domain.RoleAgent, SupervisorID: "sup2"},
		},
		tickets: []domain.Ticket{
			{
				ID: "tk_resolved", CustomerID: "6281234567890", CustomerName: "Budi", AgentID: "ag1", OpeningAgentID: "ag2",
				Channel: "whatsapp", Status: domain.StatusResolved, OpenedAt: opened,
				CustomerFirstMessageAt: ptrT(opened.Add(-2 * time.Minute)), FirstResponseAt: ptrT(opened.Add(90 * time.Second)),
				FirstResponseAgentID: "ag2", ResolvedAt: ptrT(opened.Add(time.Hour)), ResolvedBy: "ag1",
				FirstResponseSeconds: ptrF(90), ResolveSeconds: ptrF(3600), CustomerWaitSeconds: ptrF(210),
				MessagesIn: 3, MessagesOut: 2, Labels: []string{"billing", "vip"}, CSATID: "cs1", CSATRating: ptrI(5),
				Category: "refund", Note: "done",
				Assignments: []domain.AssignmentRef{{AgentID: "ag2", At: opened}, {AgentID: "ag1", At: opened.Add(10 * time.Minute)}},
			},
			{
				ID: "tk_open", CustomerID: "6289999", AgentID: "ag3", OpeningAgentID: "ag3", Status: domain.StatusOpen,
				OpenedAt: opened.Add(time.Hour), Assignments: []domain.AssignmentRef{{AgentID: "ag3", At: opened.Add(time.Hour)}},
			},
			{
				ID: "tk_sup", CustomerID: "6287777", CustomerName: "Citra", AgentID: "sup1", Channel: "whatsapp",
				Status: domain.StatusAnswered, OpenedAt: opened.Add(2 * time.Hour),
				FirstResponseAt: ptrT(opened.Add(2*time.Hour + time.Minute)), FirstResponseAgentID: "sup1", FirstResponseSeconds: ptrF(60),
				MessagesIn: 1, MessagesOut: 1,
				Assignments: []domain.AssignmentRef{{AgentID: "sup1", At: opened.Add(2 * time.Hour)}},
			},
		},
		messages: map[string][]domain.Message{
			"tk_resolved": {
				{ID: "m3", Direction: domain.Outbound, Sender: domain.SenderAgent, AgentID: "ag2", Type: "text", Text: "Hi, how can I help?", At: opened.Add(90 * time.Second), Status: "read"},
				{ID: "m1", Direction: domain.Inbound, Sender: domain.SenderCustomer, Type: "text", Text: "Halo", At: opened.Add(-2 * time.Minute)},
				{ID: "m2", Direction: domain.Inbound, Sender: domain.SenderCustomer, Type: "image", At: opened.Add(-time.Minute)},
			},
		},
	}
}

func newTestHandler(f *fake, extra ...Route) *Handler {
	return New(Deps{
		Workspaces: f, Ingester: f, Tickets: f, Agents: f,
		Clock:  func() time.Time { return fixedNow },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Extra:  extra,
	})
}

// claims builds JWT authorizer claims; role "" means no authorizer at all.
func claims(sub, ws, role string) map[string]string {
	if role == "" {
		return nil
	}
	return map[string]string{"sub": sub, "workspace_id": ws, "role": role}
}

// gw builds a gateway event; target is path[?query].
func gw(method, target string, cl map[string]string, headers map[string]string, body string) events.APIGatewayV2HTTPRequest {
	path, query, _ := strings.Cut(target, "?")
	req := events.APIGatewayV2HTTPRequest{
		Version: "2.0", RouteKey: "$default", RawPath: path, RawQueryString: query, Headers: headers, Body: body,
		RequestContext: events.APIGatewayV2HTTPRequestContext{HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: method, Path: path}},
	}
	if q, err := url.ParseQuery(query); err == nil && len(q) > 0 {
		req.QueryStringParameters = map[string]string{}
		for k, v := range q {
			req.QueryStringParameters[k] = strings.Join(v, ",")
		}
	}
	if cl != nil {
		req.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: cl},
		}
	}
	return req
}

func b64(req events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
	req.Body = base64.StdEncoding.EncodeToString([]byte(req.Body))
	req.IsBase64Encoded = true
	return req
}

func do(t *testing.T, h *Handler, req events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPResponse {
	t.Helper()
	resp, err := h.Handle(context.Background(), req)
	if err != nil {
		t.Fatalf("Handle returned error: %v", err)
	}
	return resp
}

// decodeProblem checks the problem+json shape and returns it.
func decodeProblem(t *testing.T, resp events.APIGatewayV2HTTPResponse) map[string]any {
	t.Helper()
	if ct := resp.Headers["content-type"]; ct != "application/problem+json" {
		t.Fatalf("content-type = %q, want application/problem+json (body %s)", ct, resp.Body)
	}
	var p map[string]any
	if err := json.Unmarshal([]byte(resp.Body), &p); err != nil {
		t.Fatalf("problem body is not JSON: %v: %s", err, resp.Body)
	}
	for _, k := range []string{"type", "title", "status", "detail"} {
		if _, ok := p[k]; !ok {
			t.Fatalf("problem lacks %q: %s", k, resp.Body)
		}
	}
	if int(p["status"].(float64)) != resp.StatusCode {
		t.Fatalf("problem status %v != response status %d", p["status"], resp.StatusCode)
	}
	return p
}

var errStore = errors.New("dynamodb: throttled (table inbox-metrics, key secret-ish)")
