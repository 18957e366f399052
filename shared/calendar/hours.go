package calendar

import (
	"errors"
	"fmt"
	"slices"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// weekdayNames are the accepted keys of BusinessHours.Weekly, indexed 0 = Monday.
var weekdayNames = [7]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// span is an open interval of a day in seconds after local midnight: [open, close).
type span struct{ open, close int64 }

// weekly holds the sorted open spans per weekday, 0 = Monday.
type weekly [7][]span

// ValidateBusinessHours checks h: weekday keys are lower-case English names,
// times are "HH:MM" between 00:00 and 24:00, open < close, a day's intervals do
// not overlap (touching is allowed), at least one interval exists, and closed
// dates are YYYY-MM-DD. A nil h is valid (no business hours). Error messages
// name the offending field, e.g. "business_hours.weekly.monday[0].open".
func ValidateBusinessHours(h *domain.BusinessHours) error {
	_, _, err := parseHours(h)
	return err
}

// parseHours validates h and converts it to spans and closed day numbers.
func parseHours(h *domain.BusinessHours) (weekly, map[int64]struct{}, error) {
	var w weekly
	if h == nil {
		return w, nil, nil
	}
	total := 0
	for name, intervals := range h.Weekly {
		day := slices.Index(weekdayNames[:], name)
		if day < 0 {
			return w, nil, fmt.Errorf("business_hours.weekly: unknown weekday %q (want monday..sunday, lower case)", name)
		}
		spans := make([]span, 0, len(intervals))
		for i, iv := range intervals {
			field := fmt.Sprintf("business_hours.weekly.%s[%d]", name, i)
			open, err := parseClock(iv.Open)
			if err != nil {
				return w, nil, fmt.Errorf("%s.open: %w", field, err)
			}
			closeAt, err := parseClock(iv.Close)
			if err != nil {
				return w, nil, fmt.Errorf("%s.close: %w", field, err)
			}
			if open >= closeAt {
				return w, nil, fmt.Errorf("%s: open %s is not before close %s", field, iv.Open, iv.Close)
			}
			spans = append(spans, span{open, closeAt})
		}
		slices.SortFunc(spans, func(a, b span) int { return int(a.open - b.open) })
		for i := 1; i < len(spans); i++ {
			if spans[i].open < spans[i-1].close {
				return w, nil, fmt.Errorf("business_hours.weekly.%s: intervals overlap", name)
			}
		}
		w[day] = spans
		total += len(spans)
	}
	if total == 0 {
		return w, nil, errors.New("business_hours.weekly: no open intervals (omit business_hours to disable them)")
	}
	closed := make(map[int64]struct{}, len(h.ClosedDates))
	for i, s := range h.ClosedDates {
		d, err := ParseDate(s)
		if err != nil {
			return w, nil, fmt.Errorf("business_hours.closed_dates[%d]: %w", i, err)
		}
		closed[d.dayNumber()] = struct{}{}
	}
	return w, closed, nil
}

// parseClock parses "HH:MM" (00:00..24:00) into seconds after midnight.
func parseClock(s string) (int64, error) {
	if len(s) != 5 || s[2] != ':' || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[3]) || !isDigit(s[4]) {
		return 0, fmt.Errorf("invalid time %q: want HH:MM", s)
	}
	hh := int64(s[0]-'0')*10 + int64(s[1]-'0')
	mm := int64(s[3]-'0')*10 + int64(s[4]-'0')
	if mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("invalid time %q: want 00:00..24:00", s)
	}
	return hh*3600 + mm*60, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
