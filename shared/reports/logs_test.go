package reports

import (
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

func TestParseUserAgent(t *testing.T) {
	tests := []struct {
		ua, os, browser string
	}{
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Windows", "Chrome"},
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "iOS", "Safari"},
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0", "macOS", "Firefox"},
		{"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36", "Android", "Chrome"},
		{"curl/8.4.0", "", ""},
		{"definitely not a browser", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		osName, browser := ParseUserAgent(tt.ua)
		if osName != tt.os || browser != tt.browser {
			t.Errorf("ParseUserAgent(%q) = %q, %q, want %q, %q", tt.ua, osName, browser, tt.os, tt.browser)
		}
	}
}

func TestLogItems(t *testing.T) {
	access := []domain.Access{
		{EventID: "a2", AgentID: "bob", Activity: "logout", At: at("2025-03-10T18:00:00+01:00")},
		{EventID: "a1", AgentID: "ana", Activity: "login", UserAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", IP: "203.0.113.9", At: at("2025-03-10T09:00:00+01:00")},
		{EventID: "a0", AgentID: "ghost", Activity: "login", At: at("2025-03-10T08:00:00Z")},
	}
	golden(t, "access_log.golden.json", map[string]any{"items": AccessItems(access, demoAgents), "next_cursor": nil})
	msgs := []domain.Message{
		{ID: "m2", CustomerID: custID(1), Direction: domain.Outbound, Sender: domain.SenderAgent, AgentID: "ana", Channel: "whatsapp", Type: "text", Text: "Hi!", At: at("2025-03-10T08:05:00Z"), Status: "read"},
		{ID: "m1", CustomerID: custID(1), Direction: domain.Inbound, Sender: domain.SenderCustomer, Channel: "whatsapp", Type: "image", Text: "caption", ProfileName: "Uno WA", At: at("2025-03-10T09:00:00+01:00")},
		{ID: "m0", CustomerID: custID(3), Direction: domain.Inbound, Sender: domain.SenderCustomer, Channel: "instagram", Type: "text", ProfileName: "Tres IG", At: at("2025-03-10T07:00:00Z")},
	}
	items := MessageItems(msgs, map[string]string{custID(1): "Uno"})
	if items[1].CustomerName != "Uno" || items[2].CustomerName != "Tres IG" {
		t.Errorf("customer names = %q, %q; want profile name, then the message's own", items[1].CustomerName, items[2].CustomerName)
	}
	golden(t, "messages_log.golden.json", map[string]any{"items": items, "next_cursor": nil})
}
