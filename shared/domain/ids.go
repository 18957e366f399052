package domain

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// OpenerKey identifies the fact that opened a session: an inbound message
// (Kind = KindMessage, ID = message id) or an assignment (Kind = KindAssignment,
// ID = event id), at its event time.
type OpenerKey struct {
	Kind RecordKind
	ID   string
	At   time.Time
}

// sessionHashLen is the number of hex characters of the opener hash kept in a session id.
const sessionHashLen = 12

// SessionID returns the stable id of a customer's session opened by opener:
// base64url-raw(customerID) + "." + the first 12 hex characters of
// sha256(customerID NUL kind NUL id NUL unix-milliseconds). The same events
// always give the same id, and CustomerOfSession recovers the customer.
func SessionID(customerID string, opener OpenerKey) string {
	h := sha256.New()
	h.Write([]byte(customerID))
	h.Write([]byte{0})
	h.Write([]byte(opener.Kind))
	h.Write([]byte{0})
	h.Write([]byte(opener.ID))
	h.Write([]byte{0})
	h.Write([]byte(strconv.FormatInt(opener.At.UnixMilli(), 10)))
	sum := hex.EncodeToString(h.Sum(nil))
	return base64.RawURLEncoding.EncodeToString([]byte(customerID)) + "." + sum[:sessionHashLen]
}

// CustomerOfSession returns the customer id encoded in a session (or ticket)
// id made by SessionID; ok is false when id is not of that shape.
func CustomerOfSession(id string) (customerID string, ok bool) {
	enc, hash, found := strings.Cut(id, ".")
	if !found || len(hash) != sessionHashLen {
		return "", false
	}
	for _, c := range hash {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return "", false
		}
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(enc)
	if err != nil {
		return "", false
	}
	return string(raw), true
}
