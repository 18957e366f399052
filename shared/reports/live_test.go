package reports

import (
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

func TestIsOnline(t *testing.T) {
	now := at("2025-03-10T20:00:00Z")
	tests := []struct {
		name   string
		access *domain.Access
		want   bool
	}{
		{"no access", nil, false},
		{"login 11h59 ago", &domain.Access{Activity: "login", At: now.Add(-12*time.Hour + time.Minute)}, true},
		{"login exactly 12h ago", &domain.Access{Activity: "login", At: now.Add(-12 * time.Hour)}, false},
		{"latest is a logout", &domain.Access{Activity: "logout", At: now.Add(-time.Minute)}, false},
	}
	for _, tt := range tests {
		if got := IsOnline(domain.Agent{ID: "a", LastAccess: tt.access}, now); got != tt.want {
			t.Errorf("%s: IsOnline = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLiveWindows(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                        string
		now                         string
		todayFrom, lastFrom, lastTo string
	}{
		// 2025-04-02 10:15 CEST; a week before, 10:15 was CET: one more hour in UTC.
		{"across spring forward", "2025-04-02T08:15:00Z", "2025-04-01T22:00:00Z", "2025-03-25T23:00:00Z", "2025-03-26T09:15:00Z"},
		{"plain week", "2025-03-12T08:15:00Z", "2025-03-11T23:00:00Z", "2025-03-04T23:00:00Z", "2025-03-05T08:15:00Z"},
		// 00:30 local on 03-11 is still 23:30Z on 03-10.
		{"just after local midnight", "2025-03-10T23:30:00Z", "2025-03-10T23:00:00Z", "2025-03-03T23:00:00Z", "2025-03-03T23:30:00Z"},
	}
	for _, tt := range tests {
		tf, tt2, lf, lt := LiveWindows(at(tt.now), loc)
		if !tf.Equal(at(tt.todayFrom)) || !tt2.Equal(at(tt.now)) || !lf.Equal(at(tt.lastFrom)) || !lt.Equal(at(tt.lastTo)) {
			t.Errorf("%s: windows = %v..%v, %v..%v", tt.name, tf.UTC(), tt2.UTC(), lf.UTC(), lt.UTC())
		}
	}
}

func TestLiveReport(t *testing.T) {
	now := at("2025-03-12T08:15:00Z")
	agents := []domain.Agent{
		{ID: "bob", Name: "Bob", LastAccess: &domain.Access{Activity: "login", At: at("2025-03-12T07:00:00Z")}},
		{ID: "ana", Name: "Ana", LastAccess: &domain.Access{Activity: "login", At: at("2025-03-12T06:00:00+01:00")}},
		{ID: "cat", Name: "Cat", LastAccess: &domain.Access{Activity: "logout", At: at("2025-03-12T08:00:00Z")}},
		{ID: "dan", Name: "Dan", LastAccess: &domain.Access{Activity: "login", At: at("2025-03-11T19:00:00Z")}}, // 13h15 ago
		{ID: "eve", Name: "Eve"},
	}
	win := func(from, to string, sessions []string, in []string, out []string) LiveWindow {
		w := LiveWindow{From: at(from), To: at(to)}
		for _, s := range sessions {
			w.Sessions = append(w.Sessions, domain.Session{OpenedAt: at(s)})
		}
		for _, s := range in {
			w.Messages = append(w.Messages, domain.Message{Direction: domain.Inbound, At: at(s)})
		}
		for _, s := range out {
			w.Messages = append(w.Messages, domain.Message{Direction: domain.Outbound, At: at(s)})
		}
		return w
	}
	in := LiveInput{
		Now: now, Agents: agents, OpenTickets: 4, AnsweredTickets: 2,
		Today: win("2025-03-11T23:00:00Z", "2025-03-12T08:15:00Z",
			[]string{"2025-03-12T07:00:00Z", "2025-03-12T08:10:00Z", "2025-03-11T22:59:59Z"},
			[]string{"2025-03-12T07:00:00Z", "2025-03-12T08:15:00Z", "2025-03-12T08:16:00Z"},
			[]string{"2025-03-12T07:01:00Z"}),
		LastWeek: win("2025-03-04T23:00:00Z", "2025-03-05T08:15:00Z",
			[]string{"2025-03-05T01:00:00Z"},
			[]string{"2025-03-05T01:00:00Z", "2025-03-05T09:00:00Z"}, nil),
	}
	rep := Live(in)
	want := LiveCounts{Conversations: 2, MessagesIn: 2}
	if rep.Today != want || rep.SameTimeLastWeek != (LiveCounts{Conversations: 1, MessagesIn: 1}) {
		t.Errorf("today = %+v, last week = %+v", rep.Today, rep.SameTimeLastWeek)
	}
	golden(t, "live.golden.json", rep)
}
