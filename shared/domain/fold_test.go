package domain

import (
	"reflect"
	"testing"
	"time"
)

const (
	ms = time.Millisecond
	mn = time.Minute
	hr = time.Hour
)

func TestFoldSessions(t *testing.T) {
	tests := []struct {
		name string
		tl   Timeline
		want []Session
	}{
		{
			name: "bot-only session closes 24h after its last message",
			tl: Timeline{CustomerID: cust, Messages: []Message{
				inMsg("m1", 0), outMsg("b1", 1*mn, SenderBot, ""), inMsg("m2", 10*mn),
			}},
			want: []Session{{
				ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(10*mn + 24*hr),
				New: true, Channel: "whatsapp", MessagesIn: 2, MessagesOut: 1, MessageIDs: []string{"m1", "b1", "m2"},
			}},
		},
		{
			name: "bot session handed off to an agent becomes a ticket",
			tl: Timeline{CustomerID: cust,
				Messages: []Message{
					inMsg("m1", 0), outMsg("b1", 1*mn, SenderBot, ""),
					outMsg("r1", 7*mn, SenderAgent, "A"), inMsg("m2", 8*mn),
				},
				Assignments: []Assignment{asg("a1", "A", 5*mn)},
			},
			want: []Session{{
				ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), New: true, Channel: "whatsapp",
				MessagesIn: 2, MessagesOut: 2, MessageIDs: []string{"m1", "b1", "r1", "m2"},
				Ticket: &Ticket{
					ID: sidMsg("m1", 0), CustomerID: cust, AgentID: "A", OpeningAgentID: "A", Channel: "whatsapp",
					Status: StatusAnswered, OpenedAt: at(5 * mn), CustomerFirstMessageAt: tp(0),
					FirstResponseAt: tp(7 * mn), FirstResponseAgentID: "A",
					FirstResponseSeconds: fp(120), CustomerWaitSeconds: fp(420),
					MessagesIn: 2, MessagesOut: 2, Labels: []string{},
					Assignments: []AssignmentRef{{AgentID: "A", At: at(5 * mn)}},
				},
			}},
		},
		{
			name: "assignment after the bot timeout opens a new ticket session",
			tl: Timeline{CustomerID: cust,
				Messages:    []Message{inMsg("m1", 0)},
				Assignments: []Assignment{asg("a1", "A", 25*hr)},
			},
			want: []Session{
				{
					ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(24 * hr), New: true,
					Channel: "whatsapp", MessagesIn: 1, MessageIDs: []string{"m1"},
				},
				{
					ID: sidAsg("a1", 25*hr), CustomerID: cust, OpenedAt: at(25 * hr), Channel: "whatsapp",
					Ticket: &Ticket{
						ID: sidAsg("a1", 25*hr), CustomerID: cust, AgentID: "A", OpeningAgentID: "A",
						Channel: "whatsapp", Status: StatusOpen, OpenedAt: at(25 * hr), Labels: []string{},
						Assignments: []AssignmentRef{{AgentID: "A", At: at(25 * hr)}},
					},
				},
			},
		},
		{
			name: "reassignment moves the ticket and keeps the history; resolve without agent credits the current agent",
			tl: Timeline{CustomerID: cust,
				Messages:    []Message{inMsg("m1", 0), outMsg("r1", 12*mn, SenderAgent, "B")},
				Assignments: []Assignment{asg("a2", "B", 10*mn), asg("a1", "A", 1*mn)},
				Resolves:    []Resolve{rsv("z1", "", 20*mn)},
			},
			want: []Session{{
				ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(20 * mn), New: true,
				Channel: "whatsapp", MessagesIn: 1, MessagesOut: 1, MessageIDs: []string{"m1", "r1"},
				Ticket: &Ticket{
					ID: sidMsg("m1", 0), CustomerID: cust, AgentID: "B", OpeningAgentID: "A", Channel: "whatsapp",
					Status: StatusResolved, OpenedAt: at(1 * mn), CustomerFirstMessageAt: tp(0),
					FirstResponseAt: tp(12 * mn), FirstResponseAgentID: "B",
					ResolvedAt: tp(20 * mn), ResolvedBy: "B",
					FirstResponseSeconds: fp(660), ResolveSeconds: fp(1140), CustomerWaitSeconds: fp(720),
					MessagesIn: 1, MessagesOut: 1, Labels: []string{},
					Assignments: []AssignmentRef{{AgentID: "A", At: at(1 * mn)}, {AgentID: "B", At: at(10 * mn)}},
				},
			}},
		},
		{
			name: "agent reply before the assignment is not a first response",
			tl: Timeline{CustomerID: cust,
				Messages: []Message{
					inMsg("m1", 0), outMsg("r0", 2*mn, SenderAgent, "A"), outMsg("r1", 9*mn+500*ms, SenderAgent, "C"),
				},
				Assignments: []Assignment{asg("a1", "A", 5*mn)},
			},
			want: []Session{{
				ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), New: true, Channel: "whatsapp",
				MessagesIn: 1, MessagesOut: 2, MessageIDs: []string{"m1", "r0", "r1"},
				Ticket: &Ticket{
					ID: sidMsg("m1", 0), CustomerID: cust, AgentID: "A", OpeningAgentID: "A", Channel: "whatsapp",
					Status: StatusAnswered, OpenedAt: at(5 * mn), CustomerFirstMessageAt: tp(0),
					FirstResponseAt: tp(9*mn + 500*ms), FirstResponseAgentID: "C",
					FirstResponseSeconds: fp(240.5), CustomerWaitSeconds: fp(540.5),
					MessagesIn: 1, MessagesOut: 2, Labels: []string{},
					Assignments: []AssignmentRef{{AgentID: "A", At: at(5 * mn)}},
				},
			}},
		},
		{
			name: "second session of the customer is returning; resolve with agent_id credits that agent",
			tl: Timeline{CustomerID: cust,
				Messages:    []Message{inMsg("m2", 1*hr), inMsg("m1", 0)},
				Assignments: []Assignment{asg("a1", "A", 1*mn), asg("a2", "B", 61*mn)},
				Resolves: []Resolve{{EventID: "z1", AgentID: "sup1", Category: "billing", Note: "refund sent",
					At: at(3 * mn)}},
			},
			want: []Session{
				{
					ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(3 * mn), New: true,
					Channel: "whatsapp", MessagesIn: 1, MessageIDs: []string{"m1"},
					Ticket: &Ticket{
						ID: sidMsg("m1", 0), CustomerID: cust, AgentID: "A", OpeningAgentID: "A", Channel: "whatsapp",
						Status: StatusResolved, OpenedAt: at(1 * mn), CustomerFirstMessageAt: tp(0),
						ResolvedAt: tp(3 * mn), ResolvedBy: "sup1", ResolveSeconds: fp(120),
						MessagesIn: 1, Labels: []string{}, Category: "billing", Note: "refund sent",
						Assignments: []AssignmentRef{{AgentID: "A", At: at(1 * mn)}},
					},
				},
				{
					ID: sidMsg("m2", 1*hr), CustomerID: cust, OpenedAt: at(1 * hr), Channel: "whatsapp",
					MessagesIn: 1, MessageIDs: []string{"m2"},
					Ticket: &Ticket{
						ID: sidMsg("m2", 1*hr), CustomerID: cust, AgentID: "B", OpeningAgentID: "B", Channel: "whatsapp",
						Status: StatusOpen, OpenedAt: at(61 * mn), CustomerFirstMessageAt: tp(1 * hr),
						MessagesIn: 1, Labels: []string{},
						Assignments: []AssignmentRef{{AgentID: "B", At: at(61 * mn)}},
					},
				},
			},
		},
		{
			name: "resolves with no open session are ignored",
			tl: Timeline{CustomerID: cust,
				Messages:    []Message{inMsg("m1", 0), inMsg("m2", 2*hr)},
				Assignments: []Assignment{asg("a1", "A", 2*hr)},
				Resolves: []Resolve{
					rsv("z0", "A", -1*hr),    // before any session
					rsv("z1", "A", 25*hr),    // closes the assigned session (no 24h timeout once assigned)
					rsv("z2", "B", 25*hr+mn), // nothing open any more
				},
			},
			want: []Session{{
				ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(25 * hr), New: true,
				Channel: "whatsapp", MessagesIn: 2, MessageIDs: []string{"m1", "m2"},
				Ticket: &Ticket{
					ID: sidMsg("m1", 0), CustomerID: cust, AgentID: "A", OpeningAgentID: "A", Channel: "whatsapp",
					Status: StatusResolved, OpenedAt: at(2 * hr), CustomerFirstMessageAt: tp(0),
					ResolvedAt: tp(25 * hr), ResolvedBy: "A", ResolveSeconds: fp(23 * 3600),
					MessagesIn: 2, Labels: []string{},
					Assignments: []AssignmentRef{{AgentID: "A", At: at(2 * hr)}},
				},
			}},
		},
		{
			name: "resolve after a bot session timed out is ignored",
			tl: Timeline{CustomerID: cust,
				Messages: []Message{inMsg("m1", 0)},
				Resolves: []Resolve{rsv("z1", "A", 30*hr)},
			},
			want: []Session{{
				ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(24 * hr), New: true,
				Channel: "whatsapp", MessagesIn: 1, MessageIDs: []string{"m1"},
			}},
		},
		{
			name: "a later labeling replaces the labels, also after the close; labeling before any session is ignored",
			tl: Timeline{CustomerID: cust,
				Messages:    []Message{inMsg("m1", 0)},
				Assignments: []Assignment{asg("a1", "A", 1*mn)},
				Resolves:    []Resolve{rsv("z1", "A", 4*mn)},
				Labelings: []Labeling{
					lbl("l0", -1*mn, "ghost"),
					lbl("l2", 5*mn, "refund", "billing", "refund"),
					lbl("l1", 2*mn, "vip", "billing"),
				},
			},
			want: []Session{{
				ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(4 * mn), New: true,
				Channel: "whatsapp", Labels: []string{"billing", "refund"}, MessagesIn: 1, MessageIDs: []string{"m1"},
				Ticket: &Ticket{
					ID: sidMsg("m1", 0), CustomerID: cust, AgentID: "A", OpeningAgentID: "A", Channel: "whatsapp",
					Status: StatusResolved, OpenedAt: at(1 * mn), CustomerFirstMessageAt: tp(0),
					ResolvedAt: tp(4 * mn), ResolvedBy: "A", ResolveSeconds: fp(180),
					MessagesIn: 1, Labels: []string{"billing", "refund"},
					Assignments: []AssignmentRef{{AgentID: "A", At: at(1 * mn)}},
				},
			}},
		},
		{
			name: "survey requested after the resolve belongs to the resolved ticket",
			tl: Timeline{CustomerID: cust,
				Messages:    []Message{inMsg("m1", 0)},
				Assignments: []Assignment{asg("a1", "A", 1*mn)},
				Resolves:    []Resolve{rsv("z1", "A", 10*mn)},
				Surveys:     []Survey{srv("s1", 11*mn, 5)},
			},
			want: []Session{{
				ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(10 * mn), New: true,
				Channel: "whatsapp", MessagesIn: 1, MessageIDs: []string{"m1"},
				Ticket: &Ticket{
					ID: sidMsg("m1", 0), CustomerID: cust, AgentID: "A", OpeningAgentID: "A", Channel: "whatsapp",
					Status: StatusResolved, OpenedAt: at(1 * mn), CustomerFirstMessageAt: tp(0),
					ResolvedAt: tp(10 * mn), ResolvedBy: "A", ResolveSeconds: fp(540),
					MessagesIn: 1, Labels: []string{}, CSATID: "s1", CSATRating: ip(5),
					Assignments: []AssignmentRef{{AgentID: "A", At: at(1 * mn)}},
				},
			}},
		},
		{
			name: "broadcast outside a session belongs to none; the reply opens a session",
			tl: Timeline{CustomerID: cust, Messages: []Message{
				outMsg("bc1", 0, SenderBroadcast, ""), inMsg("m1", 1*hr),
			}},
			want: []Session{{
				ID: sidMsg("m1", 1*hr), CustomerID: cust, OpenedAt: at(1 * hr), ClosedAt: at(25 * hr), New: true,
				Channel: "whatsapp", MessagesIn: 1, MessageIDs: []string{"m1"},
			}},
		},
		{
			name: "inbound exactly 24h after the last message opens a new session",
			tl: Timeline{CustomerID: cust, Messages: []Message{
				inMsg("m1", 0), outMsg("b1", 1*hr, SenderBot, ""), inMsg("m2", 25*hr),
			}},
			want: []Session{
				{
					ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(25 * hr), New: true,
					Channel: "whatsapp", MessagesIn: 1, MessagesOut: 1, MessageIDs: []string{"m1", "b1"},
				},
				{
					ID: sidMsg("m2", 25*hr), CustomerID: cust, OpenedAt: at(25 * hr), ClosedAt: at(49 * hr),
					Channel: "whatsapp", MessagesIn: 1, MessageIDs: []string{"m2"},
				},
			},
		},
		{
			name: "inbound 1ms before the 24h timeout stays in the session",
			tl: Timeline{CustomerID: cust, Messages: []Message{
				inMsg("m1", 0), outMsg("b1", 1*hr, SenderBot, ""), inMsg("m2", 25*hr-ms),
			}},
			want: []Session{{
				ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(49*hr - ms), New: true,
				Channel: "whatsapp", MessagesIn: 2, MessagesOut: 1, MessageIDs: []string{"m1", "b1", "m2"},
			}},
		},
		{
			name: "same instant: inbound, assignment, outbound, labeling, survey, resolve; ties by id",
			tl: Timeline{CustomerID: cust,
				Messages:    []Message{outMsg("r1", 0, SenderAgent, "B"), inMsg("m1", 0)},
				Assignments: []Assignment{asg("a2", "B", 0), asg("a1", "A", 0)},
				Resolves:    []Resolve{rsv("z1", "", 0)},
				Labelings:   []Labeling{lbl("l1", 0, "x")},
				Surveys:     []Survey{srv("s1", 0, 3)},
			},
			want: []Session{{
				ID: sidMsg("m1", 0), CustomerID: cust, OpenedAt: at(0), ClosedAt: at(0), New: true,
				Channel: "whatsapp", Labels: []string{"x"}, MessagesIn: 1, MessagesOut: 1,
				MessageIDs: []string{"m1", "r1"},
				Ticket: &Ticket{
					ID: sidMsg("m1", 0), CustomerID: cust, AgentID: "B", OpeningAgentID: "A", Channel: "whatsapp",
					Status: StatusResolved, OpenedAt: at(0), CustomerFirstMessageAt: tp(0),
					FirstResponseAt: tp(0), FirstResponseAgentID: "B", ResolvedAt: tp(0), ResolvedBy: "B",
					FirstResponseSeconds: fp(0), ResolveSeconds: fp(0), CustomerWaitSeconds: fp(0),
					MessagesIn: 1, MessagesOut: 1, Labels: []string{"x"}, CSATID: "s1", CSATRating: ip(3),
					Assignments: []AssignmentRef{{AgentID: "A", At: at(0)}, {AgentID: "B", At: at(0)}},
				},
			}},
		},
		{
			name: "customer first writes after the first response: no wait figure",
			tl: Timeline{CustomerID: cust,
				Messages: []Message{
					outMsg("r1", 2*mn, SenderAgent, "A"), inMsg("m1", 5*mn),
				},
				Assignments: []Assignment{asg("a1", "A", 1*mn)},
			},
			want: []Session{{
				ID: sidAsg("a1", 1*mn), CustomerID: cust, OpenedAt: at(1 * mn), New: true, Channel: "whatsapp",
				MessagesIn: 1, MessagesOut: 1, MessageIDs: []string{"r1", "m1"},
				Ticket: &Ticket{
					ID: sidAsg("a1", 1*mn), CustomerID: cust, AgentID: "A", OpeningAgentID: "A", Channel: "whatsapp",
					Status: StatusAnswered, OpenedAt: at(1 * mn), CustomerFirstMessageAt: tp(5 * mn),
					FirstResponseAt: tp(2 * mn), FirstResponseAgentID: "A",
					FirstResponseSeconds: fp(60), CustomerWaitSeconds: nil,
					MessagesIn: 1, MessagesOut: 1, Labels: []string{},
					Assignments: []AssignmentRef{{AgentID: "A", At: at(1 * mn)}},
				},
			}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Fold(tc.tl).Sessions
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("sessions differ\n got: %s\nwant: %s", mustJSON(t, got), mustJSON(t, tc.want))
			}
		})
	}
}

