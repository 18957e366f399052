package reports

import (
	"errors"
	"net/url"
	"slices"
	"testing"
)

func TestParseRange(t *testing.T) {
	cal := berlin(t)
	now := at("2025-03-10T23:30:00Z") // 00:30 on 2025-03-11 in Berlin
	tests := []struct {
		query    string
		from, to string
		errParam string
	}{
		{"", "2025-02-10", "2025-03-11", ""}, // last 30 days ending local today
		{"to=2025-01-31", "2025-01-02", "2025-01-31", ""},
		{"from=2025-03-01", "2025-03-01", "2025-03-11", ""},
		{"from=2025-03-05&to=2025-03-05", "2025-03-05", "2025-03-05", ""},
		{"from=2024-01-01&to=2024-12-31", "2024-01-01", "2024-12-31", ""}, // 366 days (leap year)
		{"from=2024-01-01&to=2025-01-01", "", "", "to"},                   // 367 days
		{"from=2025-03-06&to=2025-03-05", "", "", "from"},
		{"from=2025-02-30", "", "", "from"},
		{"to=10-03-2025", "", "", "to"},
		{"from=yesterday&to=2025-03-05", "", "", "from"},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		from, to, err := ParseRange(q, cal, now)
		if tt.errParam != "" {
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param != tt.errParam || pe.Detail == "" {
				t.Errorf("%q: err = %v, want a ParamError for %q", tt.query, err, tt.errParam)
			}
			continue
		}
		if err != nil || from.String() != tt.from || to.String() != tt.to {
			t.Errorf("%q = %s..%s, %v; want %s..%s", tt.query, from, to, err, tt.from, tt.to)
		}
	}
}

func TestPreviousRangeAndMonthStart(t *testing.T) {
	tests := []struct{ from, to, pfrom, pto string }{
		{"2025-03-10", "2025-03-12", "2025-03-07", "2025-03-09"},
		{"2025-03-01", "2025-03-31", "2025-01-29", "2025-02-28"},
		{"2025-03-10", "2025-03-10", "2025-03-09", "2025-03-09"},
	}
	for _, tt := range tests {
		pf, pt := PreviousRange(date(tt.from), date(tt.to))
		if pf.String() != tt.pfrom || pt.String() != tt.pto {
			t.Errorf("PreviousRange(%s, %s) = %s, %s; want %s, %s", tt.from, tt.to, pf, pt, tt.pfrom, tt.pto)
		}
	}
	if got := MonthStart(date("2025-02-28")).String(); got != "2025-02-01" {
		t.Errorf("MonthStart = %s", got)
	}
}

func TestParseParams(t *testing.T) {
	type result struct {
		val any
		err string // failing parameter, "" for success
	}
	run := func(query string, f func(url.Values) (any, error)) result {
		q, _ := url.ParseQuery(query)
		v, err := f(q)
		var pe *ParamError
		if errors.As(err, &pe) {
			return result{nil, pe.Param}
		}
		if err != nil {
			return result{nil, "untyped: " + err.Error()}
		}
		return result{v, ""}
	}
	granularity := func(q url.Values) (any, error) { g, err := ParseGranularity(q); return string(g), err }
	groupBy := func(q url.Values) (any, error) { return ParseGroupBy(q) }
	bh := func(q url.Values) (any, error) { return ParseBusinessHours(q) }
	limit := func(q url.Values) (any, error) { return ParseLimit(q) }
	tests := []struct {
		name  string
		query string
		f     func(url.Values) (any, error)
		want  result
	}{
		{"granularity default", "", granularity, result{"day", ""}},
		{"granularity week", "granularity=week", granularity, result{"week", ""}},
		{"granularity bad", "granularity=hour", granularity, result{nil, "granularity"}},
		{"group_by default", "", groupBy, result{"agent", ""}},
		{"group_by team", "group_by=team", groupBy, result{"team", ""}},
		{"group_by bad", "group_by=role", groupBy, result{nil, "group_by"}},
		{"business_hours default", "", bh, result{false, ""}},
		{"business_hours true", "business_hours=true", bh, result{true, ""}},
		{"business_hours bad", "business_hours=1", bh, result{nil, "business_hours"}},
		{"limit default", "", limit, result{50, ""}},
		{"limit 1", "limit=1", limit, result{1, ""}},
		{"limit 500", "limit=500", limit, result{500, ""}},
		{"limit 0", "limit=0", limit, result{nil, "limit"}},
		{"limit 501", "limit=501", limit, result{nil, "limit"}},
		{"limit text", "limit=ten", limit, result{nil, "limit"}},
	}
	for _, tt := range tests {
		if got := run(tt.query, tt.f); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestParseAgents(t *testing.T) {
	tests := []struct {
		query   string
		want    []string
		wantErr bool
	}{
		{"", nil, false},
		{"agent=ana", []string{"ana"}, false},
		{"agent=ana,%20bob,ana", []string{"ana", "bob"}, false},
		{"agent=", nil, true},
		{"agent=ana,,bob", nil, true},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		got, err := ParseAgents(q)
		var pe *ParamError
		if tt.wantErr != (errors.As(err, &pe) && pe.Param == "agent") || !slices.Equal(got, tt.want) {
			t.Errorf("%q = %v, %v; want %v (err %v)", tt.query, got, err, tt.want, tt.wantErr)
		}
	}
}
