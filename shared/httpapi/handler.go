package httpapi

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/inboxmetrics/inbox-metrics/shared/auth"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// Handler is the API Gateway v2 handler of every HTTP endpoint.
type Handler struct {
	deps   Deps
	now    Clock
	log    *slog.Logger
	router router
}

// New builds the handler with the built-in routes followed by deps.Extra.
func New(deps Deps) *Handler {
	h := &Handler{deps: deps, now: deps.Clock, log: deps.Logger}
	if h.now == nil {
		h.now = time.Now
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	for _, r := range h.routes() {
		h.router.add(r)
	}
	for _, r := range deps.Extra {
		h.router.add(r)
	}
	return h
}

func (h *Handler) routes() []Route {
	return []Route{
		{Method: http.MethodGet, Pattern: "/healthz", Fn: h.healthz},
		{Method: http.MethodGet, Pattern: "/webhooks/whatsapp/{workspace_id}", Fn: h.whatsAppHandshake},
		{Method: http.MethodPost, Pattern: "/webhooks/whatsapp/{workspace_id}", Fn: h.whatsAppPost},
		{Method: http.MethodPost, Pattern: "/webhooks/events/{workspace_id}", Fn: h.eventsPost},
		{Method: http.MethodPost, Pattern: "/webhooks/chatwoot/{workspace_id}", Fn: h.chatwootPost},
		{Method: http.MethodPut, Pattern: "/v1/workspaces/{id}", Roles: RolesOperator, Fn: h.putWorkspace},
		{Method: http.MethodGet, Pattern: "/v1/workspace", Roles: RolesAdmin, Fn: h.getWorkspace},
		{Method: http.MethodGet, Pattern: "/v1/tickets", Roles: RolesStaff, Fn: h.listTickets},
		{Method: http.MethodGet, Pattern: "/v1/tickets/{ticket_id}", Roles: RolesStaff, Fn: h.getTicket},
	}
}

// Handle serves one gateway event. It never returns an error and never panics:
// every failure is answered as a problem+json response.
func (h *Handler) Handle(ctx context.Context, req events.APIGatewayV2HTTPRequest) (resp events.APIGatewayV2HTTPResponse, err error) {
	method := req.RequestContext.HTTP.Method
	defer func() {
		if p := recover(); p != nil {
			h.log.ErrorContext(ctx, "panic in handler", "method", method, "path", req.RawPath, "panic", fmt.Sprint(p))
			resp, err = toGateway(Internal()), nil
		}
	}()
	return toGateway(h.serve(ctx, req)), nil
}

func (h *Handler) serve(ctx context.Context, req events.APIGatewayV2HTTPRequest) Response {
	method := strings.ToUpper(req.RequestContext.HTTP.Method)
	path := req.RawPath
	if path == "" {
		path = req.RequestContext.HTTP.Path
	}
	isV1 := path == "/v1" || strings.HasPrefix(path, "/v1/")

	// Everything under /v1 sits behind the JWT authorizer in AWS, unknown paths included.
	var claims auth.Claims
	var claimsErr error
	if isV1 {
		claims, claimsErr = auth.FromRequest(req)
		if errors.Is(claimsErr, auth.ErrNoClaims) {
			return Error(http.StatusUnauthorized, "missing or invalid bearer token")
		}
	}

	route, params, allowed, found := h.router.match(method, path)
	if !found {
		return Error(http.StatusNotFound, "no such endpoint")
	}
	if route == nil {
		slices.Sort(allowed)
		r := Error(http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed here", method))
		r.Headers["allow"] = strings.Join(allowed, ", ")
		return r
	}

	body, err := decodeBody(req)
	if err != nil {
		return Error(http.StatusBadRequest, "body is not valid base64")
	}
	q, err := url.ParseQuery(req.RawQueryString)
	if err != nil {
		return Error(http.StatusBadRequest, "malformed query string")
	}
	r := &Request{
		Method: method, Path: path, Params: params, Query: q,
		Headers: lowerHeaders(req.Headers), Body: body, Raw: req,
	}

	if len(route.Roles) > 0 {
		if !isV1 {
			claims, claimsErr = auth.FromRequest(req)
			if errors.Is(claimsErr, auth.ErrNoClaims) {
				return Error(http.StatusUnauthorized, "missing or invalid bearer token")
			}
		}
		switch {
		case errors.Is(claimsErr, auth.ErrUnknownRole):
			return Error(http.StatusForbidden, "unknown role")
		case errors.Is(claimsErr, auth.ErrNoWorkspace):
			return Error(http.StatusForbidden, "token names no workspace")
		case claimsErr != nil:
			return Error(http.StatusUnauthorized, "missing or invalid bearer token")
		}
		if !slices.Contains(route.Roles, claims.Role) {
			return Error(http.StatusForbidden, fmt.Sprintf("role %s may not use this endpoint", claims.Role))
		}
		r.Claims = claims
		if claims.Role != domain.RoleOperator {
			ws, resp, ok := h.loadWorkspace(ctx, claims.WorkspaceID)
			if !ok {
				return resp
			}
			r.Workspace = ws
		}
	}
	return route.Fn(ctx, r)
}

// loadWorkspace reads a workspace, answering 404 when it does not exist.
func (h *Handler) loadWorkspace(ctx context.Context, id string) (domain.Workspace, Response, bool) {
	if h.deps.Workspaces == nil {
		h.log.ErrorContext(ctx, "no workspace store configured")
		return domain.Workspace{}, Internal(), false
	}
	ws, err := h.deps.Workspaces.GetWorkspace(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Workspace{}, Error(http.StatusNotFound, "workspace not found"), false
	}
	if err != nil {
		h.log.ErrorContext(ctx, "get workspace", "workspace_id", id, "err", err)
		return domain.Workspace{}, Internal(), false
	}
	return ws, Response{}, true
}

func (h *Handler) healthz(context.Context, *Request) Response {
	return JSON(http.StatusOK, map[string]string{"status": "ok"})
}

func decodeBody(req events.APIGatewayV2HTTPRequest) ([]byte, error) {
	if !req.IsBase64Encoded {
		return []byte(req.Body), nil
	}
	b, err := base64.StdEncoding.DecodeString(req.Body)
	if err != nil {
		return nil, fmt.Errorf("decode base64 body: %w", err)
	}
	return b, nil
}

func lowerHeaders(in map[string]string) map[string]string {
	out := make(map[string]string, len(in))
	for k, v := range in {
		out[strings.ToLower(k)] = v
	}
	return out
}

func toGateway(r Response) events.APIGatewayV2HTTPResponse {
	headers := map[string]string{"cache-control": "no-store"}
	for k, v := range r.Headers {
		headers[strings.ToLower(k)] = v
	}
	out := events.APIGatewayV2HTTPResponse{StatusCode: r.Status, Headers: headers}
	if r.Binary {
		out.Body = base64.StdEncoding.EncodeToString(r.Body)
		out.IsBase64Encoded = true
	} else {
		out.Body = string(r.Body)
	}
	return out
}
