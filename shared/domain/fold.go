package domain

import (
	"slices"
	"time"
)

// BotSessionTimeout is how long an unassigned session stays open after its last message.
const BotSessionTimeout = 24 * time.Hour

// FoldResult is what Fold derives from one customer's timeline.
type FoldResult struct {
	// Sessions are the customer's sessions in time order, with their tickets.
	Sessions []Session `json:"sessions"`
	// FirstInboundAt is the time of the customer's first-ever inbound message, nil if none.
	FirstInboundAt *time.Time `json:"first_inbound_at"`
	// CustomerName is the profile's name when non-empty, else the latest non-empty
	// WhatsApp profile name seen on a message, else "".
	CustomerName string `json:"customer_name"`
	// Phone is the profile's phone, else "".
	Phone string `json:"phone"`
}

// Fold derives a customer's sessions and tickets from the timeline (CONTRACT
// section 3). It is a pure function of the set of records: the order of the
// slices and exact duplicates do not change the result, and records sharing an
// id are resolved by a content order, never by position. The timeline is not
// modified.
//
// Facts are ordered by (time, rank, id) with ranks at the same instant: inbound
// message, assignment, outbound message, labeling, survey request, resolve. An
// inbound message or an assignment opens a session when none is open (so "a
// message after the close starts a new session" is read as an inbound message);
// outbound messages outside a session, such as broadcasts, belong to none. A
// resolve closes the open session and is ignored when there is none. An
// unassigned session closes 24 h after its last message, and one still open at
// the end of the timeline gets that time as ClosedAt too; an assigned session
// open at the end has a zero ClosedAt. Labelings and survey requests go to the
// open session, else the latest one opened before them. Calls do not take part.
func Fold(tl Timeline) FoldResult {
	in := prepare(tl)
	f := folder{customerID: tl.CustomerID, in: in}
	for _, ft := range in.facts {
		f.step(ft)
	}
	res := FoldResult{CustomerName: f.customerName(tl.Profile)}
	if tl.Profile != nil {
		res.Phone = tl.Profile.Phone
	}
	if f.firstInbound != nil {
		t := *f.firstInbound
		res.FirstInboundAt = &t
	}
	profileChannel := ""
	if tl.Profile != nil {
		profileChannel = tl.Profile.Channel
	}
	if len(f.sessions) > 0 {
		res.Sessions = make([]Session, 0, len(f.sessions))
	}
	for i, s := range f.sessions {
		res.Sessions = append(res.Sessions, s.finish(i == 0, profileChannel, res.CustomerName))
	}
	return res
}

// folder is the state of one fold while it walks the ordered facts.
type folder struct {
	customerID   string
	in           foldInput
	sessions     []*sessionState
	open         *sessionState
	firstInbound *time.Time
	// profileName is the latest non-empty WhatsApp profile name, in fact order.
	profileName string
}

// sessionState accumulates one session while the fold walks its facts.
type sessionState struct {
	id         string
	customerID string
	openedAt   time.Time
	closedAt   time.Time
	lastMsgAt  time.Time
	messageIDs []string
	in, out    int
	channel    string // of the first message
	hasMessage bool
	firstIn    *time.Time

	assignments   []Assignment
	firstResponse *Message
	labels        []string
	labeled       bool
	surveys       []Survey
	resolve       *Resolve
}

func (s *sessionState) assigned() bool { return len(s.assignments) > 0 }

// step applies one fact to the fold state.
func (f *folder) step(ft fact) {
	if o := f.open; o != nil && !o.assigned() {
		if deadline := o.lastMsgAt.Add(BotSessionTimeout); !ft.at.Before(deadline) {
			o.closedAt = deadline
			f.open = nil
		}
	}
	if ft.rank == rankInbound || ft.rank == rankOutbound {
		if name := f.in.messages[ft.idx].ProfileName; name != "" {
			f.profileName = name
		}
	}
	switch ft.rank {
	case rankInbound:
		m := f.in.messages[ft.idx]
		if f.firstInbound == nil {
			t := m.At
			f.firstInbound = &t
		}
		if f.open == nil {
			f.openSession(OpenerKey{Kind: KindMessage, ID: m.ID, At: m.At})
		}
		f.open.addMessage(m)
	case rankOutbound:
		m := f.in.messages[ft.idx]
		if f.open == nil {
			return // e.g. a broadcast: belongs to no session
		}
		f.open.addMessage(m)
		if m.Sender == SenderAgent && f.open.assigned() && f.open.firstResponse == nil {
			f.open.firstResponse = &m
		}
	case rankAssign:
		a := f.in.assignments[ft.idx]
		if f.open == nil {
			f.openSession(OpenerKey{Kind: KindAssignment, ID: a.EventID, At: a.At})
		}
		f.open.assignments = append(f.open.assignments, a)
	case rankLabel:
		if s := f.latest(); s != nil {
			s.labels = f.in.labelings[ft.idx].Labels
			s.labeled = true
		}
	case rankSurvey:
		if s := f.latest(); s != nil {
			s.surveys = append(s.surveys, f.in.surveys[ft.idx])
		}
	case rankResolve:
		if f.open == nil {
			return
		}
		r := f.in.resolves[ft.idx]
		f.open.resolve = &r
		f.open.closedAt = r.At
		f.open = nil
	}
}

// latest returns the open session, else the latest session (all sessions seen
// so far opened at or before the current fact), else nil.
func (f *folder) latest() *sessionState {
	if f.open != nil {
		return f.open
	}
	if n := len(f.sessions); n > 0 {
		return f.sessions[n-1]
	}
	return nil
}

func (f *folder) openSession(k OpenerKey) {
	s := &sessionState{id: SessionID(f.customerID, k), customerID: f.customerID, openedAt: k.At}
	f.sessions = append(f.sessions, s)
	f.open = s
}

func (s *sessionState) addMessage(m Message) {
	s.messageIDs = append(s.messageIDs, m.ID)
	s.lastMsgAt = m.At
	if !s.hasMessage {
		s.hasMessage = true
		s.channel = m.Channel
	}
	if m.Direction == Inbound {
		s.in++
		if s.firstIn == nil {
			t := m.At
			s.firstIn = &t
		}
	} else {
		s.out++
	}
}

// customerName picks the profile name, else the latest WhatsApp profile name.
func (f *folder) customerName(p *CustomerProfile) string {
	if p != nil && p.Name != "" {
		return p.Name
	}
	return f.profileName
}

// normLabels returns the sorted, deduplicated non-empty labels, never nil.
func normLabels(in []string) []string {
	out := make([]string, 0, len(in))
	for _, l := range in {
		if l != "" {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
