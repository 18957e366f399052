package domain

import "testing"

func TestSessionID(t *testing.T) {
	tests := []struct {
		name   string
		cust   string
		opener OpenerKey
		want   string
	}{
		{
			// printf '6281234567890\0message\0wamid.ABC\0%s' 1741597200000 | sha256sum | cut -c1-12
			name:   "inbound opener",
			cust:   "6281234567890",
			opener: OpenerKey{Kind: KindMessage, ID: "wamid.ABC", At: t0},
			want:   "NjI4MTIzNDU2Nzg5MA.5db6f304377a",
		},
		{
			name:   "same instant in another zone gives the same id",
			cust:   "6281234567890",
			opener: OpenerKey{Kind: KindMessage, ID: "wamid.ABC", At: t0.In(jakarta)},
			want:   "NjI4MTIzNDU2Nzg5MA.5db6f304377a",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SessionID(tc.cust, tc.opener); got != tc.want {
				t.Errorf("SessionID = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSessionIDDiffersByOpener(t *testing.T) {
	base := OpenerKey{Kind: KindMessage, ID: "m1", At: t0}
	variants := []OpenerKey{
		{Kind: KindAssignment, ID: "m1", At: t0},
		{Kind: KindMessage, ID: "m2", At: t0},
		{Kind: KindMessage, ID: "m1", At: t0.Add(ms)},
	}
	want := SessionID("c1", base)
	if other := SessionID("c2", base); other == want {
		t.Errorf("customers c1 and c2 share id %s", want)
	}
	for _, v := range variants {
		if got := SessionID("c1", v); got == want {
			t.Errorf("opener %+v gives the same id as %+v: %s", v, base, got)
		}
	}
}

func TestCustomerOfSession(t *testing.T) {
	tests := []struct {
		id     string
		want   string
		wantOK bool
	}{
		{"NjI4MTIzNDU2Nzg5MA.5db6f304377a", "6281234567890", true},
		{SessionID("user.with/odd+chars?", OpenerKey{Kind: KindAssignment, ID: "e1", At: t0}), "user.with/odd+chars?", true},
		{SessionID("", OpenerKey{Kind: KindAssignment, ID: "e1", At: t0}), "", true},
		{"NjI4MTIzNDU2Nzg5MA", "", false},                // no hash
		{"NjI4MTIzNDU2Nzg5MA.5db6f304377", "", false},    // short hash
		{"NjI4MTIzNDU2Nzg5MA.5DB6F304377A", "", false},   // upper-case hex
		{"NjI4MTIzNDU2Nzg5MA==.5db6f304377a", "", false}, // padded base64
		{"NjI4MTIzNDU2Nzg5MB.5db6f304377a", "", false},   // non-canonical base64
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			got, ok := CustomerOfSession(tc.id)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("CustomerOfSession(%q) = %q, %v; want %q, %v", tc.id, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}
