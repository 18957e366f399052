package calendar

import (
	"strings"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

func iv(open, close string) domain.OpenInterval {
	return domain.OpenInterval{Open: open, Close: close}
}

func TestValidateBusinessHours(t *testing.T) {
	weekly := func(day string, ivs ...domain.OpenInterval) *domain.BusinessHours {
		return &domain.BusinessHours{Weekly: map[string][]domain.OpenInterval{day: ivs}}
	}
	withClosed := func(dates ...string) *domain.BusinessHours {
		h := weekly("monday", iv("09:00", "17:00"))
		h.ClosedDates = dates
		return h
	}
	tests := []struct {
		name    string
		h       *domain.BusinessHours
		wantErr string // substring; "" = valid
	}{
		{"nil", nil, ""},
		{"simple", weekly("monday", iv("09:00", "17:00")), ""},
		{"whole day", weekly("sunday", iv("00:00", "24:00")), ""},
		{"touching intervals", weekly("friday", iv("13:00", "18:00"), iv("09:00", "13:00")), ""},
		{"closed dates", withClosed("2026-12-25", "2027-01-01"), ""},
		{"capitalised weekday", weekly("Monday", iv("09:00", "17:00")), `unknown weekday "Monday"`},
		{"abbreviated weekday", weekly("mon", iv("09:00", "17:00")), "unknown weekday"},
		{"single-digit hour", weekly("monday", iv("9:00", "17:00")), "business_hours.weekly.monday[0].open"},
		{"past 24:00", weekly("monday", iv("09:00", "24:30")), "business_hours.weekly.monday[0].close"},
		{"bad minutes", weekly("monday", iv("09:60", "17:00")), "monday[0].open"},
		{"hour 25", weekly("monday", iv("25:00", "26:00")), "monday[0].open"},
		{"open equals close", weekly("monday", iv("09:00", "09:00")), "not before close"},
		{"open after close", weekly("monday", iv("17:00", "09:00")), "not before close"},
		{"open at 24:00", weekly("monday", iv("24:00", "24:00")), "not before close"},
		{"overlap", weekly("tuesday", iv("09:00", "12:00"), iv("11:00", "13:00")), "tuesday: intervals overlap"},
		{"no intervals", &domain.BusinessHours{Weekly: map[string][]domain.OpenInterval{"monday": nil}}, "no open intervals"},
		{"bad closed date", withClosed("2026-02-30"), "business_hours.closed_dates[0]"},
		{"unpadded closed date", withClosed("2026-12-25", "2026-1-1"), "business_hours.closed_dates[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateBusinessHours(tt.h)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("no error, want %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("error %q does not contain %q", err, tt.wantErr)
			}
		})
	}
}
