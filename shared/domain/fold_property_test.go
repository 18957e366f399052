package domain

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"
)

// genTimeline builds a random but plausible timeline of n facts for customer c:
// times move forward in jumps from 0 ms to days, with equal instants and exact
// 24 h boundaries on purpose, and a few records that share an id but differ.
func genTimeline(rng *rand.Rand, c string, n int) Timeline {
	tl := Timeline{CustomerID: c}
	if rng.Intn(2) == 0 {
		tl.Profile = &CustomerProfile{EventID: "p-" + c, Name: []string{"", "Ana", "Budi"}[rng.Intn(3)],
			Phone: "+62" + c, Channel: "whatsapp", At: t0}
	}
	now := t0.Add(time.Duration(rng.Intn(1000)) * time.Millisecond)
	lastMsg := now
	agents := []string{"A", "B", "C"}
	for i := range n {
		switch r := rng.Intn(100); {
		case r < 15: // same instant
		case r < 45:
			now = now.Add(time.Duration(rng.Intn(600_000)) * time.Millisecond)
		case r < 75:
			now = now.Add(time.Duration(rng.Intn(180)) * time.Minute)
		case r < 83:
			now = now.Add(time.Duration(1+rng.Intn(3)) * 24 * time.Hour)
		case r < 91:
			now = lastMsg.Add(BotSessionTimeout)
		default:
			now = lastMsg.Add(BotSessionTimeout - time.Millisecond)
		}
		id := fmt.Sprintf("%s-%03d-%d", c, rng.Intn(1000), i) // random tie order at equal instants
		agent := agents[rng.Intn(len(agents))]
		switch k := rng.Intn(100); {
		case k < 30:
			tl.Messages = append(tl.Messages, Message{ID: "m" + id, CustomerID: c, Direction: Inbound,
				Sender: SenderCustomer, Channel: "whatsapp", Text: "hi", At: now,
				ProfileName: []string{"", "ana", "budi"}[rng.Intn(3)]})
			lastMsg = now
		case k < 55:
			sender := []Sender{SenderAgent, SenderAgent, SenderBot, SenderBroadcast, SenderWorkflow}[rng.Intn(5)]
			m := Message{ID: "m" + id, CustomerID: c, Direction: Outbound, Sender: sender,
				Channel: "whatsapp", Text: "hello", At: now}
			if sender == SenderAgent {
				m.AgentID = agent
			}
			tl.Messages = append(tl.Messages, m)
			lastMsg = now
		case k < 67:
			tl.Assignments = append(tl.Assignments, Assignment{EventID: "a" + id, AgentID: agent,
				Channel: []string{"", "whatsapp"}[rng.Intn(2)], At: now})
		case k < 77:
			tl.Resolves = append(tl.Resolves, Resolve{EventID: "z" + id,
				AgentID: []string{"", agent}[rng.Intn(2)], Category: "cat" + id[len(id)-1:], At: now})
		case k < 85:
			labels := []string{"vip", "billing", "refund", "billing"}[:rng.Intn(5)%4]
			rng.Shuffle(len(labels), func(i, j int) { labels[i], labels[j] = labels[j], labels[i] })
			tl.Labelings = append(tl.Labelings, Labeling{EventID: "l" + id, Labels: labels, At: now})
		case k < 95:
			s := Survey{CSATID: "s" + id, CustomerID: c, RequestedAt: now}
			if rng.Intn(10) == 0 {
				s.RequestedAt = time.Time{} // response known, request not
			}
			if rng.Intn(2) == 0 {
				s.Responded, s.Rating, s.RespondedAt = true, 1+rng.Intn(5), now.Add(time.Hour)
			}
			tl.Surveys = append(tl.Surveys, s)
		default:
			tl.Calls = append(tl.Calls, Call{EventID: "c" + id, CallID: id, CustomerID: c,
				Direction: Inbound, Status: "answered", DurationSeconds: 30, At: now})
		}
	}
	addConflicts(rng, &tl)
	return tl
}

