package reports

import (
	"encoding/json"
	"time"
)

// Timestamp is an instant that encodes as RFC 3339 in UTC ("Z"), or null when zero.
type Timestamp time.Time

// MarshalJSON encodes t as an RFC 3339 UTC string, or null for the zero time.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	tt := time.Time(t)
	if tt.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + tt.UTC().Format(time.RFC3339Nano) + `"`), nil
}

// UnmarshalJSON decodes an RFC 3339 string or null.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*t = Timestamp{}
		return nil
	}
	tt, err := time.Parse(`"`+time.RFC3339Nano+`"`, string(b))
	if err != nil {
		return err
	}
	*t = Timestamp(tt)
	return nil
}

// OptString is a string that encodes as null when empty (an absent agent,
// status, ticket or comment), like the ticket fields of the tickets API.
type OptString string

// MarshalJSON encodes s, or null when empty.
func (s OptString) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// UnmarshalJSON decodes a string or null.
func (s *OptString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = OptString(v)
	return nil
}
