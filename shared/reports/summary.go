package reports

import (
	"github.com/RoaringBitmap/roaring/v2"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/stats"
)

// DaySummary holds every figure of one local day (or, after Merge, of a set of
// days) in a form that merges exactly. The zero value is an empty summary.
type DaySummary struct {
	conversations int64 // sessions opened
	newSessions   int64
	returning     int64
	labeled       int64
	botOnly       int64
	handoffs      int64
	labels        map[string]int64
	heatmap       [7][24]int64

	messagesIn  int64
	messagesOut int64
	outgoing    map[string]int64 // outbound messages by sender

	active       *roaring.Bitmap // customers with an inbound message
	firstInbound *roaring.Bitmap // customers whose first-ever inbound message is in the summary's days
	channels     map[string]*channelDay
	countries    map[string]*roaring.Bitmap // active customers by country

	calls       int64
	missedCalls int64

	agents map[string]*agentDay // by attributed agent id
	csat   map[string]*csatDay  // by attributed agent id ("" = none)
}

// channelDay is the inbound activity of one channel.
type channelDay struct {
	messagesIn int64
	customers  *roaring.Bitmap
}

// agentDay is one agent's attributed figures.
type agentDay struct {
	tickets     int64 // opened, by the ticket's agent at opening
	answered    int64 // first responses, by their author
	resolved    int64 // resolves, by resolved_by
	messagesOut int64 // outbound messages with sender=agent
	fr, frBiz   stats.Accumulator
	res, resBiz stats.Accumulator
	wait        stats.Accumulator
	waitBiz     stats.Accumulator
}

// csatDay is one attributed agent's CSAT figures.
type csatDay struct {
	sent       int64
	responded  int64
	dist       [5]int64   // ratings 1..5 of responses
	ratings    stats.Mean // ratings of responses
	responseMs stats.Mean // responded_at - requested_at, milliseconds
}

// Summarize turns the facts of one local day into its summary. cal supplies the
// local weekday/hour of the heatmap and the business-hours durations.
func Summarize(f DayFacts, cal *calendar.Calendar) *DaySummary {
	s := &DaySummary{}
	for _, sf := range f.SessionsOpened {
		s.addSession(sf, cal)
	}
	for _, tf := range f.TicketsOpened {
		s.agent(openingAgent(tf.Ticket)).tickets++
	}
	for _, tf := range f.FirstResponses {
		s.addFirstResponse(tf.Ticket, cal)
	}
	for _, tf := range f.Resolved {
		s.addResolve(tf.Ticket, cal)
	}
	for _, mf := range f.Messages {
		s.addMessage(mf)
	}
	for _, sf := range f.SurveysRequested {
		s.csatOf(sf.AgentID).sent++
	}
	for _, sf := range f.SurveysResponded {
		s.addResponse(sf)
	}
	for _, c := range f.Calls {
		s.calls++
		if c.Status == "missed" {
			s.missedCalls++
		}
	}
	if len(f.FirstInbound) > 0 {
		s.firstInbound = roaring.BitmapOf(f.FirstInbound...)
	}
	return s
}

func (s *DaySummary) addSession(sf SessionFact, cal *calendar.Calendar) {
	ses := sf.Session
	s.conversations++
	if ses.New {
		s.newSessions++
	} else {
		s.returning++
	}
	if ses.Ticket == nil {
		s.botOnly++
	} else {
		s.handoffs++
	}
	if len(ses.Labels) > 0 {
		s.labeled++
		seen := make(map[string]bool, len(ses.Labels))
		for _, l := range ses.Labels {
			if l == "" || seen[l] {
				continue
			}
			seen[l] = true
			if s.labels == nil {
				s.labels = map[string]int64{}
			}
			s.labels[l]++
		}
	}
	wd, h := cal.WeekdayHour(ses.OpenedAt)
	if wd >= 0 && wd < 7 && h >= 0 && h < 24 {
		s.heatmap[wd][h]++
	}
}

