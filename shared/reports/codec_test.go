package reports

import (
	"bytes"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

func roundTrip(t *testing.T, s *DaySummary) *DaySummary {
	t.Helper()
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var out DaySummary
	if err := out.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	return &out
}

func TestCodecRoundTripChangesNoReport(t *testing.T) {
	days := SummarizeDays(berlin(t), randomFacts(11))
	days[date("2030-01-01")] = &DaySummary{} // an empty day
	for d, s := range days {
		want := allReports(t, s)
		rt := roundTrip(t, s)
		if got := allReports(t, rt); !bytes.Equal(got, want) {
			t.Errorf("%s: reports changed by a round trip", d)
		}
		b1, _ := s.MarshalBinary()
		b2, _ := rt.MarshalBinary()
		if !bytes.Equal(b1, b2) {
			t.Errorf("%s: encoding is not stable across a round trip", d)
		}
	}
	demo := demoRange(t, "2025-03-01", "2025-03-31")
	if got, want := allReports(t, roundTrip(t, demo)), allReports(t, demo); !bytes.Equal(got, want) {
		t.Error("demo month: reports changed by a round trip")
	}
}

func TestCodecErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"not json", "\x00\x01"},
		{"unknown version", `{"v":2}`},
		{"heatmap cell out of range", `{"v":1,"heat":{"168":1}}`},
		{"bad bitmap", `{"v":1,"active":"AAAA"}`},
		{"bad accumulator", `{"v":1,"agents":{"a":{"fr":"AAAA"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s DaySummary
			if err := s.UnmarshalBinary([]byte(tt.data)); err == nil {
				t.Errorf("UnmarshalBinary(%q) succeeded", tt.data)
			}
		})
	}
}

func TestIsEmpty(t *testing.T) {
	tests := []struct {
		name string
		s    *DaySummary
		want bool
	}{
		{"zero value", &DaySummary{}, true},
		{"empty facts", Summarize(DayFacts{Day: date("2025-03-10")}, berlin(t)), true},
		{"one call", Summarize(DayFacts{Calls: []domain.Call{{Status: "missed"}}}, berlin(t)), false},
		{"a demo day", demoRange(t, "2025-03-10", "2025-03-10"), false},
	}
	for _, tt := range tests {
		if got := tt.s.IsEmpty(); got != tt.want {
			t.Errorf("%s: IsEmpty = %v, want %v", tt.name, got, tt.want)
		}
	}
}
