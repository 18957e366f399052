package calendar

import (
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

const (
	hourMs = int64(time.Hour / time.Millisecond)
	minMs  = int64(time.Minute / time.Millisecond)
)

// officeHours is Monday–Friday 09:00–17:00, closed on Wednesday 2026-03-11.
var officeHours = &domain.BusinessHours{
	Weekly: map[string][]domain.OpenInterval{
		"monday": {{Open: "09:00", Close: "17:00"}}, "tuesday": {{Open: "09:00", Close: "17:00"}},
		"wednesday": {{Open: "09:00", Close: "17:00"}}, "thursday": {{Open: "09:00", Close: "17:00"}},
		"friday": {{Open: "09:00", Close: "17:00"}},
	},
	ClosedDates: []string{"2026-03-11"},
}

func sundayHours(open, close string) *domain.BusinessHours {
	return &domain.BusinessHours{Weekly: map[string][]domain.OpenInterval{"sunday": {{Open: open, Close: close}}}}
}

func TestOpenMillis(t *testing.T) {
	tests := []struct {
		name       string
		zone       string
		hours      *domain.BusinessHours
		start, end string // RFC 3339 instants
		want       int64
	}{
		{"no hours: plain duration", "America/New_York", nil, "2026-03-08T05:00:00Z", "2026-03-09T04:00:00.250Z", 23*hourMs + 250},
		{"end before start", "America/New_York", officeHours, "2026-03-09T15:00:00Z", "2026-03-09T14:00:00Z", 0},
		{"end equals start", "America/New_York", nil, "2026-03-09T15:00:00Z", "2026-03-09T15:00:00Z", 0},
		// Friday 16:00 EST → Monday 10:00 EDT: 1 h Friday + 1 h Monday, nothing on the weekend.
		{"over a weekend", "America/New_York", officeHours, "2026-03-06T21:00:00Z", "2026-03-09T14:00:00Z", 2 * hourMs},
		// Tuesday 00:00 → Thursday 00:00 EDT, Wednesday closed: only Tuesday's 8 h.
		{"closed date", "America/New_York", officeHours, "2026-03-10T04:00:00Z", "2026-03-12T04:00:00Z", 8 * hourMs},
		// Monday 12:30 EDT → 20:00 EDT: 12:30–17:00.
		{"starts mid-interval", "America/New_York", officeHours, "2026-03-09T16:30:00Z", "2026-03-10T00:00:00Z", 4*hourMs + 30*minMs},
		{"inside one interval", "America/New_York", officeHours, "2026-03-09T13:00:00Z", "2026-03-09T13:00:00.500Z", 500},
		{"entirely closed hours", "America/New_York", officeHours, "2026-03-09T22:00:00Z", "2026-03-10T12:59:59Z", 0},
		// 01:00–04:00 on the 23-hour day: 01:00 EST (06:00Z) → 04:00 EDT (08:00Z) = 2 h.
		{"NY spring forward over the gap", "America/New_York", sundayHours("01:00", "04:00"), "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", 2 * hourMs},
		{"NY spring forward from mid-interval", "America/New_York", sundayHours("01:00", "04:00"), "2026-03-08T06:30:00Z", "2026-03-08T12:00:00Z", 90 * minMs},
		{"NY spring forward whole day", "America/New_York", sundayHours("00:00", "24:00"), "2026-03-08T00:00:00Z", "2026-03-10T00:00:00Z", 23 * hourMs},
		{"NY fall back whole day", "America/New_York", sundayHours("00:00", "24:00"), "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", 25 * hourMs},
		// 01:00–02:00 happens twice on the fall-back day.
		{"NY fall back repeated hour", "America/New_York", sundayHours("01:00", "02:00"), "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z", 2 * hourMs},
		{"NY fall back only second 01:xx", "America/New_York", sundayHours("01:00", "02:00"), "2026-11-01T06:00:00Z", "2026-11-01T12:00:00Z", hourMs},
		{"Berlin spring forward whole day", "Europe/Berlin", sundayHours("00:00", "24:00"), "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z", 23 * hourMs},
		{"Berlin skipped hour is never open", "Europe/Berlin", sundayHours("02:00", "03:00"), "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z", 0},
		{"Berlin fall back whole day", "Europe/Berlin", sundayHours("00:00", "24:00"), "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z", 25 * hourMs},
		{"Berlin fall back repeated hour", "Europe/Berlin", sundayHours("02:00", "03:00"), "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z", 2 * hourMs},
		// Monday 2026-03-09 00:00 WIB → Monday 2026-03-16 00:00 WIB: 5 weekdays, Wednesday closed.
		{"Jakarta week", "Asia/Jakarta", officeHours, "2026-03-08T17:00:00Z", "2026-03-15T17:00:00Z", 32 * hourMs},
		// The whole of 2026 in Berlin: 261 weekdays, one closed, 8 h each, across both DST changes.
		{"Berlin year", "Europe/Berlin", officeHours, "2025-12-31T23:00:00Z", "2026-12-31T23:00:00Z", 260 * 8 * hourMs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCal(t, tt.zone, tt.hours)
			if got := c.HasBusinessHours(); got != (tt.hours != nil) {
				t.Errorf("HasBusinessHours() = %v", got)
			}
			if got := c.OpenMillis(utc(t, tt.start), utc(t, tt.end)); got != tt.want {
				t.Errorf("OpenMillis = %d ms (%v), want %d ms (%v)", got,
					time.Duration(got)*time.Millisecond, tt.want, time.Duration(tt.want)*time.Millisecond)
			}
		})
	}
}

// TestOpenMillisAdditive checks that splitting a range anywhere does not change the total.
func TestOpenMillisAdditive(t *testing.T) {
	for _, zone := range []string{"America/New_York", "Europe/Berlin", "Asia/Jakarta"} {
		c := mustCal(t, zone, officeHours)
		start, end := utc(t, "2026-03-01T00:00:00Z"), utc(t, "2026-11-15T00:00:00Z")
		whole := c.OpenMillis(start, end)
		for _, cut := range []string{"2026-03-08T06:30:00Z", "2026-03-09T14:17:03.5Z", "2026-11-01T05:30:00Z", "2026-10-25T00:30:00Z"} {
			m := utc(t, cut)
			if got := c.OpenMillis(start, m) + c.OpenMillis(m, end); got != whole {
				t.Errorf("%s: split at %s gives %d, whole range %d", zone, cut, got, whole)
			}
		}
	}
}

func BenchmarkOpenMillisQuarter(b *testing.B) {
	c, err := New("Europe/Berlin", officeHours)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 3, 0)
	for b.Loop() {
		c.OpenMillis(start, end)
	}
}
