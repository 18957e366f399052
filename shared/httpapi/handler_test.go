package httpapi

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

func TestHandleRoutingAndAuth(t *testing.T) {
	admin := claims("adm", "ws_demo", "admin")
	tests := []struct {
		name       string
		method     string
		target     string
		claims     map[string]string
		wantStatus int
		wantAllow  string
	}{
		{"healthz", "GET", "/healthz", nil, 200, ""},
		{"healthz wrong method", "POST", "/healthz", nil, 405, "GET"},
		{"unknown path", "GET", "/nope", nil, 404, ""},
		{"trailing slash is another path", "GET", "/healthz/", nil, 404, ""},
		{"v1 without claims", "GET", "/v1/tickets", nil, 401, ""},
		{"unknown v1 path without claims", "GET", "/v1/nope", nil, 401, ""},
		{"unknown v1 path with claims", "GET", "/v1/nope", admin, 404, ""},
		{"v1 wrong method", "DELETE", "/v1/tickets", admin, 405, "GET"},
		{"webhook wrong method", "PUT", "/webhooks/whatsapp/ws_demo", nil, 405, "GET, POST"},
		{"claims without sub", "GET", "/v1/workspace", map[string]string{"workspace_id": "ws_demo", "role": "admin"}, 401, ""},
		{"unknown role", "GET", "/v1/workspace", claims("x", "ws_demo", "owner"), 403, ""},
		{"agent may not read workspace", "GET", "/v1/workspace", claims("ag1", "ws_demo", "agent"), 403, ""},
		{"supervisor may not read workspace", "GET", "/v1/workspace", claims("sup1", "ws_demo", "supervisor"), 403, ""},
		{"operator may not list tickets", "GET", "/v1/tickets", claims("op", "", "operator"), 403, ""},
		{"admin may not put workspace", "PUT", "/v1/workspaces/ws_demo", admin, 403, ""},
		{"admin reads workspace", "GET", "/v1/workspace", admin, 200, ""},
		{"workspace of claims missing", "GET", "/v1/workspace", claims("adm", "ws_gone", "admin"), 404, ""},
		{"admin without workspace claim", "GET", "/v1/workspace", map[string]string{"sub": "adm", "role": "admin"}, 403, ""},
	}
	h := newTestHandler(newFake())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, h, gw(tt.method, tt.target, tt.claims, nil, ""))
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d: %s", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			if tt.wantStatus >= 400 {
				decodeProblem(t, resp)
			}
			if resp.Headers["allow"] != tt.wantAllow {
				t.Fatalf("allow = %q, want %q", resp.Headers["allow"], tt.wantAllow)
			}
		})
	}
}

func TestHealthzBody(t *testing.T) {
	resp := do(t, newTestHandler(newFake()), gw("GET", "/healthz", nil, nil, ""))
	if resp.Body != `{"status":"ok"}` || resp.Headers["content-type"] != "application/json" {
		t.Fatalf("got %q %q", resp.Headers["content-type"], resp.Body)
	}
}

func TestGetWorkspaceHidesSecrets(t *testing.T) {
	resp := do(t, newTestHandler(newFake()), gw("GET", "/v1/workspace", claims("adm", "ws_demo", "admin"), nil, ""))
	want := `{"workspace_id":"ws_demo","name":"Demo Shop","timezone":"Asia/Jakarta","business_hours":null,` +
		`"created_at":"2025-01-02T03:04:05Z","updated_at":"2025-01-02T03:04:05Z"}`
	if resp.StatusCode != 200 || resp.Body != want {
		t.Fatalf("got %d %s\nwant %s", resp.StatusCode, resp.Body, want)
	}
}

func TestPanicBecomes500(t *testing.T) {
	f := newFake()
	f.panicOnList = true
	resp := do(t, newTestHandler(f), gw("GET", "/v1/tickets", claims("adm", "ws_demo", "admin"), nil, ""))
	if resp.StatusCode != 500 {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	p := decodeProblem(t, resp)
	if strings.Contains(resp.Body, "boom") || strings.Contains(resp.Body, "secret") || p["title"] != "Internal Server Error" {
		t.Fatalf("500 leaks or is malformed: %s", resp.Body)
	}
}

func TestStoreErrorDoesNotLeak(t *testing.T) {
	f := newFake()
	f.storeErr = errStore
	resp := do(t, newTestHandler(f), gw("GET", "/v1/workspace", claims("adm", "ws_demo", "admin"), nil, ""))
	if resp.StatusCode != 500 {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	decodeProblem(t, resp)
	if strings.Contains(resp.Body, "dynamodb") || strings.Contains(resp.Body, "secret") {
		t.Fatalf("500 leaks the cause: %s", resp.Body)
	}
}

func TestExtraRoute(t *testing.T) {
	var got *Request
	extra := Route{Method: http.MethodGet, Pattern: "/v1/reports/{name}", Roles: RolesStaff,
		Fn: func(_ context.Context, r *Request) Response {
			got = r
			return JSON(200, map[string]string{"name": r.Param("name")})
		}}
	h := newTestHandler(newFake(), extra)

	resp := do(t, h, gw("GET", "/v1/reports/a%20b?from=2025-01-01", claims("ag1", "ws_demo", "agent"), map[string]string{"X-Trace": "1"}, ""))
	if resp.StatusCode != 200 || resp.Body != `{"name":"a b"}` {
		t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
	}
	if got.Workspace.ID != "ws_demo" || got.Claims.Sub != "ag1" || got.Claims.Role != domain.RoleAgent ||
		got.Query.Get("from") != "2025-01-01" || got.Headers["x-trace"] != "1" {
		t.Fatalf("request = %+v", got)
	}
	resp = do(t, h, gw("GET", "/v1/reports/x", claims("op", "", "operator"), nil, ""))
	if resp.StatusCode != 403 {
		t.Fatalf("operator on staff route: %d", resp.StatusCode)
	}
}

func TestBadBase64Body(t *testing.T) {
	req := gw("POST", "/webhooks/events/ws_demo", nil, nil, "!!!not base64")
	req.IsBase64Encoded = true
	resp := do(t, newTestHandler(newFake()), req)
	if resp.StatusCode != 400 {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	decodeProblem(t, resp)
}
