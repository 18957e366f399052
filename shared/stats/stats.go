package stats

// Stats is the JSON shape {"count","avg","p50","p90"} of a duration, in seconds.
// Avg, P50 and P90 are nil (JSON null) when Count == 0.
type Stats struct {
	Count int64    `json:"count"`
	Avg   *float64 `json:"avg"`
	P50   *float64 `json:"p50"`
	P90   *float64 `json:"p90"`
}
