package auth

import (
	"errors"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// ErrNoClaims means the request carries no authorizer claims or no subject (answer 401).
var ErrNoClaims = errors.New("auth: no claims")

// ErrUnknownRole means the claims name a role the product does not know (answer 403).
var ErrUnknownRole = errors.New("auth: unknown role")

// ErrNoWorkspace means a non-operator caller's claims name no workspace (answer 403).
var ErrNoWorkspace = errors.New("auth: no workspace claim")

// Claims is the caller's identity as carried by the JWT.
type Claims struct {
	// Sub is the agent id (or operator id) of the caller.
	Sub string
	// WorkspaceID is the caller's workspace ("" for operators).
	WorkspaceID string
	// Role is one of the four known roles.
	Role domain.Role
}

// ParseRole returns the role named s, and false when s is not a known role.
func ParseRole(s string) (domain.Role, bool) {
	switch r := domain.Role(strings.ToLower(strings.TrimSpace(s))); r {
	case domain.RoleAdmin, domain.RoleSupervisor, domain.RoleAgent, domain.RoleOperator:
		return r, true
	}
	return "", false
}

// FromMap builds Claims from string claims: sub, workspace_id (or custom:workspace_id)
// and role (or custom:role). It fails with ErrNoClaims when there is no sub, with
// ErrUnknownRole for a missing or unknown role, and with ErrNoWorkspace when a
// non-operator has no workspace.
func FromMap(m map[string]string) (Claims, error) {
	if len(m) == 0 || strings.TrimSpace(m["sub"]) == "" {
		return Claims{}, ErrNoClaims
	}
	c := Claims{Sub: m["sub"], WorkspaceID: first(m["workspace_id"], m["custom:workspace_id"])}
	role, ok := ParseRole(first(m["role"], m["custom:role"]))
	if !ok {
		return Claims{}, ErrUnknownRole
	}
	c.Role = role
	if c.WorkspaceID == "" && role != domain.RoleOperator {
		return Claims{}, ErrNoWorkspace
	}
	return c, nil
}

// FromRequest reads the claims the API Gateway JWT authorizer put in the request.
func FromRequest(req events.APIGatewayV2HTTPRequest) (Claims, error) {
	a := req.RequestContext.Authorizer
	if a == nil || a.JWT == nil {
		return Claims{}, ErrNoClaims
	}
	return FromMap(a.JWT.Claims)
}

// StringMap returns the claims as the string map API Gateway passes to the Lambda.
func (c Claims) StringMap() map[string]string {
	m := map[string]string{"sub": c.Sub, "role": string(c.Role)}
	if c.WorkspaceID != "" {
		m["workspace_id"] = c.WorkspaceID
	}
	return m
}

func first(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
