package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// distributions generate populations of durations in milliseconds.
var distributions = map[string]func(r *rand.Rand) int64{
	"uniform":    func(r *rand.Rand) int64 { return r.Int64N(3_600_000) },
	"small ints": func(r *rand.Rand) int64 { return r.Int64N(5) },
	"heavy tail": func(r *rand.Rand) int64 { return int64(1000 / math.Pow(1-r.Float64(), 1.5)) }, // Pareto
	"log-normal": func(r *rand.Rand) int64 { return int64(math.Exp(r.NormFloat64()*2 + 10)) },
	"all equal":  func(r *rand.Rand) int64 { return 90_000 },
	"mostly zero": func(r *rand.Rand) int64 {
		if r.IntN(10) < 8 {
			return 0
		}
		return r.Int64N(100_000)
	},
	"with negatives": func(r *rand.Rand) int64 { return r.Int64N(200_000) - 60_000 },
	"all negative":   func(r *rand.Rand) int64 { return -1 - r.Int64N(1_000_000) },
}

func statsEqual(a, b Stats) bool {
	eq := func(x, y *float64) bool {
		if x == nil || y == nil {
			return x == y
		}
		return math.Float64bits(*x) == math.Float64bits(*y)
	}
	return a.Count == b.Count && eq(a.Avg, b.Avg) && eq(a.P50, b.P50) && eq(a.P90, b.P90)
}

// mergeParts accumulates parts separately, round-trips some through
// MarshalBinary, and merges them in a random order and grouping.
func mergeParts(t *testing.T, r *rand.Rand, parts [][]int64) *Accumulator {
	t.Helper()
	accs := make([]*Accumulator, len(parts))
	for i, p := range parts {
		a := &Accumulator{}
		for _, v := range p {
			a.AddMillis(v)
		}
		if r.IntN(2) == 0 {
			b, err := a.MarshalBinary()
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			a = &Accumulator{}
			if err := a.UnmarshalBinary(b); err != nil {
				t.Fatalf("unmarshal: %v", err)
			}
		}
		accs[i] = a
	}
	// Merge random pairs until one remains: random order and tree shape.
	for len(accs) > 1 {
		i, j := r.IntN(len(accs)), r.IntN(len(accs)-1)
		if j >= i {
			j++
		}
		accs[i].Merge(accs[j])
		accs = slices.Delete(accs, j, j+1)
	}
	return accs[0]
}

func TestPropertyMergedStats(t *testing.T) {
	r := rand.New(rand.NewPCG(20260308, 1))
	for name, gen := range distributions {
		t.Run(name, func(t *testing.T) {
			for iter := 0; iter < 25; iter++ {
				n := 1 + r.IntN(5000)
				if iter < 3 {
					n = iter + 1 // always cover sizes 1, 2, 3
				}
				values := make([]int64, n)
				var sum int64
				for i := range values {
					values[i] = gen(r)
					sum += values[i]
				}
				// Split randomly into 1..8 parts.
				k := 1 + r.IntN(8)
				parts := make([][]int64, k)
				for _, v := range values {
					p := r.IntN(k)
					parts[p] = append(parts[p], v)
				}
				got := mergeParts(t, r, parts).Stats()

				sorted := slices.Clone(values)
				slices.Sort(sorted)
				exactP50 := sorted[(n+1)/2-1]    // rank ceil(n/2)
				exactP90 := sorted[(9*n+9)/10-1] // rank ceil(9n/10)
				wantAvg := float64(sum) / float64(n) / 1000

				if got.Count != int64(n) {
					t.Fatalf("n=%d: Count = %d", n, got.Count)
				}
				if *got.Avg != wantAvg {
					t.Errorf("n=%d: Avg = %v, want exactly %v", n, *got.Avg, wantAvg)
				}
				if !within(*got.P50, exactP50) {
					t.Errorf("n=%d: P50 = %v, exact %v", n, *got.P50, float64(exactP50)/1000)
				}
				if !within(*got.P90, exactP90) {
					t.Errorf("n=%d: P90 = %v, exact %v", n, *got.P90, float64(exactP90)/1000)
				}
				// Identical content gives bit-identical output, whatever the order.
				shuffled := slices.Clone(values)
				r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				if seq := statsOf(shuffled...); !statsEqual(seq, got) {
					t.Errorf("n=%d: sequential %+v differs from merged %+v", n, seq, got)
				}
			}
		})
	}
}
