package httpapi

import (
	"context"
	"net/url"
	"slices"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/inboxmetrics/inbox-metrics/shared/auth"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// HandlerFunc serves one matched route.
type HandlerFunc func(ctx context.Context, r *Request) Response

// Route is one endpoint. Pattern segments in braces ("/v1/exports/{id}") capture
// one path segment. A route with no Roles is public; otherwise the caller's claims
// must carry one of the Roles, and for non-operator callers the handler loads the
// caller's workspace into Request.Workspace before calling Fn.
type Route struct {
	Method  string
	Pattern string
	Roles   []domain.Role
	Fn      HandlerFunc
}

// Request is what a route sees: the decoded request plus auth context.
type Request struct {
	Method string
	// Path is the raw path as received.
	Path string
	// Params are the path parameters, unescaped.
	Params map[string]string
	// Query is the parsed raw query string.
	Query url.Values
	// Headers have lower-case names.
	Headers map[string]string
	// Body is the raw body, base64-decoded when the gateway flagged it.
	Body []byte
	// Claims are the caller's claims (zero on public routes).
	Claims auth.Claims
	// Workspace is the caller's workspace (zero on public routes and for operators).
	Workspace domain.Workspace
	// Raw is the original gateway event.
	Raw events.APIGatewayV2HTTPRequest
}

// Param returns a path parameter.
func (r *Request) Param(name string) string { return r.Params[name] }

// Admin, staff (every workspace role) and operator role sets for routes.
var (
	RolesAdmin    = []domain.Role{domain.RoleAdmin}
	RolesStaff    = []domain.Role{domain.RoleAdmin, domain.RoleSupervisor, domain.RoleAgent}
	RolesOperator = []domain.Role{domain.RoleOperator}
)

type compiled struct {
	Route
	segs []string
}

type router struct{ routes []compiled }

func (rt *router) add(r Route) {
	rt.routes = append(rt.routes, compiled{Route: r, segs: splitPath(r.Pattern)})
}

// match finds the route for method and raw path. found=false means no pattern
// matched the path; allowed lists the methods of the patterns that did.
func (rt *router) match(method, rawPath string) (r *compiled, params map[string]string, allowed []string, found bool) {
	segs := splitPath(rawPath)
	for i := range rt.routes {
		c := &rt.routes[i]
		p, ok := c.matchPath(segs)
		if !ok {
			continue
		}
		found = true
		if c.Method == method {
			return c, p, nil, true
		}
		if !slices.Contains(allowed, c.Method) {
			allowed = append(allowed, c.Method)
		}
	}
	return nil, nil, allowed, found
}

func (c *compiled) matchPath(segs []string) (map[string]string, bool) {
	if len(segs) != len(c.segs) {
		return nil, false
	}
	var params map[string]string
	for i, s := range c.segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			v, err := url.PathUnescape(segs[i])
			if err != nil || v == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[s[1:len(s)-1]] = v
			continue
		}
		if s != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// splitPath splits "/a/b" into ["a","b"]; a trailing slash yields an empty last segment
// so that "/v1/tickets/" does not match "/v1/tickets".
func splitPath(p string) []string {
	return strings.Split(strings.TrimPrefix(p, "/"), "/")
}
