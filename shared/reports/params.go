package reports

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
)

// Range limits of the from/to parameters.
const (
	DefaultRangeDays = 30
	MaxRangeDays     = 366
)

// ParamError is a bad query parameter: the handlers answer it with 400.
type ParamError struct {
	Param  string
	Detail string
}

// Error implements error.
func (e *ParamError) Error() string {
	return fmt.Sprintf("invalid parameter %q: %s", e.Param, e.Detail)
}

func paramErr(param, format string, args ...any) *ParamError {
	return &ParamError{Param: param, Detail: fmt.Sprintf(format, args...)}
}

// ParseRange reads from and to (inclusive local dates). Defaults: to = today,
// from = to − 29 days (the last 30 days). from after to, more than 366 days,
// or a malformed date is a *ParamError naming the parameter.
func ParseRange(q url.Values, cal *calendar.Calendar, now time.Time) (from, to calendar.Date, err error) {
	to = cal.Today(now)
	if s := q.Get("to"); s != "" {
		if to, err = calendar.ParseDate(s); err != nil {
			return from, to, paramErr("to", "want a date YYYY-MM-DD, got %q", s)
		}
	}
	from = to.AddDays(-(DefaultRangeDays - 1))
	if s := q.Get("from"); s != "" {
		if from, err = calendar.ParseDate(s); err != nil {
			return from, to, paramErr("from", "want a date YYYY-MM-DD, got %q", s)
		}
	}
	return from, to, CheckRange(from, to)
}

// CheckRange is the rule every from/to pair follows (reports, tickets,
// exports): from not after to, at most MaxRangeDays days.
func CheckRange(from, to calendar.Date) error {
	if from.After(to) {
		return paramErr("from", "from %s is after to %s", from, to)
	}
	if n := calendar.DaysBetween(from, to) + 1; n > MaxRangeDays {
		return paramErr("to", "range of %d days is longer than %d days", n, MaxRangeDays)
	}
	return nil
}

// PreviousRange returns the equally long window just before [from, to].
func PreviousRange(from, to calendar.Date) (pfrom, pto calendar.Date) {
	n := calendar.DaysBetween(from, to) + 1
	return from.AddDays(-n), from.AddDays(-1)
}

// MonthStart returns the 1st of to's month: monthly_active_users covers MonthStart(to)..to.
func MonthStart(to calendar.Date) calendar.Date {
	return calendar.Date{Year: to.Year, Month: to.Month, Day: 1}
}

// ParseGranularity reads granularity (default day).
func ParseGranularity(q url.Values) (calendar.Granularity, error) {
	g, err := calendar.ParseGranularity(q.Get("granularity"))
	if err != nil {
		return "", paramErr("granularity", "want day, week, month or year, got %q", q.Get("granularity"))
	}
	return g, nil
}

// ParseGroupBy reads group_by: agent (default) or team.
func ParseGroupBy(q url.Values) (string, error) {
	switch s := q.Get("group_by"); s {
	case "", GroupByAgent:
		return GroupByAgent, nil
	case GroupByTeam:
		return GroupByTeam, nil
	default:
		return "", paramErr("group_by", "want agent or team, got %q", s)
	}
}

// ParseBusinessHours reads business_hours: true or false (default false).
func ParseBusinessHours(q url.Values) (bool, error) {
	switch s := q.Get("business_hours"); s {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	default:
		return false, paramErr("business_hours", "want true or false, got %q", s)
	}
}

// ParseLimit reads limit: 1..500, default 50.
func ParseLimit(q url.Values) (int, error) {
	s := q.Get("limit")
	if s == "" {
		return DefaultLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxLimit {
		return 0, paramErr("limit", "want an integer from 1 to %d, got %q", MaxLimit, s)
	}
	return n, nil
}

// ParseAgents reads agent, a comma-separated list of agent ids: nil when
// absent, ids trimmed and deduplicated in order. An empty id is an error.
func ParseAgents(q url.Values) ([]string, error) {
	if !q.Has("agent") {
		return nil, nil
	}
	var ids []string
	seen := map[string]bool{}
	for _, part := range strings.Split(q.Get("agent"), ",") {
		id := strings.TrimSpace(part)
		if id == "" {
			return nil, paramErr("agent", "want comma-separated agent ids, got %q", q.Get("agent"))
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}