func (s *DaySummary) addFirstResponse(t domain.Ticket, cal *calendar.Calendar) {
	if t.FirstResponseAt == nil {
		return
	}
	fr := *t.FirstResponseAt
	a := s.agent(firstOf(t.FirstResponseAgentID, t.AgentID))
	a.answered++
	if !fr.Before(t.OpenedAt) {
		a.fr.AddMillis(fr.Sub(t.OpenedAt).Milliseconds())
		a.frBiz.AddMillis(cal.OpenMillis(t.OpenedAt, fr))
	}
	if c := t.CustomerFirstMessageAt; c != nil && !c.After(fr) {
		a.wait.AddMillis(fr.Sub(*c).Milliseconds())
		a.waitBiz.AddMillis(cal.OpenMillis(*c, fr))
	}
}

func (s *DaySummary) addResolve(t domain.Ticket, cal *calendar.Calendar) {
	if t.ResolvedAt == nil {
		return
	}
	r := *t.ResolvedAt
	a := s.agent(firstOf(t.ResolvedBy, t.AgentID))
	a.resolved++
	if !r.Before(t.OpenedAt) {
		a.res.AddMillis(r.Sub(t.OpenedAt).Milliseconds())
		a.resBiz.AddMillis(cal.OpenMillis(t.OpenedAt, r))
	}
}

func (s *DaySummary) addMessage(mf MessageFact) {
	m := mf.Message
	if m.Direction == domain.Inbound {
		s.messagesIn++
		addTo(&s.active, mf.CustomerNo)
		ch := s.channel(m.Channel)
		ch.messagesIn++
		addTo(&ch.customers, mf.CustomerNo)
		country := mf.Country
		if country == "" {
			country = UnknownCountry
		}
		if s.countries == nil {
			s.countries = map[string]*roaring.Bitmap{}
		}
		bm := s.countries[country]
		addTo(&bm, mf.CustomerNo)
		s.countries[country] = bm
		return
	}
	s.messagesOut++
	if s.outgoing == nil {
		s.outgoing = map[string]int64{}
	}
	s.outgoing[string(m.Sender)]++
	if m.Sender == domain.SenderAgent && m.AgentID != "" {
		s.agent(m.AgentID).messagesOut++
	}
}

func (s *DaySummary) addResponse(sf SurveyFact) {
	sv := sf.Survey
	if !sv.Responded {
		return
	}
	c := s.csatOf(sf.AgentID)
	c.responded++
	if sv.Rating >= 1 && sv.Rating <= 5 {
		c.dist[sv.Rating-1]++
		c.ratings.Add(int64(sv.Rating))
	}
	if !sv.RequestedAt.IsZero() && !sv.RespondedAt.Before(sv.RequestedAt) {
		c.responseMs.Add(sv.RespondedAt.Sub(sv.RequestedAt).Milliseconds())
	}
}

// openingAgent is the ticket's agent at opening.
func openingAgent(t domain.Ticket) string {
	if t.OpeningAgentID != "" {
		return t.OpeningAgentID
	}
	if len(t.Assignments) > 0 {
		return t.Assignments[0].AgentID
	}
	return t.AgentID
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func addTo(bm **roaring.Bitmap, v uint32) {
	if *bm == nil {
		*bm = roaring.New()
	}
	(*bm).Add(v)
}

func (s *DaySummary) agent(id string) *agentDay {
	if s.agents == nil {
		s.agents = map[string]*agentDay{}
	}
	a := s.agents[id]
	if a == nil {
		a = &agentDay{}
		s.agents[id] = a
	}
	return a
}

func (s *DaySummary) csatOf(id string) *csatDay {
	if s.csat == nil {
		s.csat = map[string]*csatDay{}
	}
	c := s.csat[id]
	if c == nil {
		c = &csatDay{}
		s.csat[id] = c
	}
	return c
}

func (s *DaySummary) channel(name string) *channelDay {
	if s.channels == nil {
		s.channels = map[string]*channelDay{}
	}
	c := s.channels[name]
	if c == nil {
		c = &channelDay{}
		s.channels[name] = c
	}
	return c
}
