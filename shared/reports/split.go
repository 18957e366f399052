package reports

import (
	"slices"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// Facts are undated facts of a workspace, for SplitDays.
type Facts struct {
	Sessions []SessionFact
	// Tickets are placed by opened_at, first_response_at and resolved_at.
	Tickets  []TicketFact
	Messages []MessageFact
	// Surveys are placed by requested_at and (when responded) responded_at.
	Surveys []SurveyFact
	Calls   []domain.Call
	// FirstInbound maps a customer number to the time of its first-ever inbound message.
	FirstInbound map[uint32]time.Time
}

// SplitDays places every fact on the local day(s) its numbers belong to
// (CONTRACT section 3, "Which day a number belongs to") and returns the days
// that have facts, in date order. It is the reference for how a store fills
// DayFacts.
func SplitDays(cal *calendar.Calendar, f Facts) []DayFacts {
	days := map[calendar.Date]*DayFacts{}
	day := func(t time.Time) *DayFacts {
		d := cal.DayOf(t)
		df := days[d]
		if df == nil {
			df = &DayFacts{Day: d}
			days[d] = df
		}
		return df
	}
	for _, s := range f.Sessions {
		df := day(s.Session.OpenedAt)
		df.SessionsOpened = append(df.SessionsOpened, s)
	}
	for _, t := range f.Tickets {
		df := day(t.Ticket.OpenedAt)
		df.TicketsOpened = append(df.TicketsOpened, t)
		if fr := t.Ticket.FirstResponseAt; fr != nil {
			df := day(*fr)
			df.FirstResponses = append(df.FirstResponses, t)
		}
		if r := t.Ticket.ResolvedAt; r != nil {
			df := day(*r)
			df.Resolved = append(df.Resolved, t)
		}
	}
	for _, m := range f.Messages {
		df := day(m.Message.At)
		df.Messages = append(df.Messages, m)
	}
	for _, s := range f.Surveys {
		if !s.Survey.RequestedAt.IsZero() {
			df := day(s.Survey.RequestedAt)
			df.SurveysRequested = append(df.SurveysRequested, s)
		}
		if s.Survey.Responded {
			df := day(s.Survey.RespondedAt)
			df.SurveysResponded = append(df.SurveysResponded, s)
		}
	}
	for _, c := range f.Calls {
		df := day(c.At)
		df.Calls = append(df.Calls, c)
	}
	for no, t := range f.FirstInbound {
		df := day(t)
		df.FirstInbound = append(df.FirstInbound, no)
	}
	out := make([]DayFacts, 0, len(days))
	for _, df := range days {
		slices.Sort(df.FirstInbound)
		out = append(out, *df)
	}
	slices.SortFunc(out, func(a, b DayFacts) int { return a.Day.Compare(b.Day) })
	return out
}

// SummarizeDays summarizes each day of SplitDays, keyed by date.
func SummarizeDays(cal *calendar.Calendar, f Facts) map[calendar.Date]*DaySummary {
	out := map[calendar.Date]*DaySummary{}
	for _, df := range SplitDays(cal, f) {
		out[df.Day] = Summarize(df, cal)
	}
	return out
}

// MergeRange merges the summaries of the days from..to inclusive (missing days are empty).
func MergeRange(days map[calendar.Date]*DaySummary, from, to calendar.Date) *DaySummary {
	out := &DaySummary{}
	for d := from; !d.After(to); d = d.AddDays(1) {
		out.Merge(days[d])
	}
	return out
}

// Series merges the days of each period of granularity g over from..to.
func Series(days map[calendar.Date]*DaySummary, from, to calendar.Date, g calendar.Granularity) []PeriodSummary {
	periods := calendar.Periods(from, to, g)
	out := make([]PeriodSummary, 0, len(periods))
	for _, p := range periods {
		out = append(out, PeriodSummary{Label: p.Label, Summary: MergeRange(days, p.From, p.To)})
	}
	return out
}
