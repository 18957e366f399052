package calendar

import (
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

func mustCal(t *testing.T, zone string, h *domain.BusinessHours) *Calendar {
	t.Helper()
	c, err := New(zone, h)
	if err != nil {
		t.Fatalf("New(%q): %v", zone, err)
	}
	return c
}

func utc(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

func TestNew(t *testing.T) {
	tests := []struct {
		zone    string
		wantErr bool
	}{
		{"America/New_York", false}, {"UTC", false}, {"Asia/Jakarta", false},
		{"", true}, {"Local", true}, {"Mars/Olympus", true},
	}
	for _, tt := range tests {
		_, err := New(tt.zone, nil)
		if (err != nil) != tt.wantErr {
			t.Errorf("New(%q) error = %v, want error %v", tt.zone, err, tt.wantErr)
		}
	}
	bad := &domain.BusinessHours{Weekly: map[string][]domain.OpenInterval{"monday": {{Open: "9", Close: "17:00"}}}}
	if _, err := New("UTC", bad); err == nil {
		t.Error("New with invalid hours succeeded, want error")
	}
}

func TestDayOf(t *testing.T) {
	tests := []struct {
		zone, at, want string
	}{
		{"America/New_York", "2026-01-15T04:59:59.999Z", "2026-01-14"},
		{"America/New_York", "2026-01-15T05:00:00Z", "2026-01-15"},
		{"America/New_York", "2026-07-15T03:59:59Z", "2026-07-14"}, // EDT
		{"America/New_York", "2026-07-15T04:00:00Z", "2026-07-15"},
		{"Europe/Berlin", "2026-06-30T21:59:59Z", "2026-06-30"},
		{"Europe/Berlin", "2026-06-30T22:00:00Z", "2026-07-01"},
		{"Europe/Berlin", "2026-12-31T23:00:00Z", "2027-01-01"},
		{"Asia/Jakarta", "2025-12-31T16:59:59Z", "2025-12-31"},
		{"Asia/Jakarta", "2025-12-31T17:00:00Z", "2026-01-01"},
		{"UTC", "2026-03-08T23:59:59Z", "2026-03-08"},
	}
	for _, tt := range tests {
		c := mustCal(t, tt.zone, nil)
		at := utc(t, tt.at)
		if got := c.DayOf(at); got.String() != tt.want {
			t.Errorf("%s DayOf(%s) = %s, want %s", tt.zone, tt.at, got, tt.want)
		}
		if got := c.Today(at); got.String() != tt.want {
			t.Errorf("%s Today(%s) = %s, want %s", tt.zone, tt.at, got, tt.want)
		}
	}
}

func TestStartOfAndBounds(t *testing.T) {
	tests := []struct {
		name      string
		zone      string
		day       string
		wantStart string
		wantEnd   string // StartOf(day+1)
		wantHours float64
	}{
		{"NY spring forward", "America/New_York", "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", 23},
		{"NY fall back", "America/New_York", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", 25},
		{"NY winter", "America/New_York", "2026-01-15", "2026-01-15T05:00:00Z", "2026-01-16T05:00:00Z", 24},
		{"Berlin spring forward", "Europe/Berlin", "2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 23},
		{"Berlin fall back", "Europe/Berlin", "2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 25},
		{"Jakarta", "Asia/Jakarta", "2026-03-08", "2026-03-07T17:00:00Z", "2026-03-08T17:00:00Z", 24},
		// Chile moves clocks from 24:00 Saturday to 01:00 Sunday: local midnight does not exist,
		// the day starts at the jump (04:00Z, 01:00 -03) and lasts 23 h.
		{"Santiago midnight gap", "America/Santiago", "2026-09-06", "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z", 23},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCal(t, tt.zone, nil)
			d := mustDate(t, tt.day)
			start, end := c.Bounds(d, d)
			if got := c.StartOf(d); !got.Equal(start) || got.Location() != time.UTC {
				t.Errorf("StartOf = %v, Bounds start = %v (want equal, in UTC)", got, start)
			}
			if start.Format(time.RFC3339) != tt.wantStart || end.Format(time.RFC3339) != tt.wantEnd {
				t.Errorf("Bounds = [%s, %s), want [%s, %s)", start.Format(time.RFC3339), end.Format(time.RFC3339), tt.wantStart, tt.wantEnd)
			}
			if h := end.Sub(start).Hours(); h != tt.wantHours {
				t.Errorf("day length = %v h, want %v h", h, tt.wantHours)
			}
			if got := c.DayOf(start); got != d {
				t.Errorf("DayOf(start) = %s, want %s", got, d)
			}
			if got := c.DayOf(start.Add(-time.Nanosecond)); got != d.AddDays(-1) {
				t.Errorf("DayOf(start−1ns) = %s, want %s", got, d.AddDays(-1))
			}
		})
	}
}

func TestBoundsMultiDay(t *testing.T) {
	c := mustCal(t, "Europe/Berlin", nil)
	start, end := c.Bounds(Date{2026, time.March, 1}, Date{2026, time.March, 31})
	if start.Format(time.RFC3339) != "2026-02-28T23:00:00Z" || end.Format(time.RFC3339) != "2026-03-31T22:00:00Z" {
		t.Errorf("March bounds = [%s, %s)", start.Format(time.RFC3339), end.Format(time.RFC3339))
	}
	if got := end.Sub(start); got != 31*24*time.Hour-time.Hour {
		t.Errorf("March length = %v, want 743h", got)
	}
}

func TestWeekdayHour(t *testing.T) {
	tests := []struct {
		zone, at        string
		wantDay, wantHr int
	}{
		{"America/New_York", "2026-03-08T06:59:00Z", 6, 1}, // Sunday 01:59 EST
		{"America/New_York", "2026-03-08T07:00:00Z", 6, 3}, // Sunday 03:00 EDT (02:xx skipped)
		{"America/New_York", "2026-11-01T05:30:00Z", 6, 1}, // 01:30 EDT
		{"America/New_York", "2026-11-01T06:30:00Z", 6, 1}, // 01:30 EST, second time
		{"America/New_York", "2026-03-09T04:00:00Z", 0, 0}, // Monday 00:00 EDT
		{"Europe/Berlin", "2026-10-25T00:30:00Z", 6, 2},    // 02:30 CEST
		{"Europe/Berlin", "2026-10-25T01:30:00Z", 6, 2},    // 02:30 CET
		{"Asia/Jakarta", "2026-03-09T02:00:00Z", 0, 9},     // Monday 09:00 WIB
		{"Asia/Jakarta", "2026-03-08T16:59:59Z", 6, 23},    // Sunday 23:59:59
		{"UTC", "2026-03-14T12:00:00Z", 5, 12},             // Saturday
	}
	for _, tt := range tests {
		day, hour := mustCal(t, tt.zone, nil).WeekdayHour(utc(t, tt.at))
		if day != tt.wantDay || hour != tt.wantHr {
			t.Errorf("%s WeekdayHour(%s) = (%d, %d), want (%d, %d)", tt.zone, tt.at, day, hour, tt.wantDay, tt.wantHr)
		}
	}
}
