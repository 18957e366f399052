package domain

import "testing"

func TestStatusRank(t *testing.T) {
	tests := []struct {
		status string
		want   int
	}{
		{"sent", 1}, {"delivered", 2}, {"read", 3}, {"failed", 4},
		{"", 0}, {"deleted", 0}, {"READ", 0},
	}
	for _, tc := range tests {
		if got := StatusRank(tc.status); got != tc.want {
			t.Errorf("StatusRank(%q) = %d, want %d", tc.status, got, tc.want)
		}
	}
}

func TestNextStatus(t *testing.T) {
	tests := []struct {
		current, incoming, want string
	}{
		{"", "sent", "sent"},
		{"sent", "delivered", "delivered"},
		{"read", "delivered", "read"},
		{"delivered", "sent", "delivered"},
		{"read", "failed", "failed"},
		{"failed", "read", "failed"},
		{"read", "read", "read"},
		{"delivered", "deleted", "delivered"},
		{"", "deleted", ""},
		{"deleted", "sent", "sent"},
		{"deleted", "warning", "deleted"},
	}
	for _, tc := range tests {
		if got := NextStatus(tc.current, tc.incoming); got != tc.want {
			t.Errorf("NextStatus(%q, %q) = %q, want %q", tc.current, tc.incoming, got, tc.want)
		}
	}
}

// Any arrival order of the same updates ends on the same status.
func TestNextStatusOrderFree(t *testing.T) {
	updates := []string{"read", "sent", "delivered", "weird"}
	perms := [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}, {2, 0, 3, 1}}
	for _, p := range perms {
		s := ""
		for _, i := range p {
			s = NextStatus(s, updates[i])
		}
		if s != "read" {
			t.Errorf("order %v ends on %q, want read", p, s)
		}
	}
}
