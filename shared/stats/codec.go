package stats

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/DataDog/sketches-go/ddsketch"
	"github.com/DataDog/sketches-go/ddsketch/store"
)

// codecVersion is the first byte of MarshalBinary's output.
const codecVersion = 1

// MarshalBinary encodes a as: a version byte, the count and the sum (varints),
// then the sketch in sketches-go's binary encoding (index mapping included).
func (a *Accumulator) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 64)
	b = append(b, codecVersion)
	b = binary.AppendUvarint(b, uint64(a.count))
	b = binary.AppendVarint(b, a.sum)
	if a.count > 0 {
		if err := a.materialize(); err != nil {
			return nil, err
		}
		a.sketch.Encode(&b, false)
	}
	return b, nil
}

// UnmarshalBinary replaces a's content with the accumulator encoded in data by MarshalBinary.
func (a *Accumulator) UnmarshalBinary(data []byte) error {
	var dec Accumulator
	if err := dec.UnmarshalBinaryLazy(data); err != nil {
		return err
	}
	if err := dec.materialize(); err != nil {
		return err
	}
	*a = dec
	return nil
}

// UnmarshalBinaryLazy is UnmarshalBinary that reads the count and sum at once
// but decodes (and checks) the sketch only when a percentile or the encoding
// is first asked for. data must not be modified afterwards.
func (a *Accumulator) UnmarshalBinaryLazy(data []byte) error {
	count, sum, rest, err := decodeHeader(data)
	if err != nil {
		return err
	}
	dec := Accumulator{count: count, sum: sum}
	if count == 0 {
		if len(rest) != 0 {
			return errors.New("stats: decode accumulator: trailing bytes after empty accumulator")
		}
	} else {
		dec.pending = [][]byte{withCount(rest, count)}
	}
	*a = dec
	return nil
}

// withCount prefixes an encoded sketch with its expected value count, so the
// deferred decode can check it.
func withCount(sketch []byte, count int64) []byte {
	b := binary.AppendUvarint(make([]byte, 0, len(sketch)+10), uint64(count))
	return append(b, sketch...)
}

// Decode decodes the sketches UnmarshalBinaryLazy deferred, so later calls
// (which are otherwise lazy) cost nothing; a caller with many accumulators can
// decode them on several goroutines (one goroutine per accumulator).
func (a *Accumulator) Decode() error { return a.materialize() }

// materialize decodes the pending sketches into a.sketch. On error nothing is
// merged and a stays as it was.
func (a *Accumulator) materialize() error {
	if len(a.pending) == 0 {
		return nil
	}
	sketches := make([]*ddsketch.DDSketch, len(a.pending))
	for i, p := range a.pending {
		count, n := binary.Uvarint(p)
		sk, err := decodeSketch(p[n:], int64(count))
		if err != nil {
			return err
		}
		sketches[i] = sk
	}
	for _, sk := range sketches {
		if a.sketch == nil {
			a.sketch = sk
		} else {
			_ = a.sketch.MergeWith(sk)
		}
	}
	a.pending = nil
	return nil
}

func decodeHeader(data []byte) (count, sum int64, rest []byte, err error) {
	if len(data) == 0 {
		return 0, 0, nil, errors.New("stats: decode accumulator: empty input")
	}
	if data[0] != codecVersion {
		return 0, 0, nil, fmt.Errorf("stats: decode accumulator: unknown version %d", data[0])
	}
	rest = data[1:]
	c, n := binary.Uvarint(rest)
	if n <= 0 || c > math.MaxInt64 {
		return 0, 0, nil, errors.New("stats: decode accumulator: bad count")
	}
	rest = rest[n:]
	sum, n = binary.Varint(rest)
	if n <= 0 {
		return 0, 0, nil, errors.New("stats: decode accumulator: bad sum")
	}
	return int64(c), sum, rest[n:], nil
}

// decodeSketch decodes and checks one encoded sketch holding count values.
func decodeSketch(data []byte, count int64) (sk *ddsketch.DDSketch, err error) {
	defer func() {
		// The sketch decoder trusts its input; never let corrupt bytes crash a report.
		if r := recover(); r != nil {
			sk, err = nil, fmt.Errorf("stats: decode accumulator: corrupt sketch: %v", r)
		}
	}()
	sk, err = ddsketch.DecodeDDSketch(data, store.DenseStoreConstructor, nil)
	if err != nil {
		return nil, fmt.Errorf("stats: decode accumulator: sketch: %w", err)
	}
	if !sk.IndexMapping.Equals(indexMapping) {
		return nil, errors.New("stats: decode accumulator: sketch has a different index mapping")
	}
	if got := sk.GetCount(); got != float64(count) {
		return nil, fmt.Errorf("stats: decode accumulator: sketch holds %v values, header says %d", got, count)
	}
	// Use the shared mapping so that later merges compare equal without tolerance issues.
	sk.IndexMapping = indexMapping
	return sk, nil
}
