package httpapi

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/webhook"
)

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../webhook/testdata/fixtures/whatsapp/" + name)
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return string(b)
}

func TestWhatsAppHandshake(t *testing.T) {
	tests := []struct {
		name       string
		target     string
		wantStatus int
		wantBody   string
	}{
		{"ok", "/webhooks/whatsapp/ws_demo?hub.mode=subscribe&hub.verify_token=vt-123&hub.challenge=1158201444", 200, "1158201444"},
		{"wrong token", "/webhooks/whatsapp/ws_demo?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1", 403, ""},
		{"wrong mode", "/webhooks/whatsapp/ws_demo?hub.mode=unsubscribe&hub.verify_token=vt-123&hub.challenge=1", 403, ""},
		{"no token", "/webhooks/whatsapp/ws_demo?hub.mode=subscribe&hub.challenge=1", 403, ""},
		{"other workspace's token", "/webhooks/whatsapp/ws_ny?hub.mode=subscribe&hub.verify_token=vt-123&hub.challenge=1", 403, ""},
		{"unknown workspace", "/webhooks/whatsapp/ws_nope?hub.mode=subscribe&hub.verify_token=vt-123&hub.challenge=1", 404, ""},
		{"malformed workspace id", "/webhooks/whatsapp/a?hub.mode=subscribe", 404, ""},
	}
	h := newTestHandler(newFake())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, h, gw("GET", tt.target, nil, nil, ""))
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d (%s)", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			if tt.wantStatus == 200 {
				if resp.Body != tt.wantBody || !strings.HasPrefix(resp.Headers["content-type"], "text/plain") {
					t.Fatalf("body %q content-type %q", resp.Body, resp.Headers["content-type"])
				}
				return
			}
			if strings.Contains(resp.Body, "vt-123") {
				t.Fatalf("response leaks the verify token: %s", resp.Body)
			}
			decodeProblem(t, resp)
		})
	}
}

func TestWhatsAppPost(t *testing.T) {
	text := readFixture(t, "wa_inbound_text__pywa.json")
	batch := readFixture(t, "wa_batch_one_entry_two_changes__netflie.json")
	errorsOnly := readFixture(t, "wa_value_errors_130429__meta_docs.json")
	sig := func(body string) map[string]string {
		return map[string]string{"x-hub-signature-256": webhook.SignWhatsApp("app-secret", []byte(body))}
	}
	big := `{"object":"whatsapp_business_account","pad":"` + strings.Repeat("x", webhook.MaxWhatsAppBody) + `"}`
	tests := []struct {
		name         string
		workspace    string
		headers      map[string]string
		body         string
		base64       bool
		ingestErr    error
		wantStatus   int
		wantBody     string
		wantIngested int
		wantField    string
	}{
		{"text message", "ws_demo", sig(text), text, false, nil, 200, `{"accepted":1,"duplicates":0}`, 1, ""},
		{"base64 body, HMAC over decoded bytes", "ws_demo", sig(text), text, true, nil, 200, `{"accepted":1,"duplicates":0}`, 1, ""},
		{"batch of two changes", "ws_demo", sig(batch), batch, false, nil, 200, `{"accepted":2,"duplicates":0}`, 2, ""},
		{"errors only: nothing to store", "ws_demo", sig(errorsOnly), errorsOnly, false, nil, 200, `{"accepted":0,"duplicates":0}`, -1, ""},
		{"unknown workspace", "ws_nope", sig(text), text, false, nil, 404, "", -1, ""},
		{"too large (checked before signature)", "ws_demo", nil, big, false, nil, 413, "", -1, ""},
		{"missing signature", "ws_demo", nil, text, false, nil, 401, "", -1, ""},
		{"signature with another secret", "ws_demo", map[string]string{"x-hub-signature-256": webhook.SignWhatsApp("ny-app", []byte(text))}, text, false, nil, 401, "", -1, ""},
		{"signature over other bytes", "ws_demo", sig(text), text + " ", false, nil, 401, "", -1, ""},
		{"not json", "ws_demo", sig("{nope"), "{nope", false, nil, 400, "", -1, ""},
		{"wrong object", "ws_demo", sig(`{"object":"page","entry":[]}`), `{"object":"page","entry":[]}`, false, nil, 400, "", -1, "object"},
		{"store failure", "ws_demo", sig(text), text, false, errStore, 500, "", -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake()
			f.ingestErr = tt.ingestErr
			req := gw("POST", "/webhooks/whatsapp/"+tt.workspace, nil, tt.headers, tt.body)
			if tt.base64 {
				req = b64(req)
			}
			resp := do(t, newTestHandler(f), req)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d (%s)", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			if tt.wantStatus != 200 {
				p := decodeProblem(t, resp)
				if tt.wantField != "" && p["field"] != tt.wantField {
					t.Fatalf("field = %v, want %s", p["field"], tt.wantField)
				}
				if len(f.ingested) != 0 {
					t.Fatalf("rejected request was ingested")
				}
				return
			}
			if resp.Body != tt.wantBody {
				t.Fatalf("body = %s, want %s", resp.Body, tt.wantBody)
			}
			if tt.wantIngested < 0 {
				if len(f.ingested) != 0 {
					t.Fatalf("ingest called for an empty payload")
				}
				return
			}
			if len(f.ingested) != 1 || len(f.ingested[0]) != tt.wantIngested {
				t.Fatalf("ingested = %v", f.ingested)
			}
		})
	}
}

