package stats

import "testing"

func BenchmarkAddMillis(b *testing.B) {
	var a Accumulator
	for i := 0; b.Loop(); i++ {
		a.AddMillis(int64(i%3_600_000) + 1)
	}
}

func BenchmarkMerge(b *testing.B) {
	var part Accumulator
	for i := int64(1); i <= 10_000; i++ {
		part.AddMillis(i * 37 % 7_200_000)
	}
	var total Accumulator
	for b.Loop() {
		total.Merge(&part)
	}
}
