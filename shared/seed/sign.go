package seed

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Signature headers of the two webhooks (CONTRACT 2.1 and 2.2).
const (
	headerHubSignature = "X-Hub-Signature-256"
	headerSignature    = "X-Signature-256"
	headerTimestamp    = "X-Signature-Timestamp"
)

func hmacHex(secret string, parts ...[]byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	for _, p := range parts {
		m.Write(p)
	}
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// signWhatsApp returns the X-Hub-Signature-256 value: HMAC-SHA256(app_secret, raw body).
func signWhatsApp(appSecret string, body []byte) string {
	return hmacHex(appSecret, body)
}

// signEvents returns the X-Signature-256 value: HMAC-SHA256(events_secret, "<ts>.<raw body>").
func signEvents(eventsSecret string, ts int64, body []byte) string {
	return hmacHex(eventsSecret, []byte(strconv.FormatInt(ts, 10)), []byte("."), body)
}
