package httpapi

import (
	"strings"
	"testing"
)

func TestPutWorkspace(t *testing.T) {
	op := claims("op1", "", "operator")
	tests := []struct {
		name       string
		id         string
		body       string
		base64     bool
		wantStatus int
		wantParam  string
		golden     string
	}{
		{"create", "ws_new", `{"name":"New Shop","timezone":"Europe/Berlin","business_hours":{"weekly":{"monday":[{"open":"09:00","close":"12:00"},{"open":"13:00","close":"24:00"}]},"closed_dates":["2025-12-25"]}}`, false, 201, "", "workspace_created"},
		{"create base64", "ws_b64", `{"name":"B","timezone":"UTC"}`, true, 201, "", ""},
		{"update", "ws_demo", `{"name":"Demo Shop 2","timezone":"Asia/Jakarta"}`, false, 200, "", "workspace_updated"},
		{"bad id", "a", `{"name":"x","timezone":"UTC"}`, false, 400, "id", ""},
		{"bad id chars", "ws.demo", `{"name":"x","timezone":"UTC"}`, false, 400, "id", ""},
		{"not json", "ws_new", `name=x`, false, 400, "", ""},
		{"trailing data", "ws_new", `{"name":"x","timezone":"UTC"} {}`, false, 400, "", ""},
		{"empty name", "ws_new", `{"name":"","timezone":"UTC"}`, false, 400, "name", ""},
		{"blank name", "ws_new", `{"name":"   ","timezone":"UTC"}`, false, 400, "name", ""},
		{"long name", "ws_new", `{"name":"` + strings.Repeat("é", 201) + `","timezone":"UTC"}`, false, 400, "name", ""},
		{"200 char name ok", "ws_new", `{"name":"` + strings.Repeat("é", 200) + `","timezone":"UTC"}`, false, 201, "", ""},
		{"no timezone", "ws_new", `{"name":"x"}`, false, 400, "timezone", ""},
		{"Local timezone", "ws_new", `{"name":"x","timezone":"Local"}`, false, 400, "timezone", ""},
		{"unknown timezone", "ws_new", `{"name":"x","timezone":"Mars/Olympus"}`, false, 400, "timezone", ""},
		{"bad weekday", "ws_new", `{"name":"x","timezone":"UTC","business_hours":{"weekly":{"funday":[]}}}`, false, 400, "business_hours", ""},
		{"bad time", "ws_new", `{"name":"x","timezone":"UTC","business_hours":{"weekly":{"monday":[{"open":"9:00","close":"17:00"}]}}}`, false, 400, "business_hours", ""},
		{"open after close", "ws_new", `{"name":"x","timezone":"UTC","business_hours":{"weekly":{"monday":[{"open":"17:00","close":"09:00"}]}}}`, false, 400, "business_hours", ""},
		{"24:00 open", "ws_new", `{"name":"x","timezone":"UTC","business_hours":{"weekly":{"monday":[{"open":"24:00","close":"24:00"}]}}}`, false, 400, "business_hours", ""},
		{"overlap", "ws_new", `{"name":"x","timezone":"UTC","business_hours":{"weekly":{"monday":[{"open":"09:00","close":"12:00"},{"open":"11:00","close":"13:00"}]}}}`, false, 400, "business_hours", ""},
		{"bad closed date", "ws_new", `{"name":"x","timezone":"UTC","business_hours":{"weekly":{},"closed_dates":["2025-02-30"]}}`, false, 400, "business_hours", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake()
			req := gw("PUT", "/v1/workspaces/"+tt.id, op, nil, tt.body)
			if tt.base64 {
				req = b64(req)
			}
			resp := do(t, newTestHandler(f), req)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d: %s", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			if tt.wantStatus >= 400 {
				p := decodeProblem(t, resp)
				if tt.wantParam != "" && p["invalid_param"] != tt.wantParam {
					t.Fatalf("invalid_param = %v, want %s", p["invalid_param"], tt.wantParam)
				}
				if len(f.puts) != 0 {
					t.Fatalf("invalid workspace was stored")
				}
				return
			}
			if len(f.puts) != 1 || f.puts[0].ID != tt.id || !f.puts[0].UpdatedAt.Equal(fixedNow) {
				t.Fatalf("puts = %+v", f.puts)
			}
			hasSecrets := strings.Contains(resp.Body, `"events_secret"`)
			if hasSecrets != (tt.wantStatus == 201) {
				t.Fatalf("secrets shown = %v on status %d", hasSecrets, resp.StatusCode)
			}
			if tt.golden != "" {
				assertGolden(t, tt.golden, resp.Body)
			}
		})
	}
}

func TestPutWorkspaceStoreFailure(t *testing.T) {
	f := newFake()
	f.storeErr = errStore
	resp := do(t, newTestHandler(f), gw("PUT", "/v1/workspaces/ws_new", claims("op", "", "operator"), nil, `{"name":"x","timezone":"UTC"}`))
	if resp.StatusCode != 500 {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	decodeProblem(t, resp)
}

func TestParseHHMM(t *testing.T) {
	tests := []struct {
		in      string
		allow24 bool
		want    int
		ok      bool
	}{
		{"00:00", false, 0, true},
		{"23:59", false, 23*60 + 59, true},
		{"24:00", true, 1440, true},
		{"24:00", false, 0, false},
		{"24:01", true, 0, false},
		{"12:60", false, 0, false},
		{"1:00", false, 0, false},
		{"ab:cd", false, 0, false},
	}
	for _, tt := range tests {
		got, ok := parseHHMM(tt.in, tt.allow24)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseHHMM(%q,%v) = %d,%v want %d,%v", tt.in, tt.allow24, got, ok, tt.want, tt.ok)
		}
	}
}
