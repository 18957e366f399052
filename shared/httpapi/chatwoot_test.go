package httpapi

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/webhook"
)

// TestChatwootWebhookAcceptsFixtures sends every Chatwoot fixture, signed, and
// checks the status codes of the signature and size rules.
func TestChatwootWebhookAcceptsFixtures(t *testing.T) {
	files, err := filepath.Glob("../webhook/testdata/fixtures/chatwoot/*.json")
	if err != nil || len(files) != 3 {
		t.Fatalf("want the 3 chatwoot fixtures, got %d (%v)", len(files), err)
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ts, sig := webhook.SignEvents("ev-secret", body, fixedNow)
		signed := map[string]string{"x-chatwoot-timestamp": ts, "x-chatwoot-signature": sig}
		tests := []struct {
			name    string
			headers map[string]string
			path    string
			status  int
		}{
			{"signed", signed, "/webhooks/chatwoot/ws_demo", 200},
			{"unsigned", nil, "/webhooks/chatwoot/ws_demo", 401},
			{"other workspace's secret", signed, "/webhooks/chatwoot/ws_ny", 401},
			{"unknown workspace", signed, "/webhooks/chatwoot/nope_ws", 404},
		}
		for _, tc := range tests {
			t.Run(filepath.Base(f)+"/"+tc.name, func(t *testing.T) {
				resp := do(t, newTestHandler(newFake()), gw("POST", tc.path, nil, tc.headers, string(body)))
				if resp.StatusCode != tc.status {
					t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, resp.Body)
				}
			})
		}
	}
}
