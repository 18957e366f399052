package reports

import (
	"cmp"
	"slices"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// OnlineWindow is how long a login keeps an agent online without a later logout.
const OnlineWindow = 12 * time.Hour

// LiveWindow is a window of activity and the sessions and messages the store
// read for it; only those within [From, To] are counted.
type LiveWindow struct {
	From, To time.Time
	Sessions []domain.Session
	Messages []domain.Message
}

// LiveInput is what the store reads for the live report.
type LiveInput struct {
	Now time.Time
	// Agents are the workspace's agents with their LastAccess.
	Agents []domain.Agent
	// OpenTickets and AnsweredTickets count tickets currently in those statuses.
	OpenTickets, AnsweredTickets int64
	// Today is from local midnight to Now; LastWeek the same local times seven days earlier (LiveWindows).
	Today, LastWeek LiveWindow
}

// OnlineAgent is an agent whose latest access is a recent login.
type OnlineAgent struct {
	AgentID   string    `json:"agent_id"`
	AgentName string    `json:"agent_name"`
	Since     Timestamp `json:"since"`
}

// LiveTickets are the counts of tickets currently open and answered.
type LiveTickets struct {
	Open     int64 `json:"open"`
	Answered int64 `json:"answered"`
}

// LiveCounts are the sessions opened and inbound messages of a window.
type LiveCounts struct {
	Conversations int64 `json:"conversations"`
	MessagesIn    int64 `json:"messages_in"`
}

// LiveReport is the body of GET /v1/reports/live.
type LiveReport struct {
	AgentsOnline     []OnlineAgent `json:"agents_online"`
	Tickets          LiveTickets   `json:"tickets"`
	Today            LiveCounts    `json:"today"`
	SameTimeLastWeek LiveCounts    `json:"same_time_last_week"`
}

// LiveWindows returns today's window (local midnight through now) and the one
// at the same local wall-clock times seven local days earlier.
func LiveWindows(now time.Time, loc *time.Location) (todayFrom, todayTo, lastFrom, lastTo time.Time) {
	l := now.In(loc)
	y, m, d := l.Date()
	todayFrom = time.Date(y, m, d, 0, 0, 0, 0, loc)
	lastFrom = time.Date(y, m, d-7, 0, 0, 0, 0, loc)
	lastTo = time.Date(y, m, d-7, l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), loc)
	return todayFrom, now, lastFrom, lastTo
}

// Live builds the live report.
func Live(in LiveInput) LiveReport {
	rep := LiveReport{
		AgentsOnline:     []OnlineAgent{},
		Tickets:          LiveTickets{Open: in.OpenTickets, Answered: in.AnsweredTickets},
		Today:            in.Today.counts(),
		SameTimeLastWeek: in.LastWeek.counts(),
	}
	for _, a := range in.Agents {
		if IsOnline(a, in.Now) {
			rep.AgentsOnline = append(rep.AgentsOnline, OnlineAgent{AgentID: a.ID, AgentName: a.Name, Since: Timestamp(a.LastAccess.At)})
		}
	}
	slices.SortFunc(rep.AgentsOnline, func(a, b OnlineAgent) int {
		return cmp.Or(cmp.Compare(a.AgentName, b.AgentName), cmp.Compare(a.AgentID, b.AgentID))
	})
	return rep
}

// IsOnline reports whether the agent's latest access is a login less than 12 h before now.
func IsOnline(a domain.Agent, now time.Time) bool {
	la := a.LastAccess
	return la != nil && la.Activity == "login" && now.Sub(la.At) < OnlineWindow
}

func (w LiveWindow) counts() LiveCounts {
	in := func(t time.Time) bool { return !t.Before(w.From) && !t.After(w.To) }
	var c LiveCounts
	for _, s := range w.Sessions {
		if in(s.OpenedAt) {
			c.Conversations++
		}
	}
	for _, m := range w.Messages {
		if m.Direction == domain.Inbound && in(m.At) {
			c.MessagesIn++
		}
	}
	return c
}
