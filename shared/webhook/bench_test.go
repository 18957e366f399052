package webhook

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"
)

func BenchmarkParseWhatsApp(b *testing.B) {
	body, err := os.ReadFile("testdata/fixtures/whatsapp/wa_inbound_text__pywa.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseWhatsApp(body); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/event")
}

func BenchmarkParseEvents(b *testing.B) {
	body := realisticBatch(100)
	now := time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseEvents(body, now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/event")
}

// realisticBatch builds n events shaped like a busy inbox: mostly messages, with
// assignments, resolves, labels, surveys and calls in between.
func realisticBatch(n int) []byte {
	base := time.Date(2025, 3, 1, 8, 0, 0, 0, time.FixedZone("WIB", 7*3600))
	events := make([]map[string]any, 0, n)
	for i := range n {
		cust := fmt.Sprintf("62812%07d", i%17)
		ev := map[string]any{"id": fmt.Sprintf("evt-%06d", i), "occurred_at": base.Add(time.Duration(i) * 37 * time.Second).Format(time.RFC3339Nano)}
		switch i % 10 {
		case 0:
			ev["type"], ev["customer_id"], ev["agent_id"], ev["conversation_id"] = "conversation.assigned", cust, "agent-3", "conv-"+cust
		case 7:
			ev["type"], ev["customer_id"], ev["labels"] = "conversation.labeled", cust, []string{"billing", "vip"}
		case 8:
			ev["type"], ev["customer_id"], ev["agent_id"], ev["category"] = "conversation.resolved", cust, "agent-3", "billing"
		case 9:
			if i%20 == 9 {
				ev["type"], ev["csat_id"], ev["customer_id"], ev["agent_id"] = "csat.requested", "csat-"+cust, cust, "agent-3"
			} else {
				ev["type"], ev["call_id"], ev["customer_id"], ev["direction"], ev["status"], ev["duration_seconds"] = "call.ended", "call-"+cust, cust, "inbound", "answered", 93.5
			}
		default:
			msg := map[string]any{"id": fmt.Sprintf("wamid.HBgLNjI4MTIzNDU2Nzg5MBUCABIYFDNBMEU%06d", i), "customer_id": cust,
				"conversation_id": "conv-" + cust, "channel": "whatsapp", "type": "text", "text": "Halo kak, pesanan saya belum sampai, bisa dicek?"}
			if i%2 == 0 {
				msg["direction"], msg["sender"] = "inbound", "customer"
			} else {
				msg["direction"], msg["sender"], msg["agent_id"] = "outbound", "agent", "agent-3"
			}
			ev["type"], ev["message"] = "message.created", msg
		}
		events = append(events, ev)
	}
	body, err := json.Marshal(map[string]any{"events": events})
	if err != nil {
		panic(err)
	}
	return body
}
