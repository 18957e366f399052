package stats

import "testing"

func TestMean(t *testing.T) {
	tests := []struct {
		name   string
		parts  [][]int64
		want   float64
		isNull bool
	}{
		{"empty", nil, 0, true},
		{"one part", [][]int64{{5, 4, 4}}, 13.0 / 3, false},
		{"merged parts", [][]int64{{5}, {}, {4, 4}}, 13.0 / 3, false},
		{"negatives", [][]int64{{-2, 1}, {-2}}, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Mean
			for _, part := range tt.parts {
				var p Mean
				for _, v := range part {
					p.Add(v)
				}
				m.Merge(p)
			}
			got := m.Value()
			if tt.isNull {
				if got != nil {
					t.Fatalf("Value() = %v, want nil", *got)
				}
				return
			}
			if got == nil || *got != tt.want {
				t.Fatalf("Value() = %v, want %v", got, tt.want)
			}
		})
	}
}