func TestFoldSurveys(t *testing.T) {
	tests := []struct {
		name       string
		surveys    []Survey
		wantID     string
		wantRating *int
	}{
		{"no survey", nil, "", nil},
		{"one unanswered", []Survey{srv("s1", 11*mn, 0)}, "s1", nil},
		{"answered then unanswered: last answered wins", []Survey{srv("s2", 20*mn, 0), srv("s1", 11*mn, 2)}, "s1", ip(2)},
		{"two answered: last requested wins", []Survey{srv("s2", 20*mn, 4), srv("s1", 11*mn, 2)}, "s2", ip(4)},
		{"none answered: last requested id", []Survey{srv("s1", 11*mn, 0), srv("s2", 20*mn, 0)}, "s2", nil},
		{"request unknown is ignored", []Survey{{CSATID: "s9", Responded: true, Rating: 1, RespondedAt: at(12 * mn)}}, "", nil},
		{"survey before the session is ignored", []Survey{srv("s0", -1*mn, 5)}, "", nil},
		{"survey of the next session is not this ticket's", []Survey{srv("s3", 2*hr, 5)}, "", nil},
		{"duplicate id: the answered copy wins", []Survey{srv("s1", 11*mn, 0), srv("s1", 11*mn, 4)}, "s1", ip(4)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tl := Timeline{CustomerID: cust,
				Messages:    []Message{inMsg("m1", 0), inMsg("m2", 2*hr)},
				Assignments: []Assignment{asg("a1", "A", 1*mn)},
				Resolves:    []Resolve{rsv("z1", "A", 10*mn)},
				Surveys:     tc.surveys,
			}
			res := Fold(tl)
			if len(res.Sessions) != 2 || res.Sessions[0].Ticket == nil {
				t.Fatalf("want 2 sessions, the first a ticket; got %s", mustJSON(t, res.Sessions))
			}
			tk := res.Sessions[0].Ticket
			if tk.CSATID != tc.wantID || !reflect.DeepEqual(tk.CSATRating, tc.wantRating) {
				t.Errorf("csat = %q %v, want %q %v", tk.CSATID, tk.CSATRating, tc.wantID, tc.wantRating)
			}
		})
	}
}

