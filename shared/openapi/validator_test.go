package openapi_test

import (
	"context"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/inboxmetrics/inbox-metrics/shared/openapi"
)

func TestValidatorCatchesMismatches(t *testing.T) {
	v, err := openapi.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	problem := `{"type":"about:blank","title":"Bad Request","status":400,"detail":"bad","invalid_param":"limit"}`
	page := `{"items":[{"at":"2026-11-02T01:00:00Z","agent_id":"a1","agent_name":"Ayu","role":"agent","activity":"login","os":"","browser":""}],"next_cursor":null}`
	jsonCT := map[string]string{"content-type": "application/json"}
	problemCT := map[string]string{"content-type": "application/problem+json"}
	tests := []struct {
		name    string
		method  string
		path    string
		status  int
		headers map[string]string
		body    string
		ok      bool
	}{
		{"valid page", "GET", "/v1/logs/access", 200, jsonCT, page, true},
		{"valid problem", "GET", "/v1/logs/access", 400, problemCT, problem, true},
		{"500 via default", "GET", "/v1/logs/access", 500, problemCT, `{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"x"}`, true},
		{"missing next_cursor", "GET", "/v1/logs/access", 200, jsonCT, `{"items":[]}`, false},
		{"non-UTC time", "GET", "/v1/logs/access", 200, jsonCT, `{"items":[{"at":"2026-11-02T08:00:00+07:00","agent_id":"a1","agent_name":"Ayu","role":"agent","activity":"login","os":"","browser":""}],"next_cursor":null}`, false},
		{"unknown activity", "GET", "/v1/logs/access", 200, jsonCT, `{"items":[{"at":"2026-11-02T01:00:00Z","agent_id":"a1","agent_name":"Ayu","role":"agent","activity":"nap","os":"","browser":""}],"next_cursor":null}`, false},
		{"extra field", "GET", "/v1/reports/live", 200, jsonCT, `{"agents_online":[],"tickets":{"open":0,"answered":0},"today":{"conversations":0,"messages_in":0},"same_time_last_week":{"conversations":0,"messages_in":0},"secret":1}`, false},
		{"error as plain json", "GET", "/v1/logs/access", 400, jsonCT, problem, false},
		{"problem without detail", "GET", "/v1/logs/access", 403, problemCT, `{"type":"about:blank","title":"Forbidden","status":403}`, false},
		{"secrets leak from GET workspace", "GET", "/v1/workspace", 200, jsonCT, `{"workspace_id":"acme","name":"A","timezone":"UTC","business_hours":null,"created_at":null,"updated_at":null,"events_secret":"s"}`, false},
		{"redirect without location", "GET", "/v1/exports/e1/download", 302, nil, "", false},
		{"redirect", "GET", "/v1/exports/e1/download", 302, map[string]string{"location": "https://s3/x"}, "", true},
		{"undocumented path", "GET", "/v1/nope", 200, jsonCT, `{}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := events.APIGatewayV2HTTPRequest{RawPath: tc.path}
			req.RequestContext.HTTP.Method = tc.method
			resp := events.APIGatewayV2HTTPResponse{StatusCode: tc.status, Headers: tc.headers, Body: tc.body}
			err := v.ValidateResponse(context.Background(), req, resp)
			if (err == nil) != tc.ok {
				t.Errorf("valid = %v, want %v (err %v)", err == nil, tc.ok, err)
			}
		})
	}
}
