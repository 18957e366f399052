package reports

import (
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// The demo scenario, Europe/Berlin (CET = UTC+1 in March before the 30th).
// 2025-03-10 is a Monday. Hand-computed figures are in the tests that use it.

var demoAgents = []domain.Agent{
	{ID: "ana", Name: "Ana", Role: domain.RoleAgent, SupervisorID: "sam", Team: "red"},
	{ID: "bob", Name: "Bob", Role: domain.RoleAgent, SupervisorID: "sam", Team: "red"},
	{ID: "cat", Name: "Cat", Role: domain.RoleAgent, Team: "blue"},
	{ID: "sam", Name: "Sam", Role: domain.RoleSupervisor, Team: "red"},
	{ID: "dan", Name: "Dan", Role: domain.RoleAgent}, // no team, never active
	{ID: "adm", Name: "Admin", Role: domain.RoleAdmin},
}

// t1: customer 1 wrote 08:00Z; ana wrote 08:05Z (before any assignment: not a
// first response); assigned to ana 08:10Z, reassigned to bob 08:20Z; bob
// answered 08:30Z; cat resolved 09:10Z.
// FR = 20 min (bob), wait = 30 min (bob), resolve = 60 min (cat), opened by ana.
var t1 = domain.Ticket{
	ID: "t1", CustomerID: custID(1), CustomerName: "Uno", AgentID: "bob", OpeningAgentID: "ana",
	Channel: "whatsapp", Status: domain.StatusResolved,
	OpenedAt: at("2025-03-10T08:10:00Z"), CustomerFirstMessageAt: tp("2025-03-10T08:00:00Z"),
	FirstResponseAt: tp("2025-03-10T08:30:00Z"), FirstResponseAgentID: "bob",
	ResolvedAt: tp("2025-03-10T09:10:00Z"), ResolvedBy: "cat",
	Assignments: []domain.AssignmentRef{{AgentID: "ana", At: at("2025-03-10T08:10:00Z")}, {AgentID: "bob", At: at("2025-03-10T08:20:00Z")}},
}

// t2: opened by an assignment to ana 10:00Z (no customer message); ana answered 10:05Z. FR 5 min, no wait.
var t2 = domain.Ticket{
	ID: "t2", CustomerID: custID(2), CustomerName: "Dos", AgentID: "ana", OpeningAgentID: "ana",
	Channel: "whatsapp", Status: domain.StatusAnswered,
	OpenedAt: at("2025-03-10T10:00:00Z"), FirstResponseAt: tp("2025-03-10T10:05:00Z"), FirstResponseAgentID: "ana",
	Assignments: []domain.AssignmentRef{{AgentID: "ana", At: at("2025-03-10T10:00:00Z")}},
}

// t3: opened 23:50 local on 03-10 (22:50Z) by sam, answered by sam 00:10 local
// on 03-11 (23:10Z), resolved by sam 03-11 09:00Z. FR 20 min, resolve 610 min.
var t3 = domain.Ticket{
	ID: "t3", CustomerID: custID(3), CustomerName: "Tres", AgentID: "sam", OpeningAgentID: "sam",
	Channel: "instagram", Status: domain.StatusResolved,
	OpenedAt: at("2025-03-10T22:50:00Z"), CustomerFirstMessageAt: tp("2025-03-10T22:40:00Z"),
	FirstResponseAt: tp("2025-03-10T23:10:00Z"), FirstResponseAgentID: "sam",
	ResolvedAt:  tp("2025-03-11T09:00:00Z"),
	ResolvedBy:  "sam",
	Assignments: []domain.AssignmentRef{{AgentID: "sam", At: at("2025-03-10T22:50:00Z")}},
}

func demoFacts() Facts {
	return Facts{
		Sessions: []SessionFact{
			session("s0", 5, "2025-03-08T09:00:00Z", false, nil), // previous window
			session("s1", 1, "2025-03-10T08:00:00Z", true, &t1, "billing", "vip"),
			session("s2", 2, "2025-03-10T10:00:00Z", false, &t2, "billing"),
			session("s3", 3, "2025-03-10T22:40:00Z", true, &t3, "shipping"),
			session("s4", 1, "2025-03-11T12:00:00Z", false, nil), // second session of customer 1: returning, bot-only
			session("s5", 4, "2025-03-12T07:00:00Z", false, nil), // bot-only
		},
		Tickets: []TicketFact{{t1, 1}, {t2, 2}, {t3, 3}},
		Messages: []MessageFact{
			inbound("m0", 5, "ZZ", "whatsapp", "2025-03-02T09:00:00Z"),
			inbound("m0b", 5, "ZZ", "whatsapp", "2025-03-08T09:00:00Z"),
			inbound("m1", 1, "DE", "whatsapp", "2025-03-10T08:00:00Z"),
			outbound("m2", 1, domain.SenderAgent, "ana", "2025-03-10T08:05:00Z"),
			outbound("m3", 1, domain.SenderAgent, "bob", "2025-03-10T08:30:00Z"),
			outbound("m4", 2, domain.SenderAgent, "ana", "2025-03-10T10:05:00Z"),
			inbound("m5", 2, "ID", "whatsapp", "2025-03-10T10:07:00Z"),
			inbound("m6", 3, "ZZ", "instagram", "2025-03-10T22:40:00Z"),
			outbound("m7", 3, domain.SenderAgent, "sam", "2025-03-10T23:10:00Z"),
			inbound("m8", 3, "ZZ", "instagram", "2025-03-10T23:30:00Z"), // 00:30 local: 03-11
			inbound("m9", 1, "DE", "whatsapp", "2025-03-11T12:00:00Z"),
			outbound("m10", 1, domain.SenderBot, "", "2025-03-11T12:00:05Z"),
			inbound("m11", 4, "US", "whatsapp", "2025-03-12T07:00:00Z"),
			outbound("m12", 4, domain.SenderBot, "", "2025-03-12T07:00:05Z"),
			outbound("m13", 4, domain.SenderBroadcast, "", "2025-03-12T15:00:00Z"),
		},
		Surveys: []SurveyFact{
			survey("q1", 1, "bob", "2025-03-10T09:15:00Z", "2025-03-10T09:20:00Z", 4),
			// answered twice: the store passes the surviving (latest) response only.
			survey("q2", 2, "ana", "2025-03-10T10:30:00Z", "2025-03-12T08:00:00Z", 5),
			survey("q3", 3, "sam", "2025-03-11T09:05:00Z", "2025-03-12T09:05:00Z", 2),
			survey("q4", 3, "sam", "2025-03-12T10:00:00Z", "", 0),
			survey("q5", 4, "", "2025-03-12T11:00:00Z", "2025-03-12T11:30:00Z", 3), // unattributed
		},
		Calls: []domain.Call{
			{EventID: "e1", CallID: "k1", CustomerID: custID(1), AgentID: "ana", Direction: domain.Inbound, Status: "answered", DurationSeconds: 60, At: at("2025-03-10T11:00:00Z")},
			{EventID: "e2", CallID: "k2", CustomerID: custID(2), Direction: domain.Inbound, Status: "missed", At: at("2025-03-11T11:00:00Z")},
		},
		FirstInbound: map[uint32]time.Time{
			1: at("2025-03-10T08:00:00Z"),
			2: at("2025-01-15T10:00:00Z"),
			3: at("2025-03-10T22:40:00Z"),
			4: at("2025-02-01T10:00:00Z"),
			5: at("2024-12-01T10:00:00Z"),
		},
	}
}
