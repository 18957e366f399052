package localserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/golang-jwt/jwt/v5"

	"github.com/inboxmetrics/inbox-metrics/shared/auth"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
)

const secret = "dev-secret"

var fixedNow = time.Date(2025, 6, 15, 20, 0, 0, 0, time.UTC)

// recorder is a fake Lambda handler that remembers the events it got.
type recorder struct {
	mu   sync.Mutex
	got  []events.APIGatewayV2HTTPRequest
	resp events.APIGatewayV2HTTPResponse
	err  error
}

func (r *recorder) handle(_ context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, ev)
	if r.resp.StatusCode == 0 {
		return events.APIGatewayV2HTTPResponse{StatusCode: 200, Body: "ok"}, r.err
	}
	return r.resp, r.err
}

func newServer(t *testing.T, rec *recorder, logBuf *bytes.Buffer) *httptest.Server {
	t.Helper()
	var w io.Writer = io.Discard
	if logBuf != nil {
		w = logBuf
	}
	srv := httptest.NewServer(New(rec.handle, Options{
		JWTSecret: secret, S3Endpoint: "http://127.0.0.1:4569", DynamoDBEndpoint: "http://127.0.0.1:4567",
		Bucket: "inbox-metrics-local", Table: "inbox-metrics",
		Jobs: map[string]JobFunc{
			"rollup": func(_ context.Context, date string) (any, error) { return map[string]int{"workspaces": 2}, nil },
			"export": func(context.Context, string) (any, error) { return nil, errors.New("bucket missing") },
		},
		Logger: slog.New(slog.NewJSONHandler(w, nil)),
		Now:    func() time.Time { return fixedNow },
	}))
	t.Cleanup(srv.Close)
	return srv
}

func token(t *testing.T, key string, c auth.Claims) string {
	t.Helper()
	tok, err := auth.MintHS256(key, c, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func send(t *testing.T, method, url string, headers map[string]string, body []byte) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func TestAuth(t *testing.T) {
	admin := auth.Claims{Sub: "adm", WorkspaceID: "ws_demo", Role: domain.RoleAdmin}
	expired, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": "adm", "workspace_id": "ws_demo", "role": "admin", "exp": time.Now().Add(-time.Minute).Unix(),
	}).SignedString([]byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		path        string
		auth        string
		wantStatus  int
		wantHandler bool
	}{
		{"valid token", "/v1/tickets", "Bearer " + token(t, secret, admin), 200, true},
		{"lower-case scheme", "/v1/tickets", "bearer " + token(t, secret, admin), 200, true},
		{"forged token", "/v1/tickets", "Bearer " + token(t, "attacker", admin), 401, false},
		{"expired token", "/v1/tickets", "Bearer " + expired, 401, false},
		{"missing token", "/v1/tickets", "", 401, false},
		{"basic auth", "/v1/tickets", "Basic YTpi", 401, false},
		{"unknown path needs token", "/anything", "", 401, false},
		{"healthz is public", "/healthz", "", 200, true},
		{"webhooks are public", "/webhooks/events/ws_demo", "", 200, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			srv := newServer(t, rec, nil)
			h := map[string]string{}
			if tt.auth != "" {
				h["Authorization"] = tt.auth
			}
			resp, body := send(t, "GET", srv.URL+tt.path, h, nil)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d: %s", resp.StatusCode, tt.wantStatus, body)
			}
			if (len(rec.got) == 1) != tt.wantHandler {
				t.Fatalf("handler called %d times", len(rec.got))
			}
			if tt.wantStatus == 401 {
				assertProblem(t, resp, body, 401)
			}
		})
	}
}

func assertProblem(t *testing.T, resp *http.Response, body []byte, status int) {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content-type = %q", ct)
	}
	var p struct {
		Type, Title, Detail string
		Status              int
	}
	if err := json.Unmarshal(body, &p); err != nil || p.Status != status || p.Type == "" || p.Title == "" || p.Detail == "" {
		t.Fatalf("bad problem %s (%v)", body, err)
	}
}

