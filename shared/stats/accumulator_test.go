package stats

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func statsOf(values ...int64) Stats {
	var a Accumulator
	for _, v := range values {
		a.AddMillis(v)
	}
	return a.Stats()
}

func TestEmptyStatsJSONGolden(t *testing.T) {
	var a Accumulator
	got, err := json.Marshal(a.Stats())
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "empty.golden.json"))
	if err != nil {
		t.Fatalf("read golden: %v", err)
	}
	if !bytes.Equal(got, bytes.TrimSpace(want)) {
		t.Errorf("empty stats JSON = %s, want %s", got, want)
	}
	if a.Count() != 0 {
		t.Errorf("Count() = %d, want 0", a.Count())
	}
}

// within reports whether got (seconds) is within 1% of exact (milliseconds), exactly for zero.
func within(got float64, exactMillis int64) bool {
	e := float64(exactMillis) / 1000
	if exactMillis == 0 {
		return got == 0
	}
	return math.Abs(got-e) <= 0.01*math.Abs(e)
}

func TestSmallPopulations(t *testing.T) {
	tests := []struct {
		name             string
		values           []int64
		wantAvg          float64
		wantP50, wantP90 int64 // exact nearest-rank values, ms
	}{
		{"one value", []int64{4200}, 4.2, 4200, 4200},
		{"one zero", []int64{0}, 0, 0, 0},
		{"two values", []int64{5000, 1000}, 3, 1000, 5000},
		{"two values reversed", []int64{1000, 5000}, 3, 1000, 5000},
		{"negative and positive", []int64{-3000, 7000}, 2, -3000, 7000},
		{"ten values", []int64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 0.0055, 5, 9},
		{"eleven values", []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.006, 6, 10},
		{"all equal", []int64{60000, 60000, 60000}, 60, 60000, 60000},
		{"zeros and ones", []int64{0, 0, 0, 1000}, 0.25, 0, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := statsOf(tt.values...)
			if s.Count != int64(len(tt.values)) {
				t.Errorf("Count = %d, want %d", s.Count, len(tt.values))
			}
			if s.Avg == nil || s.P50 == nil || s.P90 == nil {
				t.Fatalf("nil field in %+v", s)
			}
			if math.Abs(*s.Avg-tt.wantAvg) > 1e-12 {
				t.Errorf("Avg = %v, want %v", *s.Avg, tt.wantAvg)
			}
			if !within(*s.P50, tt.wantP50) {
				t.Errorf("P50 = %v, want %v ±1%%", *s.P50, float64(tt.wantP50)/1000)
			}
			if !within(*s.P90, tt.wantP90) {
				t.Errorf("P90 = %v, want %v ±1%%", *s.P90, float64(tt.wantP90)/1000)
			}
		})
	}
}

func TestQuantile(t *testing.T) {
	var a Accumulator
	for v := int64(1); v <= 100; v++ {
		a.AddMillis(v * 1000)
	}
	tests := []struct {
		q    float64
		want int64 // ms; nearest rank ceil(q·100)
	}{
		{0.01, 1000}, {0.5, 50000}, {0.9, 90000}, {0.99, 99000}, {1, 100000}, {0.111, 12000},
	}
	for _, tt := range tests {
		got := a.Quantile(tt.q)
		if got == nil || !within(*got, tt.want) {
			t.Errorf("Quantile(%v) = %v, want %v ±1%%", tt.q, got, tt.want)
		}
	}
	for _, q := range []float64{0, -1, 1.5, math.NaN()} {
		if got := a.Quantile(q); got != nil {
			t.Errorf("Quantile(%v) = %v, want nil", q, *got)
		}
	}
}

func TestNearestRank(t *testing.T) {
	tests := []struct {
		q    float64
		n    int64
		want int64
	}{
		{0.5, 1, 1}, {0.9, 1, 1}, {0.5, 2, 1}, {0.9, 2, 2}, {0.9, 10, 9}, {0.9, 11, 10},
		{0.5, 3, 2}, {0.1, 30, 3}, {0.7, 10, 7}, {0.9, 1000000, 900000},
	}
	for _, tt := range tests {
		if got := nearestRank(tt.q, tt.n); got != tt.want {
			t.Errorf("nearestRank(%v, %d) = %d, want %d", tt.q, tt.n, got, tt.want)
		}
		if tt.q == 0.5 || tt.q == 0.9 {
			num := int64(math.Round(tt.q * 10))
			if got := exactRank(num, 10, tt.n); got != tt.want {
				t.Errorf("exactRank(%d/10, %d) = %d, want %d", num, tt.n, got, tt.want)
			}
		}
	}
}

func TestMergeEmptyAndSelf(t *testing.T) {
	var a, empty Accumulator
	a.AddMillis(1000)
	a.AddMillis(3000)
	a.Merge(&empty)
	a.Merge(nil)
	if a.Count() != 2 || a.SumMillis() != 4000 {
		t.Fatalf("after merging empty: count %d sum %d, want 2 and 4000", a.Count(), a.SumMillis())
	}
	a.Merge(&a)
	if a.Count() != 4 || a.SumMillis() != 8000 {
		t.Fatalf("after self merge: count %d sum %d, want 4 and 8000", a.Count(), a.SumMillis())
	}
	var b Accumulator
	b.Merge(&a)
	if got, want := b.Stats(), a.Stats(); !statsEqual(got, want) {
		t.Errorf("zero value merged = %+v, want %+v", got, want)
	}
}

func TestUnmarshalErrors(t *testing.T) {
	var full Accumulator
	full.AddMillis(1500)
	full.AddMillis(-20)
	good, err := full.MarshalBinary()
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	badCount := append([]byte{codecVersion, 5}, good[2:]...) // header says 5 values, sketch holds 2
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"unknown version", []byte{9, 0, 0}},
		{"truncated header", []byte{codecVersion}},
		{"count mismatch", badCount},
		{"empty with trailing bytes", []byte{codecVersion, 0, 0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Accumulator
			if err := a.UnmarshalBinary(tt.data); err == nil {
				t.Errorf("UnmarshalBinary(%x) succeeded, want error", tt.data)
			}
		})
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		values []int64
	}{
		{"empty", nil},
		{"one", []int64{42}},
		{"mixed", []int64{-5000, 0, 0, 1, 999, 86_400_000, 3_600_000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Accumulator
			for _, v := range tt.values {
				a.AddMillis(v)
			}
			b, err := a.MarshalBinary()
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			var back Accumulator
			back.AddMillis(7) // must be replaced, not merged
			if err := back.UnmarshalBinary(b); err != nil {
				t.Fatalf("unmarshal: %v", err)
			}
			if !statsEqual(back.Stats(), a.Stats()) || back.SumMillis() != a.SumMillis() {
				t.Errorf("round trip = %+v, want %+v", back.Stats(), a.Stats())
			}
			again, _ := back.MarshalBinary()
			if !bytes.Equal(again, b) {
				t.Errorf("re-encoding differs: %x vs %x", again, b)
			}
		})
	}
}
