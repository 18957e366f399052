package webhook

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel errors. ErrNotJSON and ErrWrongObject map to HTTP 400;
// ErrBadSignature and ErrStaleTimestamp map to HTTP 401.
var (
	// ErrNotJSON means the body is not syntactically valid JSON.
	ErrNotJSON = errors.New("body is not valid JSON")
	// ErrWrongObject means a WhatsApp body whose "object" is not "whatsapp_business_account".
	ErrWrongObject = errors.New(`"object" is not "whatsapp_business_account"`)
	// ErrBadSignature means a missing, malformed or wrong signature (or signature timestamp).
	ErrBadSignature = errors.New("bad signature")
	// ErrStaleTimestamp means a correctly signed request whose timestamp is more than
	// SignatureTolerance away from the server clock.
	ErrStaleTimestamp = errors.New("signature timestamp outside tolerance")
)

// ValidationError says which part of a request is invalid (HTTP 400).
// It never carries secrets or whole bodies.
type ValidationError struct {
	// Index is the position of the invalid helpdesk event in "events", or -1 when
	// the error is not about one event (envelope errors, WhatsApp and Chatwoot bodies).
	Index int
	// Field is the JSON path of the invalid field, relative to the event when Index >= 0
	// (e.g. "message.agent_id"), or from the body root when Index is -1 (e.g. "events").
	Field string
	// Detail says what is wrong, for humans.
	Detail string
}

// Error renders e.g. "events[3].message.agent_id: required when sender=agent".
func (e *ValidationError) Error() string {
	path := e.Path()
	if path == "" {
		return e.Detail
	}
	return path + ": " + e.Detail
}

// Path is the full JSON path of the invalid field, e.g. "events[3].message.agent_id".
func (e *ValidationError) Path() string {
	if e.Index < 0 {
		return e.Field
	}
	p := "events[" + strconv.Itoa(e.Index) + "]"
	if e.Field != "" {
		p += "." + e.Field
	}
	return p
}

// invalid builds a ValidationError not tied to an event index.
func invalid(field, format string, args ...any) *ValidationError {
	return &ValidationError{Index: -1, Field: field, Detail: fmt.Sprintf(format, args...)}
}

// notJSON wraps a decoder syntax error into ErrNotJSON (the decoder message holds
// an offset and one character, never the body).
func notJSON(err error) error {
	return fmt.Errorf("%w: %v", ErrNotJSON, err)
}
