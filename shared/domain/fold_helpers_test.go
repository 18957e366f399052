package domain

import (
	"encoding/json"
	"testing"
	"time"
)

// Builders shared by the fold tests. Offsets are from t0.

const cust = "6281234567890"

var t0 = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return t0.Add(d) }

func tp(d time.Duration) *time.Time {
	t := at(d)
	return &t
}

func fp(v float64) *float64 { return &v }

func ip(v int) *int { return &v }

func inMsg(id string, d time.Duration) Message {
	return Message{ID: id, CustomerID: cust, Direction: Inbound, Sender: SenderCustomer, Channel: "whatsapp", At: at(d)}
}

func outMsg(id string, d time.Duration, sender Sender, agent string) Message {
	return Message{ID: id, CustomerID: cust, Direction: Outbound, Sender: sender, AgentID: agent, Channel: "whatsapp", At: at(d)}
}

func asg(id, agent string, d time.Duration) Assignment {
	return Assignment{EventID: id, AgentID: agent, Channel: "whatsapp", At: at(d)}
}

func rsv(id, agent string, d time.Duration) Resolve {
	return Resolve{EventID: id, AgentID: agent, At: at(d)}
}

func lbl(id string, d time.Duration, labels ...string) Labeling {
	return Labeling{EventID: id, Labels: labels, At: at(d)}
}

// srv is a survey requested at d; rating 0 means not answered.
func srv(id string, d time.Duration, rating int) Survey {
	s := Survey{CSATID: id, CustomerID: cust, RequestedAt: at(d)}
	if rating > 0 {
		s.Responded, s.Rating, s.RespondedAt = true, rating, at(d+time.Minute)
	}
	return s
}

func sidMsg(id string, d time.Duration) string {
	return SessionID(cust, OpenerKey{Kind: KindMessage, ID: id, At: at(d)})
}

func sidAsg(id string, d time.Duration) string {
	return SessionID(cust, OpenerKey{Kind: KindAssignment, ID: id, At: at(d)})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return string(b)
}
