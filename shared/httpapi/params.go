package httpapi

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// MaxRangeDays is the longest from..to range a report accepts, both ends included.
const MaxRangeDays = 366

// DefaultRangeDays is the default range: the last 30 days ending today.
const DefaultRangeDays = 30

// ParamError is a rejected query parameter; it answers 400 naming the parameter.
type ParamError struct {
	Param  string
	Detail string
}

// Error implements error.
func (e *ParamError) Error() string { return e.Param + ": " + e.Detail }

// Response renders the 400 problem.
func (e *ParamError) Response() Response { return BadParam(e.Param, e.Detail) }

// ParamProblem renders err as a 400 when it is a *ParamError; ok=false otherwise.
func ParamProblem(err error) (Response, bool) {
	var pe *ParamError
	if errors.As(err, &pe) {
		return pe.Response(), true
	}
	return Response{}, false
}

// DateRange is a from..to range of local dates (both included) and the UTC
// instants [From, To) it covers in the workspace's zone.
type DateRange struct {
	// FromDate and ToDate are the local dates YYYY-MM-DD.
	FromDate, ToDate string
	// From is FromDate 00:00 local; To is the day after ToDate 00:00 local; both in UTC.
	From, To time.Time
	// Location is the workspace's zone.
	Location *time.Location
}

// ParseDateRange reads `from` and `to` (YYYY-MM-DD, inclusive, in timezone). A
// missing `to` is today and a missing `from` is 29 days before `to`; `from` after
// `to` or a range over MaxRangeDays is rejected. Day boundaries follow the zone's
// DST rules.
func ParseDateRange(q url.Values, timezone string, now time.Time) (DateRange, error) {
	if timezone == "" {
		return DateRange{}, errors.New("parse date range: workspace has no time zone")
	}
	loc, err := time.LoadLocation(timezone)
	if err != nil {
		return DateRange{}, fmt.Errorf("parse date range: workspace time zone: %w", err)
	}
	today := now.In(loc)
	toDay := civil(today.Year(), today.Month(), today.Day())
	if s := q.Get("to"); s != "" {
		if toDay, err = parseCivil(s); err != nil {
			return DateRange{}, &ParamError{Param: "to", Detail: "to must be a date YYYY-MM-DD"}
		}
	}
	fromDay := toDay.AddDate(0, 0, -(DefaultRangeDays - 1))
	if s := q.Get("from"); s != "" {
		if fromDay, err = parseCivil(s); err != nil {
			return DateRange{}, &ParamError{Param: "from", Detail: "from must be a date YYYY-MM-DD"}
		}
	}
	if fromDay.After(toDay) {
		return DateRange{}, &ParamError{Param: "from", Detail: "from must not be after to"}
	}
	if days := int(toDay.Sub(fromDay).Hours()/24) + 1; days > MaxRangeDays {
		return DateRange{}, &ParamError{Param: "from", Detail: fmt.Sprintf("range is %d days; at most %d", days, MaxRangeDays)}
	}
	return DateRange{
		FromDate: fromDay.Format(time.DateOnly),
		ToDate:   toDay.Format(time.DateOnly),
		From:     time.Date(fromDay.Year(), fromDay.Month(), fromDay.Day(), 0, 0, 0, 0, loc).UTC(),
		To:       time.Date(toDay.Year(), toDay.Month(), toDay.Day()+1, 0, 0, 0, 0, loc).UTC(),
		Location: loc,
	}, nil
}

// civil is a calendar date as midnight UTC (so day arithmetic has no DST).
func civil(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func parseCivil(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return t, nil
}

// ParseLimit reads `limit` (1..max, default def).
func ParseLimit(q url.Values, def, max int) (int, error) {
	s := q.Get("limit")
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, &ParamError{Param: "limit", Detail: fmt.Sprintf("limit must be an integer from 1 to %d", max)}
	}
	return n, nil
}

// ParseList reads a comma-separated parameter, trimming and dropping empty items
// and duplicates. It returns nil when the parameter is absent or empty.
func ParseList(q url.Values, name string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range q[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}
