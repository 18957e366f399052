package seed

import (
	"encoding/json"
	"testing"
)

func TestSignatures(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		// Well-known HMAC-SHA256 vector: key "key", message "The quick brown fox jumps over the lazy dog".
		{"whatsapp", signWhatsApp("key", []byte("The quick brown fox jumps over the lazy dog")),
			"sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"},
		// The helpdesk signs "<ts>.<body>": the same vector split at a dot.
		{"events", signEvents("key", 1700000000, []byte("body")), signWhatsApp("key", []byte("1700000000.body"))},
		{"empty secret still signs", signWhatsApp("", nil), "sha256=b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %s, want %s", tt.got, tt.want)
			}
		})
	}
}

func TestMetaEscape(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`{"a":"plain"}`, `{"a":"plain"}`},
		{`{"n":"José Conceição"}`, `{"n":"Jos\u00e9 Concei\u00e7\u00e3o"}`},
		{`{"t":"ok 👍"}`, `{"t":"ok \ud83d\udc4d"}`},
		{`{"u":"INV/2025/1"}`, `{"u":"INV\/2025\/1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := metaEscape([]byte(tt.in))
			if string(got) != tt.want {
				t.Fatalf("metaEscape = %s, want %s", got, tt.want)
			}
			var a, b map[string]string
			if err := json.Unmarshal([]byte(tt.in), &a); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(got, &b); err != nil {
				t.Fatal(err)
			}
			for k := range a {
				if a[k] != b[k] {
					t.Errorf("decoded %q, want %q", b[k], a[k])
				}
			}
		})
	}
}
