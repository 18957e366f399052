package webhook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/netip"
	"regexp"
	"slices"
	"unicode/utf8"
)

// Limits on helpdesk event fields.
const (
	// MaxEventIDLen is the longest event id, in characters.
	MaxEventIDLen = 128
	// MaxIDLen is the longest other id (customer, agent, message, ...), in characters.
	MaxIDLen = 256
)

// e164 matches an E.164 phone number.
var e164 = regexp.MustCompile(`^\+[1-9]\d{6,14}$`)

// jsonNull is the JSON null literal.
var jsonNull = []byte("null")

// object is one JSON object of a helpdesk event, with exact (case-sensitive) keys.
// prefix is its path inside the event ("" for the event itself, "message." ...).
type object struct {
	m      map[string]json.RawMessage
	prefix string
}

// decodeObject decodes raw as a JSON object; ok is false when it is not one.
func decodeObject(raw json.RawMessage, prefix string) (object, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return object{}, false
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return object{}, false
	}
	return object{m: m, prefix: prefix}, true
}

// fail builds a ValidationError for key (the caller sets Index).
func (o object) fail(key, format string, args ...any) *ValidationError {
	return &ValidationError{Field: o.prefix + key, Detail: fmt.Sprintf(format, args...)}
}

// get returns the raw value of key; absent and null both give nil.
func (o object) get(key string) json.RawMessage {
	raw, ok := o.m[key]
	if !ok || bytes.Equal(raw, jsonNull) {
		return nil
	}
	return raw
}

// str returns a string value. Required strings must be non-empty.
func (o object) str(key string, required bool) (string, *ValidationError) {
	raw := o.get(key)
	if raw == nil {
		if required {
			return "", o.fail(key, "required")
		}
		return "", nil
	}
	if raw[0] != '"' {
		return "", o.fail(key, "must be a string")
	}
	var s string
	if len(raw) >= 2 && raw[len(raw)-1] == '"' && bytes.IndexByte(raw[1:len(raw)-1], '\\') < 0 && utf8.Valid(raw[1:len(raw)-1]) {
		s = string(raw[1 : len(raw)-1]) // fast path: a validated string token without escapes
	} else if err := json.Unmarshal(raw, &s); err != nil {
		return "", o.fail(key, "must be a string")
	}
	if required && s == "" {
		return "", o.fail(key, "required")
	}
	return s, nil
}

// id returns an identifier: a non-empty string of at most MaxIDLen characters.
func (o object) id(key string, required bool) (string, *ValidationError) {
	s, verr := o.str(key, required)
	if verr != nil {
		return "", verr
	}
	if s == "" && o.get(key) != nil {
		return "", o.fail(key, "must not be empty")
	}
	if utf8.RuneCountInString(s) > MaxIDLen {
		return "", o.fail(key, "must be at most %d characters", MaxIDLen)
	}
	return s, nil
}

// enum returns a string that must be one of allowed.
func (o object) enum(key string, required bool, allowed ...string) (string, *ValidationError) {
	s, verr := o.str(key, required)
	if verr != nil || (s == "" && !required && o.get(key) == nil) {
		return s, verr
	}
	if !slices.Contains(allowed, s) {
		return "", o.fail(key, "must be one of %v", allowed)
	}
	return s, nil
}

// phone returns an optional E.164 phone number.
func (o object) phone(key string) (string, *ValidationError) {
	s, verr := o.str(key, false)
	if verr != nil || o.get(key) == nil {
		return s, verr
	}
	if !e164.MatchString(s) {
		return "", o.fail(key, "must be an E.164 phone number like +6281234567890")
	}
	return s, nil
}

// ip returns an optional IPv4 or IPv6 address.
func (o object) ip(key string) (string, *ValidationError) {
	s, verr := o.str(key, false)
	if verr != nil || o.get(key) == nil {
		return s, verr
	}
	if _, err := netip.ParseAddr(s); err != nil {
		return "", o.fail(key, "must be an IP address")
	}
	return s, nil
}