func TestFoldCustomerFields(t *testing.T) {
	named := func(m Message, name string) Message { m.ProfileName = name; return m }
	tests := []struct {
		name        string
		tl          Timeline
		wantName    string
		wantPhone   string
		wantFirstIn *time.Time
		wantChannel string // of the first session
	}{
		{
			name: "profile name wins over WhatsApp names",
			tl: Timeline{CustomerID: cust,
				Profile:  &CustomerProfile{EventID: "p1", Name: "Budi Santoso", Phone: "+6281234567890", At: at(0)},
				Messages: []Message{named(inMsg("m1", 1*hr), "budi")},
			},
			wantName: "Budi Santoso", wantPhone: "+6281234567890", wantFirstIn: tp(1 * hr), wantChannel: "whatsapp",
		},
		{
			name: "latest WhatsApp name when the profile has none",
			tl: Timeline{CustomerID: cust,
				Profile: &CustomerProfile{EventID: "p1", Phone: "+6281234567890", At: at(0)},
				Messages: []Message{
					named(inMsg("m2", 2*hr), "Budi S"), named(inMsg("m1", 1*hr), "budi"), inMsg("m3", 3*hr),
					outMsg("b0", -1*hr, SenderBroadcast, ""),
				},
			},
			wantName: "Budi S", wantPhone: "+6281234567890", wantFirstIn: tp(1 * hr), wantChannel: "whatsapp",
		},
		{
			name: "no profile, no inbound: assignment without channel falls back to nothing",
			tl: Timeline{CustomerID: cust,
				Assignments: []Assignment{{EventID: "a1", AgentID: "A", At: at(0)}},
			},
		},
		{
			name: "session channel from the profile when neither message nor assignment has one",
			tl: Timeline{CustomerID: cust,
				Profile:     &CustomerProfile{EventID: "p1", Channel: "instagram", At: at(0)},
				Assignments: []Assignment{{EventID: "a1", AgentID: "A", At: at(0)}},
			},
			wantChannel: "instagram",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Fold(tc.tl)
			if res.CustomerName != tc.wantName || res.Phone != tc.wantPhone {
				t.Errorf("name, phone = %q, %q; want %q, %q", res.CustomerName, res.Phone, tc.wantName, tc.wantPhone)
			}
			if !reflect.DeepEqual(res.FirstInboundAt, tc.wantFirstIn) {
				t.Errorf("FirstInboundAt = %v, want %v", res.FirstInboundAt, tc.wantFirstIn)
			}
			if len(res.Sessions) == 0 {
				t.Fatalf("no session")
			}
			s := res.Sessions[0]
			if s.Channel != tc.wantChannel {
				t.Errorf("channel = %q, want %q", s.Channel, tc.wantChannel)
			}
			if s.Ticket != nil && (s.Ticket.CustomerName != tc.wantName || s.Ticket.Channel != tc.wantChannel) {
				t.Errorf("ticket name, channel = %q, %q", s.Ticket.CustomerName, s.Ticket.Channel)
			}
		})
	}
}

func TestFoldEmpty(t *testing.T) {
	got := Fold(Timeline{CustomerID: cust})
	if !reflect.DeepEqual(got, FoldResult{}) {
		t.Errorf("Fold(empty) = %+v, want zero", got)
	}
}
