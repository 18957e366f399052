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
		a.sketch.Encode(&b, false)
	}
	return b, nil
}

// UnmarshalBinary replaces a's content with the accumulator encoded in data by MarshalBinary.
func (a *Accumulator) UnmarshalBinary(data []byte) (err error) {
	defer func() {
		// The sketch decoder trusts its input; never let corrupt bytes crash a report.
		if r := recover(); r != nil {
			err = fmt.Errorf("stats: decode accumulator: corrupt sketch: %v", r)
		}
	}()
	if len(data) == 0 {
		return errors.New("stats: decode accumulator: empty input")
	}
	if data[0] != codecVersion {
		return fmt.Errorf("stats: decode accumulator: unknown version %d", data[0])
	}
	rest := data[1:]
	count, n := binary.Uvarint(rest)
	if n <= 0 || count > math.MaxInt64 {
		return errors.New("stats: decode accumulator: bad count")
	}
	rest = rest[n:]
	sum, n := binary.Varint(rest)
	if n <= 0 {
		return errors.New("stats: decode accumulator: bad sum")
	}
	rest = rest[n:]
	dec := Accumulator{count: int64(count), sum: sum}
	if count == 0 {
		if len(rest) != 0 {
			return errors.New("stats: decode accumulator: trailing bytes after empty accumulator")
		}
		*a = dec
		return nil
	}
	sk, err := ddsketch.DecodeDDSketch(rest, store.DenseStoreConstructor, nil)
	if err != nil {
		return fmt.Errorf("stats: decode accumulator: sketch: %w", err)
	}
	if !sk.IndexMapping.Equals(indexMapping) {
		return errors.New("stats: decode accumulator: sketch has a different index mapping")
	}
	if got := sk.GetCount(); got != float64(count) {
		return fmt.Errorf("stats: decode accumulator: sketch holds %v values, header says %d", got, count)
	}
	// Use the shared mapping so that later merges compare equal without tolerance issues.
	sk.IndexMapping = indexMapping
	dec.sketch = sk
	*a = dec
	return nil
}