// addConflicts adds, now and then, a record that shares an id with another but differs.
func addConflicts(rng *rand.Rand, tl *Timeline) {
	if len(tl.Messages) > 0 && rng.Intn(4) == 0 {
		m := tl.Messages[rng.Intn(len(tl.Messages))]
		m.Text, m.Status = "edited", DeliveryRead
		tl.Messages = append(tl.Messages, m)
	}
	if len(tl.Assignments) > 0 && rng.Intn(4) == 0 {
		a := tl.Assignments[rng.Intn(len(tl.Assignments))]
		a.AgentID = "Z"
		tl.Assignments = append(tl.Assignments, a)
	}
	if len(tl.Labelings) > 0 && rng.Intn(4) == 0 {
		l := tl.Labelings[rng.Intn(len(tl.Labelings))]
		l.Labels = []string{"other"}
		tl.Labelings = append(tl.Labelings, l)
	}
	if len(tl.Surveys) > 0 && rng.Intn(4) == 0 {
		s := tl.Surveys[rng.Intn(len(tl.Surveys))]
		s.Responded, s.Rating = !s.Responded, 3
		tl.Surveys = append(tl.Surveys, s)
	}
}

var jakarta = time.FixedZone("WIB", 7*3600)

// scramble returns a copy of tl with every slice shuffled, exact duplicates
// inserted and some times moved to another zone (same instant).
func scramble(rng *rand.Rand, tl Timeline) Timeline {
	out := tl
	out.Messages = scrambleSlice(rng, tl.Messages, func(m Message) Message { m.At = m.At.In(jakarta); return m })
	out.Assignments = scrambleSlice(rng, tl.Assignments, func(a Assignment) Assignment { a.At = a.At.In(jakarta); return a })
	out.Resolves = scrambleSlice(rng, tl.Resolves, func(r Resolve) Resolve { r.At = r.At.In(jakarta); return r })
	out.Labelings = scrambleSlice(rng, tl.Labelings, func(l Labeling) Labeling { l.At = l.At.In(jakarta); return l })
	out.Surveys = scrambleSlice(rng, tl.Surveys, func(s Survey) Survey { s.RequestedAt = s.RequestedAt.In(jakarta); return s })
	out.Calls = scrambleSlice(rng, tl.Calls, func(c Call) Call { return c })
	return out
}

func scrambleSlice[T any](rng *rand.Rand, in []T, rezone func(T) T) []T {
	out := slices.Clone(in)
	for range rng.Intn(len(in) + 1) {
		out = append(out, in[rng.Intn(len(in))])
	}
	for i := range out {
		if rng.Intn(3) == 0 {
			out[i] = rezone(out[i])
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func TestFoldOrderAndDuplicatesDoNotMatter(t *testing.T) {
	for seed := int64(1); seed <= 300; seed++ {
		rng := rand.New(rand.NewSource(seed))
		for c := range 6 {
			cid := fmt.Sprintf("628%09d", seed*10+int64(c))
			tl := genTimeline(rng, cid, 5+rng.Intn(56))
			before := cloneTimeline(tl)
			want := Fold(tl)
			if !reflect.DeepEqual(tl, before) {
				t.Fatalf("seed %d customer %s: Fold modified its input", seed, cid)
			}
			checkInvariants(t, tl, want)
			for k := range 3 {
				if got := Fold(scramble(rng, tl)); !reflect.DeepEqual(got, want) {
					t.Fatalf("seed %d customer %s shuffle %d: result differs\n got: %s\nwant: %s",
						seed, cid, k, mustJSON(t, got), mustJSON(t, want))
				}
			}
			noCalls := tl
			noCalls.Calls = nil
			if got := Fold(noCalls); !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d customer %s: calls changed the result", seed, cid)
			}
		}
	}
}

// checkInvariants asserts what must hold for any timeline.
func checkInvariants(t *testing.T, tl Timeline, res FoldResult) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("customer %s: "+format+"\nsessions: %s", append([]any{tl.CustomerID}, append(args, mustJSON(t, res.Sessions))...)...)
	}
	msgs := map[string]Message{}
	var firstIn *time.Time
	for _, m := range tl.Messages {
		msgs[m.ID] = m
		if m.Direction == Inbound && (firstIn == nil || m.At.Before(*firstIn)) {
			at := m.At
			firstIn = &at
		}
	}
	if (firstIn == nil) != (res.FirstInboundAt == nil) || firstIn != nil && !firstIn.Equal(*res.FirstInboundAt) {
		fail("FirstInboundAt = %v, want %v", res.FirstInboundAt, firstIn)
	}
	ids := map[string]bool{}
	seenMsg := map[string]int{}
	for i, s := range res.Sessions {
		if ids[s.ID] {
			fail("duplicate session id %s", s.ID)
		}
		ids[s.ID] = true
		if c, ok := CustomerOfSession(s.ID); !ok || c != tl.CustomerID {
			fail("CustomerOfSession(%s) = %q %v", s.ID, c, ok)
		}
		if s.New != (i == 0) {
			fail("session %d New = %v", i, s.New)
		}
		if !s.ClosedAt.IsZero() && s.ClosedAt.Before(s.OpenedAt) {
			fail("session %d closes before it opens", i)
		}
		if i+1 < len(res.Sessions) {
			next := res.Sessions[i+1]
			if s.ClosedAt.IsZero() || next.OpenedAt.Before(s.ClosedAt) {
				fail("sessions %d and %d overlap", i, i+1)
			}
		}
		in := 0
		for j, id := range s.MessageIDs {
			seenMsg[id]++
			m := msgs[id]
			if m.Direction == Inbound {
				in++
			}
			if m.At.Before(s.OpenedAt) || !s.ClosedAt.IsZero() && m.At.After(s.ClosedAt) {
				fail("message %s outside session %d", id, i)
			}
			if j > 0 && m.At.Before(msgs[s.MessageIDs[j-1]].At) {
				fail("session %d messages out of time order", i)
			}
		}
		if in != s.MessagesIn || len(s.MessageIDs)-in != s.MessagesOut {
			fail("session %d counts %d/%d, ids say %d in of %d", i, s.MessagesIn, s.MessagesOut, in, len(s.MessageIDs))
		}
		if s.Ticket == nil {
			if s.ClosedAt.IsZero() {
				fail("unassigned session %d has no ClosedAt", i)
			}
			continue
		}
		checkTicket(fail, i, s)
	}
	for id, m := range msgs {
		if m.Direction == Inbound && seenMsg[id] != 1 {
			fail("inbound message %s is in %d sessions", id, seenMsg[id])
		}
		if seenMsg[id] > 1 {
			fail("message %s is in %d sessions", id, seenMsg[id])
		}
	}
}

