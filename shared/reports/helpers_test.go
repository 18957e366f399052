package reports

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/stats"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// berlin is a non-UTC zone with DST (spring forward 2025-03-30, fall back 2025-10-26).
func berlin(t *testing.T) *calendar.Calendar {
	t.Helper()
	cal, err := calendar.New("Europe/Berlin", nil)
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func tp(s string) *time.Time {
	t := at(s)
	return &t
}

func date(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func fp(v float64) *float64 { return &v }

// null marks an expected JSON null in stat/want helpers.
var null = math.NaN()

// floatIs checks a nullable float: want NaN means nil; tol is relative.
func floatIs(t *testing.T, what string, got *float64, want, tol float64) {
	t.Helper()
	switch {
	case math.IsNaN(want):
		if got != nil {
			t.Errorf("%s = %v, want null", what, *got)
		}
	case got == nil:
		t.Errorf("%s = null, want %v", what, want)
	case math.Abs(*got-want) > tol*math.Abs(want)+1e-9:
		t.Errorf("%s = %v, want %v (rel tol %v)", what, *got, want, tol)
	}
}

// statsIs checks a duration Stats: exact count and avg, p50/p90 within the sketch accuracy.
func statsIs(t *testing.T, what string, s stats.Stats, count int64, avg, p50, p90 float64) {
	t.Helper()
	if s.Count != count {
		t.Errorf("%s.count = %d, want %d", what, s.Count, count)
	}
	floatIs(t, what+".avg", s.Avg, avg, 0)
	floatIs(t, what+".p50", s.P50, p50, 0.01)
	floatIs(t, what+".p90", s.P90, p90, 0.01)
}

// jsonOf marshals v indented.
func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// golden compares v's JSON with testdata/name (rewritten with -update).
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got := jsonOf(t, v)
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden:\n got: %s\nwant: %s", name, got, want)
	}
}

func inbound(id string, no uint32, country, channel, ts string) MessageFact {
	return MessageFact{Message: domain.Message{ID: id, CustomerID: custID(no), Direction: domain.Inbound,
		Sender: domain.SenderCustomer, Channel: channel, Type: "text", At: at(ts)}, CustomerNo: no, Country: country}
}

func outbound(id string, no uint32, sender domain.Sender, agent, ts string) MessageFact {
	return MessageFact{Message: domain.Message{ID: id, CustomerID: custID(no), Direction: domain.Outbound,
		Sender: sender, AgentID: agent, Channel: "whatsapp", Type: "text", At: at(ts), Status: "delivered"}, CustomerNo: no}
}

func custID(no uint32) string {
	return map[uint32]string{1: "4915112345678", 2: "6281234567890", 3: "c-three", 4: "14155550100", 5: "c-five"}[no]
}

func session(id string, no uint32, opened string, isNew bool, tk *domain.Ticket, labels ...string) SessionFact {
	return SessionFact{Session: domain.Session{ID: id, CustomerID: custID(no), OpenedAt: at(opened), New: isNew,
		Channel: "whatsapp", Labels: labels, Ticket: tk}, CustomerNo: no}
}

func survey(id string, no uint32, agent, requested, responded string, rating int) SurveyFact {
	s := domain.Survey{CSATID: id, CustomerID: custID(no), RequestedAt: at(requested)}
	if responded != "" {
		s.Responded, s.RespondedAt, s.Rating = true, at(responded), rating
	}
	return SurveyFact{Survey: s, TicketID: "t-" + id, CustomerName: "Customer " + custID(no), AgentID: agent, CustomerNo: no}
}

func mondayToFriday(open, close string) *domain.BusinessHours {
	h := &domain.BusinessHours{Weekly: map[string][]domain.OpenInterval{}}
	for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday"} {
		h.Weekly[d] = []domain.OpenInterval{{Open: open, Close: close}}
	}
	return h
}
