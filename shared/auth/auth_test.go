package auth

import (
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/golang-jwt/jwt/v5"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

func TestFromMap(t *testing.T) {
	tests := []struct {
		name    string
		in      map[string]string
		want    Claims
		wantErr error
	}{
		{"admin", map[string]string{"sub": "a1", "workspace_id": "ws1", "role": "admin"}, Claims{"a1", "ws1", domain.RoleAdmin}, nil},
		{"cognito custom", map[string]string{"sub": "a1", "custom:workspace_id": "ws2", "custom:role": "Supervisor"}, Claims{"a1", "ws2", domain.RoleSupervisor}, nil},
		{"operator without workspace", map[string]string{"sub": "op", "role": "operator"}, Claims{"op", "", domain.RoleOperator}, nil},
		{"nil", nil, Claims{}, ErrNoClaims},
		{"no sub", map[string]string{"workspace_id": "ws1", "role": "admin"}, Claims{}, ErrNoClaims},
		{"unknown role", map[string]string{"sub": "a1", "workspace_id": "ws1", "role": "root"}, Claims{}, ErrUnknownRole},
		{"missing role", map[string]string{"sub": "a1", "workspace_id": "ws1"}, Claims{}, ErrUnknownRole},
		{"agent without workspace", map[string]string{"sub": "a1", "role": "agent"}, Claims{}, ErrNoWorkspace},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromMap(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFromRequest(t *testing.T) {
	var req events.APIGatewayV2HTTPRequest
	if _, err := FromRequest(req); !errors.Is(err, ErrNoClaims) {
		t.Fatalf("no authorizer: err = %v", err)
	}
	req.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{}
	if _, err := FromRequest(req); !errors.Is(err, ErrNoClaims) {
		t.Fatalf("no jwt: err = %v", err)
	}
	req.RequestContext.Authorizer.JWT = &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{
		Claims: map[string]string{"sub": "ag", "workspace_id": "w", "role": "agent"},
	}
	got, err := FromRequest(req)
	if err != nil || got != (Claims{"ag", "w", domain.RoleAgent}) {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestVisible(t *testing.T) {
	agents := []domain.Agent{
		{ID: "sup1", Role: domain.RoleSupervisor},
		{ID: "b", SupervisorID: "sup1"},
		{ID: "a", SupervisorID: "sup1"},
		{ID: "c", SupervisorID: "sup2"},
		{ID: "d"},
	}
	tests := []struct {
		name    string
		caller  Claims
		wantAll bool
		wantIDs []string
	}{
		{"admin", Claims{Sub: "x", Role: domain.RoleAdmin}, true, nil},
		{"supervisor", Claims{Sub: "sup1", Role: domain.RoleSupervisor}, false, []string{"a", "b", "sup1"}},
		{"supervisor without team", Claims{Sub: "sup9", Role: domain.RoleSupervisor}, false, []string{"sup9"}},
		{"agent", Claims{Sub: "c", Role: domain.RoleAgent}, false, []string{"c"}},
		{"operator", Claims{Sub: "op", Role: domain.RoleOperator}, false, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all, ids := Visible(tt.caller, agents)
			if all != tt.wantAll || !slices.Equal(ids, tt.wantIDs) {
				t.Fatalf("got (%v, %v), want (%v, %v)", all, ids, tt.wantAll, tt.wantIDs)
			}
		})
	}
}

func TestRestrict(t *testing.T) {
	tests := []struct {
		name      string
		all       bool
		ids       []string
		requested []string
		want      []string
	}{
		{"admin no filter", true, nil, nil, nil},
		{"admin filter", true, nil, []string{"z", "a", "a"}, []string{"a", "z"}},
		{"supervisor no filter", false, []string{"a", "b"}, nil, []string{"a", "b"}},
		{"supervisor filter inside", false, []string{"a", "b"}, []string{"b"}, []string{"b"}},
		{"supervisor filter outside", false, []string{"a", "b"}, []string{"c"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Restrict(tt.all, tt.ids, tt.requested)
			if (got == nil) != (tt.want == nil) || !slices.Equal(got, tt.want) {
				t.Fatalf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestMintVerifyHS256(t *testing.T) {
	c := Claims{Sub: "a1", WorkspaceID: "ws1", Role: domain.RoleSupervisor}
	tok, err := MintHS256("s3cret", c, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	got, err := VerifyHS256("s3cret", tok)
	if err != nil || got != c {
		t.Fatalf("verify = %+v, %v", got, err)
	}

	expired, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": "a1", "workspace_id": "ws1", "role": "admin", "exp": time.Now().Add(-time.Minute).Unix(),
	}).SignedString([]byte("s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	noExp, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": "a1", "workspace_id": "ws1", "role": "admin",
	}).SignedString([]byte("s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	hs384, err := jwt.NewWithClaims(jwt.SigningMethodHS384, jwt.MapClaims{
		"sub": "a1", "workspace_id": "ws1", "role": "admin", "exp": time.Now().Add(time.Hour).Unix(),
	}).SignedString([]byte("s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	badRole, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": "a1", "workspace_id": "ws1", "role": "god", "exp": time.Now().Add(time.Hour).Unix(),
	}).SignedString([]byte("s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(tok, ".")
	noneTok := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + "."

	tests := []struct {
		name, secret, token string
	}{
		{"wrong secret", "other", tok},
		{"expired", "s3cret", expired},
		{"no exp", "s3cret", noExp},
		{"hs384 not allowed", "s3cret", hs384},
		{"alg none", "s3cret", noneTok},
		{"unknown role", "s3cret", badRole},
		{"garbage", "s3cret", "not.a.jwt"},
		{"empty secret", "", tok},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := VerifyHS256(tt.secret, tt.token); err == nil {
				t.Fatalf("verify accepted token: %+v", got)
			}
		})
	}
	if _, err := MintHS256("", c, time.Hour); err == nil {
		t.Fatal("mint with empty secret succeeded")
	}
}

func TestStringMap(t *testing.T) {
	m := Claims{Sub: "a", WorkspaceID: "w", Role: domain.RoleAgent}.StringMap()
	back, err := FromMap(m)
	if err != nil || back != (Claims{"a", "w", domain.RoleAgent}) {
		t.Fatalf("round trip = %+v, %v", back, err)
	}
}
