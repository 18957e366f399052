package domain

import (
	"slices"
	"time"
)

// finish turns the accumulated state into a Session, with its Ticket when the
// session was assigned.
func (s *sessionState) finish(first bool, profileChannel, customerName string) Session {
	out := Session{
		ID:          s.id,
		CustomerID:  s.customerID,
		OpenedAt:    s.openedAt,
		ClosedAt:    s.closedAt,
		New:         first,
		MessagesIn:  s.in,
		MessagesOut: s.out,
		MessageIDs:  slices.Clone(s.messageIDs),
	}
	if out.ClosedAt.IsZero() && !s.assigned() {
		out.ClosedAt = s.lastMsgAt.Add(BotSessionTimeout)
	}
	out.Channel = s.channel
	if out.Channel == "" && s.assigned() {
		out.Channel = s.assignments[0].Channel
	}
	if out.Channel == "" {
		out.Channel = profileChannel
	}
	labels := normLabels(s.labels)
	if len(labels) > 0 {
		out.Labels = slices.Clone(labels)
	}
	if s.assigned() {
		out.Ticket = s.ticket(out, labels, customerName)
	}
	return out
}

// ticket computes the figures of CONTRACT section 3 for an assigned session.
func (s *sessionState) ticket(sess Session, labels []string, customerName string) *Ticket {
	first, last := s.assignments[0], s.assignments[len(s.assignments)-1]
	t := &Ticket{
		ID:                     sess.ID,
		CustomerID:             sess.CustomerID,
		CustomerName:           customerName,
		AgentID:                last.AgentID,
		OpeningAgentID:         first.AgentID,
		Channel:                sess.Channel,
		Status:                 StatusOpen,
		OpenedAt:               first.At,
		CustomerFirstMessageAt: timePtr(s.firstIn),
		MessagesIn:             s.in,
		MessagesOut:            s.out,
		Labels:                 labels,
		Assignments:            make([]AssignmentRef, 0, len(s.assignments)),
	}
	for _, a := range s.assignments {
		t.Assignments = append(t.Assignments, AssignmentRef{AgentID: a.AgentID, At: a.At})
	}
	if fr := s.firstResponse; fr != nil {
		t.FirstResponseAt = timePtr(&fr.At)
		t.FirstResponseAgentID = fr.AgentID
		t.Status = StatusAnswered
		t.FirstResponseSeconds = seconds(fr.At.Sub(t.OpenedAt))
		// A customer who first wrote after the agent's first response did not wait: no wait figure
		// (docs/DECISIONS.md); the reports apply the same rule.
		if c := t.CustomerFirstMessageAt; c != nil && !c.After(fr.At) {
			t.CustomerWaitSeconds = seconds(fr.At.Sub(*c))
		}
	}
	if r := s.resolve; r != nil {
		t.ResolvedAt = timePtr(&r.At)
		t.ResolvedBy = r.AgentID
		if t.ResolvedBy == "" {
			t.ResolvedBy = t.AgentID
		}
		t.Category, t.Note = r.Category, r.Note
		t.Status = StatusResolved
		t.ResolveSeconds = seconds(r.At.Sub(t.OpenedAt))
	}
	s.applyCSAT(t)
	return t
}

// applyCSAT sets the ticket's survey: the last-requested answered survey of the
// session, else the last-requested one without a rating.
func (s *sessionState) applyCSAT(t *Ticket) {
	if len(s.surveys) == 0 {
		return
	}
	for i := len(s.surveys) - 1; i >= 0; i-- {
		if sv := s.surveys[i]; sv.Responded {
			rating := sv.Rating
			t.CSATID, t.CSATRating = sv.CSATID, &rating
			return
		}
	}
	t.CSATID = s.surveys[len(s.surveys)-1].CSATID
}

// timePtr returns a fresh copy of *p, or nil.
func timePtr(p *time.Time) *time.Time {
	if p == nil {
		return nil
	}
	t := *p
	return &t
}

// seconds converts d to float64 seconds at millisecond precision.
func seconds(d time.Duration) *float64 {
	v := float64(d.Milliseconds()) / 1000
	return &v
}
