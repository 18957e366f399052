package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// Request limits and signature tolerance of CONTRACT section 2.
const (
	// MaxWhatsAppBody is the largest WhatsApp webhook body accepted (413 above).
	MaxWhatsAppBody = 3 << 20
	// MaxEventsBody is the largest helpdesk events body accepted (413 above).
	MaxEventsBody = 1 << 20
	// MaxEventsPerRequest is the largest number of helpdesk events in one request.
	MaxEventsPerRequest = 500
	// MaxWhatsAppUpdates is the largest number of messages plus statuses in one WhatsApp request.
	MaxWhatsAppUpdates = 1000
	// SignatureTolerance is how far X-Signature-Timestamp may be from the server clock.
	SignatureTolerance = 300 * time.Second
)

// signaturePrefix starts both signature headers.
const signaturePrefix = "sha256="

// SignWhatsApp returns the X-Hub-Signature-256 header value for rawBody:
// "sha256=" + lowercase hex HMAC-SHA256(appSecret, rawBody).
func SignWhatsApp(appSecret string, rawBody []byte) string {
	return signaturePrefix + hex.EncodeToString(mac(appSecret, nil, rawBody))
}

// VerifyWhatsAppSignature reports whether header is exactly "sha256=<lowercase hex
// HMAC-SHA256(appSecret, rawBody)>". The comparison is constant-time. An empty
// secret never verifies; uppercase hex is rejected (the contract says lowercase).
func VerifyWhatsAppSignature(appSecret string, rawBody []byte, header string) bool {
	return appSecret != "" && verifyHex(header, mac(appSecret, nil, rawBody))
}

// SignEvents returns the X-Signature-Timestamp and X-Signature-256 header values for
// a helpdesk events body sent at ts: the unix seconds, and "sha256=" + lowercase hex
// HMAC-SHA256(secret, "<timestamp>.<raw body>").
func SignEvents(secret string, rawBody []byte, ts time.Time) (timestampHeader, signatureHeader string) {
	timestampHeader = strconv.FormatInt(ts.Unix(), 10)
	return timestampHeader, signaturePrefix + hex.EncodeToString(mac(secret, []byte(timestampHeader+"."), rawBody))
}

// VerifyEventsSignature checks the helpdesk signature headers against rawBody.
// It returns nil, an error wrapping ErrBadSignature (missing or malformed headers,
// wrong HMAC, empty secret) or one wrapping ErrStaleTimestamp (authentic, but the
// timestamp is more than SignatureTolerance before or after now). Both mean 401.
func VerifyEventsSignature(secret string, rawBody []byte, timestampHeader, signatureHeader string, now time.Time) error {
	if secret == "" {
		return fmt.Errorf("%w: no secret configured", ErrBadSignature)
	}
	ts, ok := parseUnixDigits(timestampHeader)
	if !ok {
		return fmt.Errorf("%w: missing or malformed X-Signature-Timestamp", ErrBadSignature)
	}
	if !verifyHex(signatureHeader, mac(secret, []byte(timestampHeader+"."), rawBody)) {
		return fmt.Errorf("%w: X-Signature-256 does not match", ErrBadSignature)
	}
	skew := now.Sub(time.Unix(ts, 0))
	if skew > SignatureTolerance || skew < -SignatureTolerance {
		return fmt.Errorf("%w: timestamp is %s away from the server clock", ErrStaleTimestamp, skew.Round(time.Second))
	}
	return nil
}

// VerifyToken compares the WhatsApp GET handshake token in constant time
// (hashing first, so not even the length leaks). An empty expected token never matches.
func VerifyToken(expected, given string) bool {
	if expected == "" {
		return false
	}
	e, g := sha256.Sum256([]byte(expected)), sha256.Sum256([]byte(given))
	return subtle.ConstantTimeCompare(e[:], g[:]) == 1
}

// mac is HMAC-SHA256(secret, prefix || body).
func mac(secret string, prefix, body []byte) []byte {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write(prefix)
	h.Write(body)
	return h.Sum(nil)
}

// verifyHex reports whether header is "sha256=" followed by the lowercase hex of want,
// comparing in constant time.
func verifyHex(header string, want []byte) bool {
	if len(header) != len(signaturePrefix)+2*len(want) || header[:len(signaturePrefix)] != signaturePrefix {
		return false
	}
	wantHex := make([]byte, hex.EncodedLen(len(want)))
	hex.Encode(wantHex, want)
	return hmac.Equal([]byte(header[len(signaturePrefix):]), wantHex)
}

// parseUnixDigits parses a positive decimal unix-seconds value made of digits only
// (no sign, no spaces, at most 12 digits).
func parseUnixDigits(s string) (int64, bool) {
	if s == "" || len(s) > 12 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, n > 0
}