func TestEventShape(t *testing.T) {
	rec := &recorder{}
	srv := newServer(t, rec, nil)
	c := auth.Claims{Sub: "sup1", WorkspaceID: "ws_demo", Role: domain.RoleSupervisor}
	req, err := http.NewRequest("POST", srv.URL+"/v1/reports/a%2Fb?status=open&status=resolved&q=x+y", strings.NewReader(`{"a":"é"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token(t, secret, c))
	req.Header.Set("User-Agent", "test-agent/1")
	req.Header.Add("X-Multi", "one")
	req.Header.Add("X-Multi", "two")
	req.Header.Set("Cookie", "a=1; b=2")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(rec.got) != 1 {
		t.Fatalf("handler called %d times", len(rec.got))
	}
	ev := rec.got[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"version", ev.Version, "2.0"},
		{"route key", ev.RouteKey, "$default"},
		{"raw path", ev.RawPath, "/v1/reports/a%2Fb"},
		{"raw query", ev.RawQueryString, "status=open&status=resolved&q=x+y"},
		{"query status", ev.QueryStringParameters["status"], "open,resolved"},
		{"query q", ev.QueryStringParameters["q"], "x y"},
		{"multi header", ev.Headers["x-multi"], "one,two"},
		{"user agent header", ev.Headers["user-agent"], "test-agent/1"},
		{"host header", ev.Headers["host"], strings.TrimPrefix(srv.URL, "http://")},
		{"no cookie header", ev.Headers["cookie"], ""},
		{"cookies", strings.Join(ev.Cookies, "|"), "a=1|b=2"},
		{"body", ev.Body, `{"a":"é"}`},
		{"not base64", ev.IsBase64Encoded, false},
		{"method", ev.RequestContext.HTTP.Method, "POST"},
		{"http path", ev.RequestContext.HTTP.Path, "/v1/reports/a/b"},
		{"protocol", ev.RequestContext.HTTP.Protocol, "HTTP/1.1"},
		{"source ip", ev.RequestContext.HTTP.SourceIP, "127.0.0.1"},
		{"user agent", ev.RequestContext.HTTP.UserAgent, "test-agent/1"},
		{"stage", ev.RequestContext.Stage, "$default"},
		{"time", ev.RequestContext.Time, "15/Jun/2025:20:00:00 +0000"},
		{"epoch", ev.RequestContext.TimeEpoch, fixedNow.UnixMilli()},
		{"domain", ev.RequestContext.DomainName, strings.TrimPrefix(srv.URL, "http://")},
		{"request id set", len(ev.RequestContext.RequestID) > 0, true},
		{"sub", ev.RequestContext.Authorizer.JWT.Claims["sub"], "sup1"},
		{"workspace", ev.RequestContext.Authorizer.JWT.Claims["workspace_id"], "ws_demo"},
		{"role", ev.RequestContext.Authorizer.JWT.Claims["role"], "supervisor"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	// A public route never gets an authorizer, even when a token is sent.
	send(t, "GET", srv.URL+"/healthz", map[string]string{"Authorization": "Bearer " + token(t, secret, c)}, nil)
	if a := rec.got[1].RequestContext.Authorizer; a != nil {
		t.Fatalf("public route got authorizer %+v", a)
	}
}

func TestBase64RoundTrip(t *testing.T) {
	rec := &recorder{}
	srv := newServer(t, rec, nil)
	binary := []byte{0xff, 0x00, 0xfe, 'a', 0x80}
	rec.resp = events.APIGatewayV2HTTPResponse{
		StatusCode: 201, IsBase64Encoded: true, Body: "//8AAQ==", // ff ff 00 01
		Headers:           map[string]string{"content-type": "application/octet-stream"},
		MultiValueHeaders: map[string][]string{"x-multi": {"1", "2"}},
		Cookies:           []string{"s=1; Path=/", "t=2"},
	}
	resp, body := send(t, "POST", srv.URL+"/webhooks/whatsapp/ws_demo", nil, binary)
	ev := rec.got[0]
	if !ev.IsBase64Encoded || ev.Body != "/wD+YYA=" {
		t.Fatalf("event body = %q base64=%v", ev.Body, ev.IsBase64Encoded)
	}
	if resp.StatusCode != 201 || !bytes.Equal(body, []byte{0xff, 0xff, 0x00, 0x01}) {
		t.Fatalf("response %d %x", resp.StatusCode, body)
	}
	if got := resp.Header.Values("X-Multi"); strings.Join(got, ",") != "1,2" {
		t.Fatalf("x-multi = %v", got)
	}
	if got := resp.Header.Values("Set-Cookie"); strings.Join(got, "|") != "s=1; Path=/|t=2" {
		t.Fatalf("set-cookie = %v", got)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/octet-stream" {
		t.Fatalf("content-type = %q", ct)
	}
}

func TestBodyLimit(t *testing.T) {
	rec := &recorder{}
	srv := newServer(t, rec, nil)
	resp, body := send(t, "POST", srv.URL+"/webhooks/events/ws_demo", nil, bytes.Repeat([]byte("a"), MaxBodyBytes+1))
	if resp.StatusCode != 413 || len(rec.got) != 0 {
		t.Fatalf("status = %d, handler calls = %d", resp.StatusCode, len(rec.got))
	}
	assertProblem(t, resp, body, 413)
	resp, _ = send(t, "POST", srv.URL+"/webhooks/events/ws_demo", nil, bytes.Repeat([]byte("a"), MaxBodyBytes))
	if resp.StatusCode != 200 || len(rec.got[0].Body) != MaxBodyBytes {
		t.Fatalf("exactly the limit: status %d", resp.StatusCode)
	}
}

func TestHandlerFailures(t *testing.T) {
	rec := &recorder{err: errors.New("lambda blew up with a secret")}
	srv := newServer(t, rec, nil)
	resp, body := send(t, "GET", srv.URL+"/healthz", nil, nil)
	if resp.StatusCode != 500 || bytes.Contains(body, []byte("secret")) {
		t.Fatalf("status %d body %s", resp.StatusCode, body)
	}
	assertProblem(t, resp, body, 500)

	panicky := httptest.NewServer(New(func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		panic("kaboom")
	}, Options{JWTSecret: secret, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer panicky.Close()
	resp, body = send(t, "GET", panicky.URL+"/healthz", nil, nil)
	if resp.StatusCode != 500 || bytes.Contains(body, []byte("kaboom")) {
		t.Fatalf("panic: status %d body %s", resp.StatusCode, body)
	}
}

func TestLocalEndpoints(t *testing.T) {
	tests := []struct {
		name, method, path string
		wantStatus         int
		wantBody           string
	}{
		{"config", "GET", "/_local/config", 200,
			`{"s3_endpoint":"http://127.0.0.1:4569","dynamodb_endpoint":"http://127.0.0.1:4567","bucket":"inbox-metrics-local","table":"inbox-metrics"}`},
		{"config wrong method", "POST", "/_local/config", 405, ""},
		{"job ok", "POST", "/_local/jobs/rollup?date=2025-06-14", 200, `{"job":"rollup","date":"2025-06-14","result":{"workspaces":2}}`},
		{"job wrong method", "GET", "/_local/jobs/rollup?date=2025-06-14", 405, ""},
		{"unknown job", "POST", "/_local/jobs/nope?date=2025-06-14", 404, ""},
		{"missing date", "POST", "/_local/jobs/rollup", 400, ""},
		{"bad date", "POST", "/_local/jobs/rollup?date=2025-02-30", 400, ""},
		{"job error", "POST", "/_local/jobs/export?date=2025-06-14", 500, ""},
		{"unknown local path", "GET", "/_local/nope", 404, ""},
	}
	rec := &recorder{}
	srv := newServer(t, rec, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := send(t, tt.method, srv.URL+tt.path, nil, nil)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d: %s", resp.StatusCode, tt.wantStatus, body)
			}
			if tt.wantStatus != 200 {
				assertProblem(t, resp, body, tt.wantStatus)
				return
			}
			if got := strings.TrimSpace(string(body)); got != tt.wantBody {
				t.Fatalf("body = %s, want %s", got, tt.wantBody)
			}
		})
	}
	if len(rec.got) != 0 {
		t.Fatalf("/_local reached the Lambda handler")
	}
}

func TestLogsOmitSecrets(t *testing.T) {
	var logs bytes.Buffer
	rec := &recorder{}
	srv := newServer(t, rec, &logs)
	tok := token(t, secret, auth.Claims{Sub: "adm", WorkspaceID: "ws_demo", Role: domain.RoleAdmin})
	send(t, "POST", srv.URL+"/v1/tickets?hub.verify_token=vt-secret", map[string]string{"Authorization": "Bearer " + tok}, []byte("body-secret"))
	out := logs.String()
	for _, s := range []string{tok, "vt-secret", "body-secret"} {
		if strings.Contains(out, s) {
			t.Fatalf("log contains %q: %s", s, out)
		}
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &line); err != nil {
		t.Fatal(err)
	}
	if line["method"] != "POST" || line["path"] != "/v1/tickets" || line["status"] != float64(200) || line["duration_ms"] == nil {
		t.Fatalf("log line = %v", line)
	}
}

// TestWithHTTPAPI wires the real API handler behind the local server.
func TestWithHTTPAPI(t *testing.T) {
	h := httpapi.New(httpapi.Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(New(h.Handle, Options{JWTSecret: secret, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer srv.Close()
	op := token(t, secret, auth.Claims{Sub: "op", Role: domain.RoleOperator})
	tests := []struct {
		name, method, path, auth string
		wantStatus               int
	}{
		{"healthz", "GET", "/healthz", "", 200},
		{"no token", "GET", "/v1/tickets", "", 401},
		{"operator on tickets", "GET", "/v1/tickets", op, 403},
		{"unknown v1 path", "GET", "/v1/nope", op, 404},
		{"bad workspace id", "PUT", "/v1/workspaces/x", op, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := map[string]string{}
			if tt.auth != "" {
				h["Authorization"] = "Bearer " + tt.auth
			}
			resp, body := send(t, tt.method, srv.URL+tt.path, h, []byte(`{}`))
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d: %s", resp.StatusCode, tt.wantStatus, body)
			}
			if tt.wantStatus >= 400 {
				assertProblem(t, resp, body, tt.wantStatus)
			}
		})
	}
}
