package webhook

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestWhatsAppSignature(t *testing.T) {
	const secret = "app-secret"
	body := []byte(`{"object":"whatsapp_business_account","entry":[{"changes":[]}],"name":"Zoë / @x"}`)
	good := SignWhatsApp(secret, body)
	flipped := append([]byte{}, body...)
	flipped[len(flipped)-3] ^= 1
	cases := []struct {
		name   string
		secret string
		body   []byte
		header string
		want   bool
	}{
		{"good", secret, body, good, true},
		{"known vector", "key", []byte("The quick brown fox jumps over the lazy dog"),
			"sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", true},
		{"wrong secret", "other", body, good, false},
		{"wrong body byte", secret, flipped, good, false},
		{"uppercase hex", secret, body, "sha256=" + strings.ToUpper(strings.TrimPrefix(good, "sha256=")), false},
		{"missing prefix", secret, body, strings.TrimPrefix(good, "sha256="), false},
		{"other prefix", secret, body, "sha1=" + strings.TrimPrefix(good, "sha256="), false},
		{"empty header", secret, body, "", false},
		{"truncated", secret, body, good[:len(good)-1], false},
		{"empty secret", "", body, SignWhatsApp("", body), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := VerifyWhatsAppSignature(tc.secret, tc.body, tc.header); got != tc.want {
				t.Errorf("VerifyWhatsAppSignature = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestEventsSignature(t *testing.T) {
	const secret = "events-secret"
	body := []byte(`{"events":[]}`)
	now := time.Unix(1_740_000_000, 0)
	ts, sig := SignEvents(secret, body, now)
	if ts != "1740000000" {
		t.Fatalf("timestamp header = %q", ts)
	}
	// HMAC-SHA256("events-secret", "1740000000.{\"events\":[]}") computed independently with openssl.
	if want := "sha256=" + opensslVector; sig != want {
		t.Fatalf("signature = %q, want %q", sig, want)
	}
	tsOld, sigOld := SignEvents(secret, body, now.Add(-301*time.Second))
	tsEdge, sigEdge := SignEvents(secret, body, now.Add(-300*time.Second))
	tsFuture, sigFuture := SignEvents(secret, body, now.Add(301*time.Second))
	cases := []struct {
		name          string
		secret        string
		body          []byte
		ts, signature string
		want          error
	}{
		{"good", secret, body, ts, sig, nil},
		{"300s old ok", secret, body, tsEdge, sigEdge, nil},
		{"wrong secret", "nope", body, ts, sig, ErrBadSignature},
		{"wrong body byte", secret, []byte(`{"events":[ ]}`), ts, sig, ErrBadSignature},
		{"uppercase hex", secret, body, ts, "sha256=" + strings.ToUpper(sig[7:]), ErrBadSignature},
		{"missing prefix", secret, body, ts, sig[7:], ErrBadSignature},
		{"missing signature", secret, body, ts, "", ErrBadSignature},
		{"missing timestamp", secret, body, "", sig, ErrBadSignature},
		{"timestamp not digits", secret, body, "17400000a0", sig, ErrBadSignature},
		{"timestamp changed", secret, body, "1740000001", sig, ErrBadSignature},
		{"stale 301s", secret, body, tsOld, sigOld, ErrStaleTimestamp},
		{"future 301s", secret, body, tsFuture, sigFuture, ErrStaleTimestamp},
		{"empty secret", "", body, ts, sig, ErrBadSignature},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := VerifyEventsSignature(tc.secret, tc.body, tc.ts, tc.signature, now)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("VerifyEventsSignature = %v, want %v", err, tc.want)
			}
			if err != nil && strings.Contains(err.Error(), tc.secret) && tc.secret != "" {
				t.Errorf("error leaks the secret: %v", err)
			}
		})
	}
}

func TestVerifyToken(t *testing.T) {
	cases := []struct {
		expected, given string
		want            bool
	}{
		{"tok-123", "tok-123", true},
		{"tok-123", "tok-124", false},
		{"tok-123", "tok-1234", false},
		{"tok-123", "", false},
		{"", "", false},
	}
	for _, tc := range cases {
		if got := VerifyToken(tc.expected, tc.given); got != tc.want {
			t.Errorf("VerifyToken(%q, %q) = %v, want %v", tc.expected, tc.given, got, tc.want)
		}
	}
}

// opensslVector is `printf '1740000000.{"events":[]}' | openssl dgst -sha256 -hmac events-secret`.
const opensslVector = "c7f9cf844447411f932c2b93bf9256796bab28c947833b8a30fc99e3ab7b7ef3"