// number returns a required JSON number.
func (o object) number(key string) (float64, *ValidationError) {
	raw := o.get(key)
	if raw == nil {
		return 0, o.fail(key, "required")
	}
	if c := raw[0]; c != '-' && (c < '0' || c > '9') {
		return 0, o.fail(key, "must be a number")
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, o.fail(key, "must be a finite number")
	}
	return f, nil
}

// strings returns a required array of non-empty strings (possibly empty, never nil).
func (o object) strings(key string) ([]string, *ValidationError) {
	raw := o.get(key)
	if raw == nil {
		return nil, o.fail(key, "required")
	}
	var items []json.RawMessage
	if raw[0] != '[' || json.Unmarshal(raw, &items) != nil {
		return nil, o.fail(key, "must be an array of strings")
	}
	out := make([]string, 0, len(items))
	for i, item := range items {
		var s string
		if len(item) == 0 || item[0] != '"' || json.Unmarshal(item, &s) != nil || s == "" {
			return nil, o.fail(fmt.Sprintf("%s[%d]", key, i), "must be a non-empty string")
		}
		out = append(out, s)
	}
	return out, nil
}

// child returns the required nested object under key.
func (o object) child(key string) (object, *ValidationError) {
	raw := o.get(key)
	if raw == nil {
		return object{}, o.fail(key, "required")
	}
	c, ok := decodeObject(raw, o.prefix+key+".")
	if !ok {
		return object{}, o.fail(key, "must be an object")
	}
	return c, nil
}

// fieldReader reads fields of one object and keeps the first ValidationError:
// once a read fails, later reads return zero values and leave the error as it is,
// so a mapper can read every field in order and return err once at the end.
type fieldReader struct {
	o   object
	err *ValidationError
}

// reader starts reading o.
func (o object) reader() *fieldReader {
	return &fieldReader{o: o}
}

// child returns a reader of the required nested object under key, carrying r's error.
func (r *fieldReader) child(key string) fieldReader {
	if r.err != nil {
		return *r
	}
	c, err := r.o.child(key)
	return fieldReader{o: c, err: err}
}

// check records a failure of key with the given detail when ok is false and no
// earlier read failed; it is for checks across fields or on a value already read.
func (r *fieldReader) check(ok bool, key, format string, args ...any) {
	if r.err == nil && !ok {
		r.err = r.o.fail(key, format, args...)
	}
}

// str reads object.str.
func (r *fieldReader) str(key string, required bool) string {
	if r.err != nil {
		return ""
	}
	v, err := r.o.str(key, required)
	r.err = err
	return v
}

// id reads object.id.
func (r *fieldReader) id(key string, required bool) string {
	if r.err != nil {
		return ""
	}
	v, err := r.o.id(key, required)
	r.err = err
	return v
}

// enum reads object.enum.
func (r *fieldReader) enum(key string, required bool, allowed ...string) string {
	if r.err != nil {
		return ""
	}
	v, err := r.o.enum(key, required, allowed...)
	r.err = err
	return v
}

// phone reads object.phone.
func (r *fieldReader) phone(key string) string {
	if r.err != nil {
		return ""
	}
	v, err := r.o.phone(key)
	r.err = err
	return v
}

// ip reads object.ip.
func (r *fieldReader) ip(key string) string {
	if r.err != nil {
		return ""
	}
	v, err := r.o.ip(key)
	r.err = err
	return v
}

// number reads object.number.
func (r *fieldReader) number(key string) float64 {
	if r.err != nil {
		return 0
	}
	v, err := r.o.number(key)
	r.err = err
	return v
}

// strings reads object.strings.
func (r *fieldReader) strings(key string) []string {
	if r.err != nil {
		return nil
	}
	v, err := r.o.strings(key)
	r.err = err
	return v
}
