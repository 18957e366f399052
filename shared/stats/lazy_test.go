package stats

import (
	"encoding/json"
	"math/rand"
	"testing"
)

// TestLazyDecodeEqualsEager merges lazily decoded parts and eagerly decoded
// parts and requires identical statistics and encodings.
func TestLazyDecodeEqualsEager(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for round := 0; round < 50; round++ {
		var encoded [][]byte
		for p := 0; p < 1+rng.Intn(6); p++ {
			var a Accumulator
			for i := 0; i < rng.Intn(300); i++ {
				a.AddMillis(rng.Int63n(3_600_000) - 1000)
			}
			b, err := a.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			encoded = append(encoded, b)
		}
		var eager, lazy Accumulator
		for _, b := range encoded {
			var e, l Accumulator
			if err := e.UnmarshalBinary(b); err != nil {
				t.Fatal(err)
			}
			if err := l.UnmarshalBinaryLazy(b); err != nil {
				t.Fatal(err)
			}
			eager.Merge(&e)
			lazy.Merge(&l)
		}
		if lazy.Count() != eager.Count() || lazy.SumMillis() != eager.SumMillis() {
			t.Fatalf("round %d: count/sum differ before decoding", round)
		}
		ej, _ := json.Marshal(eager.Stats())
		lj, _ := json.Marshal(lazy.Stats())
		if string(ej) != string(lj) {
			t.Fatalf("round %d: stats differ: eager %s lazy %s", round, ej, lj)
		}
		eb, _ := eager.MarshalBinary()
		lb, _ := lazy.MarshalBinary()
		if string(eb) != string(lb) {
			t.Fatalf("round %d: encodings differ", round)
		}
	}
}

// TestLazyDecodeOfCorruptSketch keeps the exact count and mean and reports no
// percentiles, where the eager decoder refuses the bytes.
func TestLazyDecodeOfCorruptSketch(t *testing.T) {
	var a Accumulator
	for _, ms := range []int64{1000, 2000, 3000} {
		a.AddMillis(ms)
	}
	b, _ := a.MarshalBinary()
	b = b[:len(b)-3] // cut the sketch short
	var eager Accumulator
	if err := eager.UnmarshalBinary(b); err == nil {
		t.Fatal("eager decode accepted a truncated sketch")
	}
	var lazy Accumulator
	if err := lazy.UnmarshalBinaryLazy(b); err != nil {
		t.Fatalf("lazy decode checks only the header: %v", err)
	}
	s := lazy.Stats()
	if s.Count != 3 || s.Avg == nil || *s.Avg != 2 || s.P50 != nil || s.P90 != nil {
		t.Fatalf("stats of a corrupt sketch = %+v", s)
	}
}
