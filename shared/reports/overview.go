package reports

import (
	"cmp"
	"slices"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/stats"
)

// OutgoingSources are the outbound message sources of outgoing_by_source, in order.
var OutgoingSources = []domain.Sender{domain.SenderAgent, domain.SenderBot, domain.SenderBroadcast, domain.SenderWorkflow, domain.SenderAPI}

// maxTopLabels is the number of top_labels entries.
const maxTopLabels = 10

// OverviewParams scope the overview.
type OverviewParams struct {
	// Agents narrows the agent-attributed figures (tickets, avg_rating,
	// rating_count, outgoing_by_agent) to these ids; nil means all.
	Agents []string
}

// Cards are the headline figures of a window.
type Cards struct {
	Conversations        int64    `json:"conversations"`
	Tickets              int64    `json:"tickets"`
	MessagesIn           int64    `json:"messages_in"`
	MessagesOut          int64    `json:"messages_out"`
	UniqueCustomers      int64    `json:"unique_customers"`
	LabeledConversations int64    `json:"labeled_conversations"`
	AvgRating            *float64 `json:"avg_rating"`
	RatingCount          int64    `json:"rating_count"`
	Calls                int64    `json:"calls"`
	MissedCalls          int64    `json:"missed_calls"`
}

// OverviewPoint is one period of the overview series.
type OverviewPoint struct {
	Period          string   `json:"period"`
	Conversations   int64    `json:"conversations"`
	Tickets         int64    `json:"tickets"`
	MessagesIn      int64    `json:"messages_in"`
	MessagesOut     int64    `json:"messages_out"`
	UniqueCustomers int64    `json:"unique_customers"`
	AvgRating       *float64 `json:"avg_rating"`
}

// LabelCount is the number of sessions opened with a label.
type LabelCount struct {
	Label         string `json:"label"`
	Conversations int64  `json:"conversations"`
}

// ChannelActivity is the inbound activity of one channel.
type ChannelActivity struct {
	Channel    string `json:"channel"`
	MessagesIn int64  `json:"messages_in"`
	Customers  int64  `json:"customers"`
}

// ContactTypes splits sessions opened into new and returning.
type ContactTypes struct {
	New       int64 `json:"new"`
	Returning int64 `json:"returning"`
}

// SourceCount is the number of outbound messages of one source.
type SourceCount struct {
	Source   string `json:"source"`
	Messages int64  `json:"messages"`
}

// AgentMessages is the number of outbound messages an agent wrote.
type AgentMessages struct {
	AgentID   string `json:"agent_id"`
	AgentName string `json:"agent_name"`
	Messages  int64  `json:"messages"`
}

// BotFigures split sessions opened into never assigned (bot_only) and assigned (handoffs).
type BotFigures struct {
	Sessions int64 `json:"sessions"`
	BotOnly  int64 `json:"bot_only"`
	Handoffs int64 `json:"handoffs"`
}

// OverviewReport is the body of GET /v1/reports/overview.
type OverviewReport struct {
	Cards            Cards             `json:"cards"`
	Previous         Cards             `json:"previous"`
	Series           []OverviewPoint   `json:"series"`
	TopLabels        []LabelCount      `json:"top_labels"`
	Channels         []ChannelActivity `json:"channels"`
	Heatmap          [7][24]int64      `json:"heatmap"`
	ContactTypes     ContactTypes      `json:"contact_types"`
	OutgoingBySource []SourceCount     `json:"outgoing_by_source"`
	OutgoingByAgent  []AgentMessages   `json:"outgoing_by_agent"`
	Bot              BotFigures        `json:"bot"`
}

