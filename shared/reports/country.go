package reports

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// UnknownCountry is the ISO 3166-1 user-assigned code for an unknown country.
const UnknownCountry = "ZZ"

// CountryOfCustomer returns the ISO 3166-1 alpha-2 country of a customer: from
// the E.164 phone number, else from a WhatsApp id (the number without '+'),
// else UnknownCountry.
func CountryOfCustomer(phone, customerID string) string {
	if c := countryOfNumber(strings.TrimSpace(phone)); c != "" {
		return c
	}
	if id := strings.TrimSpace(customerID); id != "" && isDigits(id) {
		if c := countryOfNumber("+" + id); c != "" {
			return c
		}
	}
	return UnknownCountry
}

// countryOfNumber is the region of an international number, "" when unknown.
// Numbers that fail full validation fall back to their country code's main region.
func countryOfNumber(s string) string {
	if !strings.HasPrefix(s, "+") || len(s) < 4 {
		return ""
	}
	num, err := phonenumbers.Parse(s, "")
	if err != nil {
		return ""
	}
	region := phonenumbers.GetRegionCodeForNumber(num)
	if !isRegion(region) {
		region = phonenumbers.GetRegionCodeForCountryCode(int(num.GetCountryCode()))
	}
	if !isRegion(region) {
		return ""
	}
	return region
}

func isRegion(r string) bool {
	return len(r) == 2 && r != UnknownCountry
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
