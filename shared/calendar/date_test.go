package calendar

import (
	"encoding/json"
	"testing"
	"time"
)

func mustDate(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{in: "2026-03-08", want: Date{2026, time.March, 8}},
		{in: "2024-02-29", want: Date{2024, time.February, 29}},
		{in: "2026-02-30", wantErr: true},
		{in: "2025-02-29", wantErr: true},
		{in: "2026-1-5", wantErr: true},
		{in: "2026-01-5", wantErr: true},
		{in: "", wantErr: true},
		{in: "2026-13-01", wantErr: true},
		{in: " 2026-01-05", wantErr: true},
		{in: "2026-01-05T00:00:00Z", wantErr: true},
		{in: "2026/01/05", wantErr: true},
		{in: "+026-01-05", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want error", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-12-28", 7, "2027-01-04"},
		{"2026-03-01", -1, "2026-02-28"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2026-03-08", 0, "2026-03-08"},
		{"1969-12-31", 1, "1970-01-01"},
		{"2026-01-01", 365, "2027-01-01"},
	}
	for _, tt := range tests {
		from, want := mustDate(t, tt.from), mustDate(t, tt.want)
		if got := from.AddDays(tt.n); got != want {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, want)
		}
		if got := DaysBetween(from, want); got != tt.n {
			t.Errorf("DaysBetween(%s, %s) = %d, want %d", tt.from, tt.want, got, tt.n)
		}
		if got := DaysBetween(want, from); got != -tt.n {
			t.Errorf("DaysBetween(%s, %s) = %d, want %d", tt.want, tt.from, got, -tt.n)
		}
		if tt.n > 0 && (!from.Before(want) || from.After(want) || !want.After(from)) {
			t.Errorf("ordering of %s and %s is wrong", tt.from, tt.want)
		}
		if tt.n == 0 && (from.Before(want) || from.After(want)) {
			t.Errorf("%s is before/after itself", tt.from)
		}
	}
}

func TestDateOrderingAcrossFields(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2025-12-31", "2026-01-01", -1},
		{"2026-02-01", "2026-01-31", 1},
		{"2026-01-02", "2026-01-10", -1},
		{"2026-01-02", "2026-01-02", 0},
	}
	for _, tt := range tests {
		if got := mustDate(t, tt.a).Compare(mustDate(t, tt.b)); got != tt.want {
			t.Errorf("Compare(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDateJSON(t *testing.T) {
	b, err := json.Marshal(struct{ D Date }{Date{2026, time.July, 4}})
	if err != nil || string(b) != `{"D":"2026-07-04"}` {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	var v struct{ D Date }
	if err := json.Unmarshal([]byte(`{"D":"2026-12-31"}`), &v); err != nil || v.D != (Date{2026, time.December, 31}) {
		t.Fatalf("unmarshal = %v, %v", v.D, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"2026-02-30"}`), &v); err == nil {
		t.Fatal("unmarshal of 2026-02-30 succeeded, want error")
	}
}
