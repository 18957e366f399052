package seed

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeIngest is a minimal stand-in for the product's two webhooks: it checks both signatures the way
// CONTRACT 2.1/2.2 describe, de-duplicates helpdesk event ids, and records what it saw.
type fakeIngest struct {
	eventsSecret, waSecret string
	// fail decides, per (kind, attempt number of that body), the status to answer instead of 200; 0 = none.
	fail func(kind string, body []byte, attempt int) int

	mu        sync.Mutex
	attempts  map[string]int // body → attempts
	requests  map[string]int // kind → accepted requests
	ids       map[string]bool
	firstBody []byte
	badSig    int
}

func newFakeIngest(es, ws string) *fakeIngest {
	return &fakeIngest{eventsSecret: es, waSecret: ws, attempts: map[string]int{}, requests: map[string]int{}, ids: map[string]bool{}}
}

func mac(secret string, msg []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(msg)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func (f *fakeIngest) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	kind := ""
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/webhooks/events/ws_1":
		kind = "events"
		ts, err := strconv.ParseInt(r.Header.Get("X-Signature-Timestamp"), 10, 64)
		skew := time.Since(time.Unix(ts, 0))
		want := mac(f.eventsSecret, []byte(fmt.Sprintf("%d.%s", ts, body)))
		if err != nil || skew > 300*time.Second || skew < -300*time.Second || !hmac.Equal([]byte(r.Header.Get("X-Signature-256")), []byte(want)) {
			f.mu.Lock()
			f.badSig++
			f.mu.Unlock()
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
	case r.Method == http.MethodPost && r.URL.Path == "/webhooks/whatsapp/ws_1":
		kind = "whatsapp"
		if !hmac.Equal([]byte(r.Header.Get("X-Hub-Signature-256")), []byte(mac(f.waSecret, body))) {
			f.mu.Lock()
			f.badSig++
			f.mu.Unlock()
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
	default:
		http.NotFound(w, r)
		return
	}
	f.mu.Lock()
	f.attempts[string(body)]++
	attempt := f.attempts[string(body)]
	if f.firstBody == nil {
		f.firstBody = body
	}
	f.mu.Unlock()
	if f.fail != nil {
		if code := f.fail(kind, body, attempt); code != 0 {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(code)
			fmt.Fprintf(w, `{"status":%d,"title":"Rejected","detail":"events[0].type: unknown type"}`, code)
			return
		}
	}
	if kind == "whatsapp" {
		f.mu.Lock()
		f.requests[kind]++
		f.mu.Unlock()
		fmt.Fprint(w, "OK")
		return
	}
	var b struct {
		Events []struct {
			ID string `json:"id"`
		} `json:"events"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	acc, dup := 0, 0
	for _, e := range b.Events {
		if f.ids[e.ID] {
			dup++
		} else {
			f.ids[e.ID] = true
			acc++
		}
	}
	f.requests[kind]++
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"accepted":%d,"duplicates":%d}`, acc, dup)
}

func smallPlan() *Plan { return Generate(Config{Seed: 9, Now: time.Now(), Days: 4, Customers: 40}) }

func TestSend(t *testing.T) {
	plan := smallPlan()
	wantReq := map[string]int{}
	dupEvents := 0
	for _, r := range plan.Requests {
		wantReq[string(r.Kind)]++
		if r.Duplicate && r.Kind == KindEvents {
			dupEvents += r.Events
		}
	}
	if wantReq["events"] == 0 || wantReq["whatsapp"] == 0 || dupEvents == 0 {
		t.Fatalf("plan too small to test: %v, %d duplicate events", wantReq, dupEvents)
	}
	sec := Secrets{EventsSecret: "ev-secret", WhatsAppAppSecret: "wa-secret"}
	tests := []struct {
		name        string
		secrets     Secrets
		fail        func(kind string, body []byte, attempt int) int
		wantErr     int // expected StatusError code, 0 = success
		wantRetries bool
	}{
		{name: "all accepted", secrets: sec},
		{name: "5xx and 429 are retried", secrets: sec, wantRetries: true,
			fail: func(kind string, body []byte, attempt int) int {
				if attempt == 1 && len(body)%3 == 0 {
					return http.StatusServiceUnavailable
				}
				if attempt == 2 && len(body)%3 == 0 && kind == "events" {
					return http.StatusTooManyRequests
				}
				return 0
			}},
		{name: "4xx fails fast", secrets: sec, wantErr: http.StatusBadRequest,
			fail: func(kind string, body []byte, attempt int) int {
				if kind == "events" && bytes.Contains(body, []byte(`"conversation.resolved"`)) {
					return http.StatusBadRequest
				}
				return 0
			}},
		{name: "wrong secret is 401", secrets: Secrets{EventsSecret: "nope", WhatsAppAppSecret: "wa-secret"}, wantErr: http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeIngest(sec.EventsSecret, sec.WhatsAppAppSecret)
			f.fail = tt.fail
			srv := httptest.NewServer(f)
			defer srv.Close()
			res, err := Send(context.Background(), srv.URL+"/", "ws_1", tt.secrets, plan, SendOptions{Concurrency: 3, Backoff: time.Millisecond})
			if tt.wantErr != 0 {
				var se *StatusError
				if !errors.As(err, &se) || se.StatusCode != tt.wantErr {
					t.Fatalf("err = %v, want StatusError %d", err, tt.wantErr)
				}
				if tt.wantErr == http.StatusBadRequest && !strings.Contains(err.Error(), "events[0].type: unknown type") {
					t.Errorf("error %q lacks the problem detail", err)
				}
				if res.Requests >= len(plan.Requests) {
					t.Errorf("Requests = %d after a fatal error, want fewer than %d", res.Requests, len(plan.Requests))
				}
				for body, n := range f.attempts {
					if n > 1 && tt.fail != nil && tt.fail("events", []byte(body), 1) != 0 {
						t.Errorf("a 4xx request was retried %d times", n)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if f.badSig != 0 {
				t.Errorf("%d requests had bad signatures", f.badSig)
			}
			if f.requests["events"] != wantReq["events"] || f.requests["whatsapp"] != wantReq["whatsapp"] {
				t.Errorf("server accepted %v requests, want %v", f.requests, wantReq)
			}
			if !bytes.Equal(f.firstBody, plan.Requests[0].Body) {
				t.Error("the setup request (agents) did not arrive first")
			}
			want := Result{Requests: len(plan.Requests), Events: plan.EventCount(), Accepted: plan.EventCount() - dupEvents, Duplicates: dupEvents}
			res.Elapsed = 0
			if res != want {
				t.Errorf("Result = %+v, want %+v", res, want)
			}
			retried := 0
			for _, n := range f.attempts {
				if n > 1 {
					retried++
				}
			}
			// Duplicate requests are legitimately seen twice; retries show up beyond that.
			if tt.wantRetries != (retried > plan.Stats.Duplicates) {
				t.Errorf("%d bodies seen more than once (%d duplicates in plan), retries expected: %v", retried, plan.Stats.Duplicates, tt.wantRetries)
			}
		})
	}
}

func TestSendGivesUpAfterMaxAttempts(t *testing.T) {
	f := newFakeIngest("e", "w")
	f.fail = func(string, []byte, int) int { return http.StatusBadGateway }
	srv := httptest.NewServer(f)
	defer srv.Close()
	plan := smallPlan()
	_, err := Send(context.Background(), srv.URL, "ws_1", Secrets{EventsSecret: "e", WhatsAppAppSecret: "w"}, plan,
		SendOptions{MaxAttempts: 3, Backoff: time.Millisecond})
	var se *StatusError
	if !errors.As(err, &se) || se.StatusCode != http.StatusBadGateway || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Fatalf("err = %v, want 502 after 3 attempts", err)
	}
	if got := f.attempts[string(plan.Requests[0].Body)]; got != 3 {
		t.Errorf("setup request tried %d times, want 3", got)
	}
}

func TestSendProgressLogsEveryTenPercent(t *testing.T) {
	f := newFakeIngest("e", "w")
	srv := httptest.NewServer(f)
	defer srv.Close()
	var buf bytes.Buffer
	plan := smallPlan()
	if _, err := Send(context.Background(), srv.URL, "ws_1", Secrets{EventsSecret: "e", WhatsAppAppSecret: "w"}, plan,
		SendOptions{Progress: &buf}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) < 5 || len(lines) > 10 {
		t.Errorf("%d progress lines, want one per 10%%:\n%s", len(lines), buf.String())
	}
	last := lines[len(lines)-1]
	if !strings.Contains(last, "percent=100") || !strings.Contains(last, fmt.Sprintf("requests=%d", len(plan.Requests))) {
		t.Errorf("last progress line %q, want 100%% of %d requests", last, len(plan.Requests))
	}
}
