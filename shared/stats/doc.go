// Package stats computes the statistics of a duration reported by Inbox Metrics
// (CONTRACT section 3): an exact mean and nearest-rank percentiles within 1%
// relative error, from mergeable, serializable accumulators.
package stats
