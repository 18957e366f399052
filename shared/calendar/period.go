package calendar

import (
	"fmt"
	"time"
)

// Granularity is the length of a report period.
type Granularity string

// The report granularities. Weeks are ISO weeks, starting on Monday.
const (
	Day   Granularity = "day"
	Week  Granularity = "week"
	Month Granularity = "month"
	Year  Granularity = "year"
)

// ParseGranularity parses "day", "week", "month" or "year"; "" means Day.
func ParseGranularity(s string) (Granularity, error) {
	switch g := Granularity(s); g {
	case "":
		return Day, nil
	case Day, Week, Month, Year:
		return g, nil
	}
	return "", fmt.Errorf("invalid granularity %q: want day, week, month or year", s)
}

// Period is one report period. From and To are inclusive, clipped to the
// requested range; Label is the (unclipped) period start date, "YYYY-MM-DD".
type Period struct {
	Label string `json:"period"`
	From  Date   `json:"from"`
	To    Date   `json:"to"`
}

// PeriodOf returns the start date of the period of granularity g that contains
// d (unclipped): d itself, the Monday of its ISO week, the 1st of its month or
// January 1st of its year. An unknown granularity is treated as Day.
func PeriodOf(d Date, g Granularity) Date {
	switch g {
	case Week:
		return d.AddDays(-mondayIndex(d.Weekday()))
	case Month:
		return Date{Year: d.Year, Month: d.Month, Day: 1}
	case Year:
		return Date{Year: d.Year, Month: time.January, Day: 1}
	}
	return d
}

// nextPeriod returns the start of the period after the one starting at start.
func nextPeriod(start Date, g Granularity) Date {
	switch g {
	case Week:
		return start.AddDays(7)
	case Month:
		return DateOf(time.Date(start.Year, start.Month+1, 1, 0, 0, 0, 0, time.UTC))
	case Year:
		return Date{Year: start.Year + 1, Month: time.January, Day: 1}
	}
	return start.AddDays(1)
}

// Periods returns, in order, every period of granularity g that touches
// [from, to], clipped to it. It returns nil when to is before from.
func Periods(from, to Date, g Granularity) []Period {
	if to.Before(from) {
		return nil
	}
	var out []Period
	for start := PeriodOf(from, g); !start.After(to); {
		next := nextPeriod(start, g)
		p := Period{Label: start.String(), From: start, To: next.AddDays(-1)}
		if p.From.Before(from) {
			p.From = from
		}
		if p.To.After(to) {
			p.To = to
		}
		out = append(out, p)
		start = next
	}
	return out
}

// mondayIndex converts a time.Weekday to 0 = Monday … 6 = Sunday.
func mondayIndex(w time.Weekday) int {
	return (int(w) + 6) % 7
}
