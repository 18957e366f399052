package calendar

import (
	"reflect"
	"testing"
)

func TestParseGranularity(t *testing.T) {
	tests := []struct {
		in      string
		want    Granularity
		wantErr bool
	}{
		{"", Day, false}, {"day", Day, false}, {"week", Week, false}, {"month", Month, false},
		{"year", Year, false}, {"Week", "", true}, {"quarter", "", true},
	}
	for _, tt := range tests {
		got, err := ParseGranularity(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseGranularity(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestPeriodOf(t *testing.T) {
	tests := []struct {
		d    string
		g    Granularity
		want string
	}{
		{"2026-03-08", Day, "2026-03-08"},
		{"2026-03-08", Week, "2026-03-02"}, // Sunday → its Monday
		{"2026-03-09", Week, "2026-03-09"}, // Monday
		{"2027-01-03", Week, "2026-12-28"}, // ISO week across the year boundary
		{"2026-02-28", Month, "2026-02-01"},
		{"2026-12-31", Year, "2026-01-01"},
	}
	for _, tt := range tests {
		if got := PeriodOf(mustDate(t, tt.d), tt.g); got.String() != tt.want {
			t.Errorf("PeriodOf(%s, %s) = %s, want %s", tt.d, tt.g, got, tt.want)
		}
	}
}

func TestPeriods(t *testing.T) {
	type p = [3]string // label, from, to
	tests := []struct {
		name     string
		from, to string
		g        Granularity
		want     []p
	}{
		{"days", "2026-02-27", "2026-03-02", Day, []p{
			{"2026-02-27", "2026-02-27", "2026-02-27"}, {"2026-02-28", "2026-02-28", "2026-02-28"},
			{"2026-03-01", "2026-03-01", "2026-03-01"}, {"2026-03-02", "2026-03-02", "2026-03-02"},
		}},
		{"ISO week across a year boundary", "2026-12-28", "2027-01-03", Week, []p{
			{"2026-12-28", "2026-12-28", "2027-01-03"},
		}},
		{"weeks clipped", "2026-12-30", "2027-01-05", Week, []p{
			{"2026-12-28", "2026-12-30", "2027-01-03"}, {"2027-01-04", "2027-01-04", "2027-01-05"},
		}},
		{"months clipped", "2026-01-15", "2026-03-10", Month, []p{
			{"2026-01-01", "2026-01-15", "2026-01-31"}, {"2026-02-01", "2026-02-01", "2026-02-28"},
			{"2026-03-01", "2026-03-01", "2026-03-10"},
		}},
		{"december to january", "2026-12-01", "2027-01-31", Month, []p{
			{"2026-12-01", "2026-12-01", "2026-12-31"}, {"2027-01-01", "2027-01-01", "2027-01-31"},
		}},
		{"years clipped", "2025-11-01", "2027-02-01", Year, []p{
			{"2025-01-01", "2025-11-01", "2025-12-31"}, {"2026-01-01", "2026-01-01", "2026-12-31"},
			{"2027-01-01", "2027-01-01", "2027-02-01"},
		}},
		{"single day, month granularity", "2026-05-17", "2026-05-17", Month, []p{
			{"2026-05-01", "2026-05-17", "2026-05-17"},
		}},
		{"to before from", "2026-05-17", "2026-05-16", Day, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []p
			for _, per := range Periods(mustDate(t, tt.from), mustDate(t, tt.to), tt.g) {
				got = append(got, p{per.Label, per.From.String(), per.To.String()})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Periods(%s, %s, %s) =\n %v\nwant\n %v", tt.from, tt.to, tt.g, got, tt.want)
			}
		})
	}
}

func TestPeriodsCoverEveryDayOnce(t *testing.T) {
	from, to := Date{2025, 12, 20}, Date{2027, 1, 10}
	for _, g := range []Granularity{Day, Week, Month, Year} {
		next := from
		for _, per := range Periods(from, to, g) {
			if per.From != next || per.To.Before(per.From) {
				t.Fatalf("%s: period %+v does not start at %s", g, per, next)
			}
			if PeriodOf(per.From, g).String() != per.Label || PeriodOf(per.To, g).String() != per.Label {
				t.Fatalf("%s: period %+v spans more than one %s", g, per, g)
			}
			next = per.To.AddDays(1)
		}
		if next != to.AddDays(1) {
			t.Errorf("%s: periods end at %s, want %s", g, next.AddDays(-1), to)
		}
	}
}