// Overview builds the overview: cur is the merged range, prev the merged
// equally long window just before it (see PreviousRange), series one entry
// per period of the range.
func Overview(cur, prev *DaySummary, series []PeriodSummary, agents []domain.Agent, p OverviewParams) OverviewReport {
	if cur == nil {
		cur = &DaySummary{}
	}
	rep := OverviewReport{
		Cards:            cards(cur, p.Agents),
		Previous:         cards(prev, p.Agents),
		Series:           make([]OverviewPoint, 0, len(series)),
		TopLabels:        []LabelCount{},
		Channels:         []ChannelActivity{},
		Heatmap:          cur.heatmap,
		ContactTypes:     ContactTypes{New: cur.newSessions, Returning: cur.returning},
		OutgoingBySource: make([]SourceCount, 0, len(OutgoingSources)),
		OutgoingByAgent:  []AgentMessages{},
		Bot:              BotFigures{Sessions: cur.conversations, BotOnly: cur.botOnly, Handoffs: cur.handoffs},
	}
	for _, ps := range series {
		c := cards(ps.Summary, p.Agents)
		rep.Series = append(rep.Series, OverviewPoint{
			Period: ps.Label, Conversations: c.Conversations, Tickets: c.Tickets, MessagesIn: c.MessagesIn,
			MessagesOut: c.MessagesOut, UniqueCustomers: c.UniqueCustomers, AvgRating: c.AvgRating,
		})
	}
	for l, n := range cur.labels {
		rep.TopLabels = append(rep.TopLabels, LabelCount{Label: l, Conversations: n})
	}
	slices.SortFunc(rep.TopLabels, func(a, b LabelCount) int {
		return cmp.Or(cmp.Compare(b.Conversations, a.Conversations), cmp.Compare(a.Label, b.Label))
	})
	if len(rep.TopLabels) > maxTopLabels {
		rep.TopLabels = rep.TopLabels[:maxTopLabels]
	}
	for name, c := range cur.channels {
		rep.Channels = append(rep.Channels, ChannelActivity{Channel: name, MessagesIn: c.messagesIn, Customers: card(c.customers)})
	}
	slices.SortFunc(rep.Channels, func(a, b ChannelActivity) int {
		return cmp.Or(cmp.Compare(b.MessagesIn, a.MessagesIn), cmp.Compare(b.Customers, a.Customers), cmp.Compare(a.Channel, b.Channel))
	})
	for _, src := range OutgoingSources {
		rep.OutgoingBySource = append(rep.OutgoingBySource, SourceCount{Source: string(src), Messages: cur.outgoing[string(src)]})
	}
	for _, a := range visibleAgents(cur, agents, p.Agents) {
		if d := cur.agents[a.ID]; d != nil && d.messagesOut > 0 {
			rep.OutgoingByAgent = append(rep.OutgoingByAgent, AgentMessages{AgentID: a.ID, AgentName: a.Name, Messages: d.messagesOut})
		}
	}
	slices.SortFunc(rep.OutgoingByAgent, func(a, b AgentMessages) int {
		return cmp.Or(cmp.Compare(b.Messages, a.Messages), cmp.Compare(a.AgentName, b.AgentName), cmp.Compare(a.AgentID, b.AgentID))
	})
	return rep
}

// cards computes the headline figures of a summary (nil → zeros), with the
// agent-attributed ones narrowed to agentIDs when not nil.
func cards(s *DaySummary, agentIDs []string) Cards {
	if s == nil {
		return Cards{}
	}
	c := Cards{
		Conversations: s.conversations, MessagesIn: s.messagesIn, MessagesOut: s.messagesOut,
		UniqueCustomers: card(s.active), LabeledConversations: s.labeled, Calls: s.calls, MissedCalls: s.missedCalls,
	}
	var ratings stats.Mean
	include := func(id string) bool { return agentIDs == nil || slices.Contains(agentIDs, id) }
	for id, a := range s.agents {
		if include(id) {
			c.Tickets += a.tickets
		}
	}
	for id, d := range s.csat {
		if include(id) {
			ratings.Merge(d.ratings)
		}
	}
	c.AvgRating, c.RatingCount = ratings.Value(), ratings.Count
	return c
}
