package stats

// Mean is an exact integer-sum mean, for averages other than durations (e.g. ratings).
// Because the sum is an integer, the result does not depend on the order of Add and Merge calls.
// The zero value is an empty mean.
type Mean struct {
	Count int64 `json:"count"`
	Sum   int64 `json:"sum"`
}

// Add adds one value.
func (m *Mean) Add(v int64) {
	m.Count++
	m.Sum += v
}

// Merge adds all the values of o.
func (m *Mean) Merge(o Mean) {
	m.Count += o.Count
	m.Sum += o.Sum
}

// Value returns Sum/Count, or nil when the mean is empty.
func (m Mean) Value() *float64 {
	if m.Count == 0 {
		return nil
	}
	v := float64(m.Sum) / float64(m.Count)
	return &v
}
