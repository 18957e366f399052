package httpapi

import (
	"os"
	"strconv"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/webhook"
)

// BenchmarkWhatsAppWebhook measures the CPU of the whole webhook path for one
// inbound message — routing, signature check, parsing, validation and the
// response — with an in-memory ingester (no I/O).
//
//	go test ./shared/httpapi -run '^$' -bench Webhook -benchmem
func BenchmarkWhatsAppWebhook(b *testing.B) {
	body, err := os.ReadFile("../webhook/testdata/fixtures/whatsapp/wa_inbound_text__pywa.json")
	if err != nil {
		b.Fatal(err)
	}
	h := newTestHandler(newFake())
	req := gw("POST", "/webhooks/whatsapp/ws_demo", nil,
		map[string]string{"x-hub-signature-256": webhook.SignWhatsApp("app-secret", body)}, string(body))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, _ := h.Handle(b.Context(), req)
		if resp.StatusCode != 200 {
			b.Fatalf("status %d: %s", resp.StatusCode, resp.Body)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/event")
}

// BenchmarkEventsWebhook does the same for a helpdesk batch of 100 events.
func BenchmarkEventsWebhook(b *testing.B) {
	f := newFake()
	h := newTestHandler(f)
	body := benchEventsBody(100)
	ts, sig := webhook.SignEvents("ev-secret", body, fixedNow)
	req := gw("POST", "/webhooks/events/ws_demo", nil,
		map[string]string{"x-signature-timestamp": ts, "x-signature-256": sig}, string(body))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, _ := h.Handle(b.Context(), req)
		if resp.StatusCode != 200 {
			b.Fatalf("status %d: %s", resp.StatusCode, resp.Body)
		}
		f.mu.Lock()
		f.ingested = nil
		f.mu.Unlock()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*100), "ns/event")
}

func benchEventsBody(n int) []byte {
	out := []byte(`{"events":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, []byte(`{"id":"evt-`+strconv.Itoa(i)+`","type":"message.created","occurred_at":"2025-06-15T19:00:00+07:00","message":{"id":"m-`+strconv.Itoa(i)+`","customer_id":"6281234567890","direction":"outbound","sender":"agent","agent_id":"ag-1","channel":"whatsapp","type":"text","text":"Halo, pesanan Anda sudah dikirim / your order has shipped"}}`)...)
	}
	return append(out, []byte(`]}`)...)
}