func TestWhatsAppPostRecordContent(t *testing.T) {
	text := readFixture(t, "wa_inbound_text__pywa.json")
	f := newFake()
	h := map[string]string{"x-hub-signature-256": webhook.SignWhatsApp("app-secret", []byte(text))}
	do(t, newTestHandler(f), b64(gw("POST", "/webhooks/whatsapp/ws_demo", nil, h, text)))
	if len(f.ingested) != 1 {
		t.Fatalf("ingested %d batches", len(f.ingested))
	}
	m := f.ingested[0][0].Message
	if m == nil || m.ID != "wamid.xyzxyz" || m.CustomerID != "972987654321" || m.Text != "Body Text" {
		t.Fatalf("record = %+v", f.ingested[0][0])
	}
}

// eventsBody builds a helpdesk events body with n valid agent.login events.
func eventsBody(n int) string {
	evs := make([]string, n)
	for i := range evs {
		evs[i] = `{"id":"ev-` + strconv.Itoa(i) + `","type":"agent.login","occurred_at":"2025-06-15T19:59:00Z","agent_id":"ag1"}`
	}
	return `{"events":[` + strings.Join(evs, ",") + `]}`
}

func TestEventsPost(t *testing.T) {
	good := eventsBody(3)
	signAt := func(body string, at time.Time) map[string]string {
		ts, sig := webhook.SignEvents("ev-secret", []byte(body), at)
		return map[string]string{"x-signature-timestamp": ts, "x-signature-256": sig}
	}
	sign := func(body string) map[string]string { return signAt(body, fixedNow) }
	invalidSecond := `{"events":[{"id":"a","type":"agent.login","occurred_at":"2025-06-15T19:00:00Z","agent_id":"ag1"},` +
		`{"id":"b","type":"message.created","occurred_at":"2025-06-15T19:00:00Z","message":{"id":"m","customer_id":"c","direction":"inbound","sender":"agent","agent_id":"ag1","channel":"whatsapp"}}]}`
	unknownType := `{"events":[{"id":"a","type":"bogus","occurred_at":"2025-06-15T19:00:00Z"}]}`
	empty := `{"events":[]}`
	big := `{"events":[],"pad":"` + strings.Repeat("x", webhook.MaxEventsBody) + `"}`
	zero := 0
	one := 1
	tests := []struct {
		name       string
		workspace  string
		headers    map[string]string
		body       string
		base64     bool
		dups       int
		ingestErr  error
		wantStatus int
		wantBody   string
		wantIndex  *int
		wantField  string
	}{
		{"accepted", "ws_demo", sign(good), good, false, 0, nil, 200, `{"accepted":3,"duplicates":0}`, nil, ""},
		{"duplicates reported", "ws_demo", sign(good), good, false, 2, nil, 200, `{"accepted":1,"duplicates":2}`, nil, ""},
		{"base64", "ws_demo", sign(good), good, true, 0, nil, 200, `{"accepted":3,"duplicates":0}`, nil, ""},
		{"unknown workspace", "ws_nope", sign(good), good, false, 0, nil, 404, "", nil, ""},
		{"too large, unsigned", "ws_demo", nil, big, false, 0, nil, 413, "", nil, ""},
		{"missing signature", "ws_demo", nil, good, false, 0, nil, 401, "", nil, ""},
		{"stale timestamp", "ws_demo", signAt(good, fixedNow.Add(-301*time.Second)), good, false, 0, nil, 401, "", nil, ""},
		{"future timestamp", "ws_demo", signAt(good, fixedNow.Add(301*time.Second)), good, false, 0, nil, 401, "", nil, ""},
		{"timestamp within tolerance", "ws_demo", signAt(good, fixedNow.Add(-299*time.Second)), good, false, 0, nil, 200, `{"accepted":3,"duplicates":0}`, nil, ""},
		{"other workspace's secret", "ws_ny", sign(good), good, false, 0, nil, 401, "", nil, ""},
		{"invalid second event", "ws_demo", sign(invalidSecond), invalidSecond, false, 0, nil, 400, "", &one, "message.sender"},
		{"unknown type", "ws_demo", sign(unknownType), unknownType, false, 0, nil, 400, "", &zero, "type"},
		{"no events", "ws_demo", sign(empty), empty, false, 0, nil, 400, "", nil, "events"},
		{"not json", "ws_demo", sign("nope"), "nope", false, 0, nil, 400, "", nil, ""},
		{"store failure", "ws_demo", sign(good), good, false, 0, errStore, 500, "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake()
			f.dupsPerCall, f.ingestErr = tt.dups, tt.ingestErr
			req := gw("POST", "/webhooks/events/"+tt.workspace, nil, tt.headers, tt.body)
			if tt.base64 {
				req = b64(req)
			}
			resp := do(t, newTestHandler(f), req)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d (%s)", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			if tt.wantStatus == 200 {
				if resp.Body != tt.wantBody {
					t.Fatalf("body = %s, want %s", resp.Body, tt.wantBody)
				}
				return
			}
			p := decodeProblem(t, resp)
			if len(f.ingested) != 0 {
				t.Fatalf("rejected request was ingested")
			}
			if tt.wantField != "" && p["field"] != tt.wantField {
				t.Fatalf("field = %v, want %s (%s)", p["field"], tt.wantField, resp.Body)
			}
			idx, has := p["event_index"]
			if (tt.wantIndex != nil) != has || (has && int(idx.(float64)) != *tt.wantIndex) {
				t.Fatalf("event_index = %v, want %v (%s)", idx, tt.wantIndex, resp.Body)
			}
			if strings.Contains(resp.Body, "ev-secret") {
				t.Fatalf("leaks secret: %s", resp.Body)
			}
		})
	}
}

func TestEventsPostPassesRecords(t *testing.T) {
	body := eventsBody(2)
	ts, sig := webhook.SignEvents("ev-secret", []byte(body), fixedNow)
	f := newFake()
	resp := do(t, newTestHandler(f), gw("POST", "/webhooks/events/ws_demo", nil,
		map[string]string{"x-signature-timestamp": ts, "x-signature-256": sig}, body))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d %s", resp.StatusCode, resp.Body)
	}
	got, _ := json.Marshal(f.ingested)
	if len(f.ingested) != 1 || f.ingested[0][1].EventID != "ev-1" || f.ingested[0][1].Kind != domain.KindAccess {
		t.Fatalf("ingested %s", got)
	}
}