func checkTicket(fail func(string, ...any), i int, s Session) {
	tk := s.Ticket
	n := len(tk.Assignments)
	switch {
	case tk.ID != s.ID:
		fail("ticket %d id differs from its session", i)
	case tk.Labels == nil:
		fail("ticket %d labels nil", i)
	case n == 0 || !tk.OpenedAt.Equal(tk.Assignments[0].At) || tk.OpeningAgentID != tk.Assignments[0].AgentID ||
		tk.AgentID != tk.Assignments[n-1].AgentID:
		fail("ticket %d assignment fields inconsistent", i)
	case tk.OpenedAt.Before(s.OpenedAt):
		fail("ticket %d opened before its session", i)
	case tk.FirstResponseSeconds != nil && *tk.FirstResponseSeconds < 0:
		fail("ticket %d negative first response", i)
	case tk.ResolveSeconds != nil && *tk.ResolveSeconds < 0:
		fail("ticket %d negative resolve time", i)
	case (tk.ResolvedAt != nil) != !s.ClosedAt.IsZero():
		fail("ticket %d resolved iff closed violated", i)
	case (tk.FirstResponseAt != nil) != (tk.FirstResponseSeconds != nil):
		fail("ticket %d first response fields inconsistent", i)
	}
	want := StatusOpen
	if tk.FirstResponseAt != nil {
		want = StatusAnswered
	}
	if tk.ResolvedAt != nil {
		want = StatusResolved
		if tk.ResolvedBy == "" {
			fail("ticket %d resolved by nobody", i)
		}
	}
	if tk.Status != want {
		fail("ticket %d status %s, want %s", i, tk.Status, want)
	}
}

// newRand returns a deterministic random source for tests.
func newRand(seed int64) *rand.Rand { return rand.New(rand.NewSource(seed)) }

// cloneTimeline deep-copies the parts of a timeline Fold could modify.
func cloneTimeline(tl Timeline) Timeline {
	out := tl
	out.Messages = slices.Clone(tl.Messages)
	out.Assignments = slices.Clone(tl.Assignments)
	out.Resolves = slices.Clone(tl.Resolves)
	out.Surveys = slices.Clone(tl.Surveys)
	out.Calls = slices.Clone(tl.Calls)
	out.Labelings = slices.Clone(tl.Labelings)
	for i := range out.Labelings {
		out.Labelings[i].Labels = slices.Clone(tl.Labelings[i].Labels)
	}
	return out
}
