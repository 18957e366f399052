package openapi_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/openapi"
	"github.com/inboxmetrics/inbox-metrics/shared/reportsapi"
)

func TestDocumentIsValid(t *testing.T) {
	doc, err := openapi.Load()
	if err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	if _, ok := doc.Components.SecuritySchemes["bearerAuth"]; !ok {
		t.Error("no bearerAuth security scheme")
	}
}

func TestDocsCopyIsIdentical(t *testing.T) {
	docs, err := os.ReadFile("../../docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(docs, openapi.YAML) {
		t.Fatal("docs/openapi.yaml differs from shared/openapi/openapi.yaml: cp shared/openapi/openapi.yaml docs/openapi.yaml")
	}
}

// builtin are the routes httpapi registers itself (httpapi.Handler.routes).
var builtin = []string{
	"GET /healthz",
	"GET /webhooks/whatsapp/{workspace_id}",
	"POST /webhooks/whatsapp/{workspace_id}",
	"POST /webhooks/events/{workspace_id}",
	"POST /webhooks/chatwoot/{workspace_id}",
	"PUT /v1/workspaces/{id}",
	"GET /v1/workspace",
	"GET /v1/tickets",
	"GET /v1/tickets/{ticket_id}",
}

// contracted are the routes of CONTRACT section 4 built elsewhere (exports).
var contracted = []string{
	"POST /v1/exports",
	"GET /v1/exports",
	"GET /v1/exports/{id}",
	"GET /v1/exports/{id}/download",
}

func documented(t *testing.T) []string {
	t.Helper()
	doc, err := openapi.Load()
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops = append(ops, method+" "+path)
			if op.Responses.Default() == nil {
				t.Errorf("%s %s has no default (problem) response", method, path)
			}
			public := strings.HasPrefix(path, "/webhooks/") || path == "/healthz"
			if isPublic := op.Security != nil && len(*op.Security) == 0; isPublic != public {
				t.Errorf("%s %s: public = %v, want %v", method, path, isPublic, public)
			}
			if !public && (op.Responses.Status(401) == nil || op.Responses.Status(403) == nil) {
				t.Errorf("%s %s documents no 401 or 403", method, path)
			}
		}
	}
	slices.Sort(ops)
	return ops
}

func TestEveryRouteIsDocumented(t *testing.T) {
	want := slices.Clone(builtin)
	want = append(want, contracted...)
	for _, r := range reportsapi.Routes(nil, nil) {
		want = append(want, r.Method+" "+r.Pattern)
	}
	slices.Sort(want)
	if got := documented(t); !slices.Equal(got, want) {
		t.Errorf("documented operations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBuiltinListIsCurrent checks the builtin list against the real router: a
// route the handler knows answers something other than "no such endpoint".
func TestBuiltinListIsCurrent(t *testing.T) {
	h := httpapi.New(httpapi.Deps{Logger: slog.New(slog.DiscardHandler)})
	for _, op := range builtin {
		method, path, _ := strings.Cut(op, " ")
		path = strings.NewReplacer("{workspace_id}", "acme", "{id}", "acme", "{ticket_id}", "t1").Replace(path)
		req := events.APIGatewayV2HTTPRequest{RawPath: path}
		req.RequestContext.HTTP.Method = method
		resp, err := h.Handle(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode == http.StatusNotFound && strings.Contains(resp.Body, "no such endpoint") ||
			resp.StatusCode == http.StatusMethodNotAllowed {
			t.Errorf("%s: the handler does not know it (%d %s)", op, resp.StatusCode, resp.Body)
		}
	}
}
