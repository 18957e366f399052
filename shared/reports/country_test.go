package reports

import "testing"

func TestCountryOfCustomer(t *testing.T) {
	tests := []struct {
		phone, id, want string
	}{
		{"+6281234567890", "", "ID"},
		{"+4915112345678", "whatever", "DE"},
		{"+14155550100", "", "US"},
		{"+447700900123", "", "GB"},
		{"", "6281234567890", "ID"}, // WhatsApp id: the number without '+'
		{"", "5511987654321", "BR"}, // WhatsApp id
		{"not a phone", "4915112345678", "DE"},
		{"", "BR.1234abcd", "ZZ"}, // business-scoped user id
		{"", "", "ZZ"},
		{"+999123", "", "ZZ"},      // unassigned country code
		{"081234567890", "", "ZZ"}, // national format without country
	}
	for _, tt := range tests {
		if got := CountryOfCustomer(tt.phone, tt.id); got != tt.want {
			t.Errorf("CountryOfCustomer(%q, %q) = %q, want %q", tt.phone, tt.id, got, tt.want)
		}
	}
}
