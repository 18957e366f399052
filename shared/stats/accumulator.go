package stats

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/DataDog/sketches-go/ddsketch"
	"github.com/DataDog/sketches-go/ddsketch/mapping"
	"github.com/DataDog/sketches-go/ddsketch/store"
)

// RelativeAccuracy is the relative accuracy of the percentile sketch. It is tighter
// than the contract's 1% so that reported percentiles are safely within bounds.
const RelativeAccuracy = 0.005

// indexMapping is shared by every sketch; mappings are immutable.
var indexMapping = mustMapping()

func mustMapping() mapping.IndexMapping {
	m, err := mapping.NewLogarithmicMapping(RelativeAccuracy)
	if err != nil {
		panic(fmt.Sprintf("stats: index mapping: %v", err))
	}
	return m
}

// newSketch returns an empty sketch with the package's mapping and dense stores.
func newSketch() *ddsketch.DDSketch {
	return ddsketch.NewDDSketch(indexMapping, store.NewDenseStore(), store.NewDenseStore())
}

// Accumulator collects durations in integer milliseconds: exactly (count and
// integer sum) for the mean, and in a DDSketch for percentiles. Merging is exact:
// the result does not depend on the order or grouping of AddMillis and Merge
// calls. The zero value is ready to use. An Accumulator is not safe for
// concurrent use.
type Accumulator struct {
	count  int64
	sum    int64
	sketch *ddsketch.DDSketch // nil while empty
	// pending are encoded sketches not decoded yet (UnmarshalBinaryLazy); they
	// are merged into sketch the first time a percentile or the encoding is asked
	// for, so reports that need only counts never pay for decoding.
	pending [][]byte
}

// AddMillis adds one duration of ms milliseconds (0 and negative values are allowed).
func (a *Accumulator) AddMillis(ms int64) {
	a.materialize()
	if a.sketch == nil {
		a.sketch = newSketch()
	}
	// Integer milliseconds are far inside the mapping's indexable range, so Add cannot fail.
	_ = a.sketch.Add(float64(ms))
	a.count++
	a.sum += ms
}

// AddDuration adds d, truncated to whole milliseconds.
func (a *Accumulator) AddDuration(d time.Duration) {
	a.AddMillis(d.Milliseconds())
}

// Merge adds all the durations of o to a. o is not modified; a nil or empty o is a no-op.
func (a *Accumulator) Merge(o *Accumulator) {
	if o == nil || o.count == 0 {
		return
	}
	if a == o {
		c := o.Clone()
		o = &c
	}
	a.pending = append(a.pending, o.pending...)
	if o.sketch != nil {
		if a.sketch == nil {
			a.sketch = newSketch()
		}
		// Both sketches use indexMapping, so MergeWith cannot fail.
		_ = a.sketch.MergeWith(o.sketch)
	}
	a.count += o.count
	a.sum += o.sum
}

// Clone returns a deep copy of a.
func (a *Accumulator) Clone() Accumulator {
	c := Accumulator{count: a.count, sum: a.sum, pending: append([][]byte(nil), a.pending...)}
	if a.sketch != nil {
		c.sketch = a.sketch.Copy()
	}
	return c
}

// Count returns the number of durations added.
func (a *Accumulator) Count() int64 { return a.count }

// SumMillis returns the exact sum of the durations added, in milliseconds.
func (a *Accumulator) SumMillis() int64 { return a.sum }

// Stats returns count, exact mean and nearest-rank p50/p90, in seconds.
func (a *Accumulator) Stats() Stats {
	s := Stats{Count: a.count}
	if a.count == 0 {
		return s
	}
	avg := float64(a.sum) / float64(a.count) / 1000
	s.Avg = &avg
	if a.materialize() != nil {
		return s // a corrupt stored sketch: the exact count and mean stand, percentiles are unknown
	}
	p50 := a.rankValue(exactRank(1, 2, a.count)) / 1000
	p90 := a.rankValue(exactRank(9, 10, a.count)) / 1000
	s.P50, s.P90 = &p50, &p90
	return s
}

// Quantile returns the nearest-rank q-quantile (0 < q <= 1) in seconds: the
// representative value of the sketch bin holding the value of 1-based rank
// ceil(q·n) in ascending order. It is within RelativeAccuracy of the exact
// value. It returns nil when a is empty or q is out of range.
func (a *Accumulator) Quantile(q float64) *float64 {
	if a.count == 0 || !(q > 0 && q <= 1) || a.materialize() != nil {
		return nil
	}
	ms := a.rankValue(nearestRank(q, a.count))
	v := ms / 1000
	return &v
}

// nearestRank returns ceil(q·n) clamped to [1, n]. A relative tolerance of
// 1e-12 absorbs float error in q·n (e.g. 0.9·n landing just above an integer).
func nearestRank(q float64, n int64) int64 {
	qn := q * float64(n)
	r := int64(math.Ceil(qn - qn*1e-12))
	return max(1, min(r, n))
}

// exactRank returns ceil(num·n/den) clamped to [1, n], in integer arithmetic.
func exactRank(num, den, n int64) int64 {
	r := (num*n + den - 1) / den
	return max(1, min(r, n))
}

type bin struct {
	index int
	count float64
}

func bins(s store.Store) []bin {
	var out []bin
	s.ForEach(func(index int, count float64) bool {
		out = append(out, bin{index, count})
		return false
	})
	slices.SortFunc(out, func(x, y bin) int { return x.index - y.index })
	return out
}

// rankValue walks the sketch's bins in ascending value order (negative store
// descending by index, zeros, positive store ascending) and returns the
// representative value, in milliseconds, of the bin holding the given 1-based rank.
func (a *Accumulator) rankValue(rank int64) float64 {
	r := float64(rank)
	var seen float64
	neg := bins(a.sketch.GetNegativeValueStore())
	for i := len(neg) - 1; i >= 0; i-- {
		seen += neg[i].count
		if seen >= r {
			return -indexMapping.Value(neg[i].index)
		}
	}
	seen += a.sketch.GetZeroCount()
	if seen >= r {
		return 0
	}
	pos := bins(a.sketch.GetPositiveValueStore())
	for _, b := range pos {
		seen += b.count
		if seen >= r {
			return indexMapping.Value(b.index)
		}
	}
	// Unreachable when counts are consistent; fall back to the largest value.
	if len(pos) > 0 {
		return indexMapping.Value(pos[len(pos)-1].index)
	}
	if a.sketch.GetZeroCount() > 0 || len(neg) == 0 {
		return 0
	}
	return -indexMapping.Value(neg[0].index)
}
