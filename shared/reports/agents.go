package reports

import (
	"cmp"
	"slices"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/stats"
)

// Group-by values of the agents report.
const (
	GroupByAgent = "agent"
	GroupByTeam  = "team"
)

// Limits of the limit parameter.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// AgentsParams are the inputs of the agents report besides the summary.
type AgentsParams struct {
	From, To calendar.Date
	Timezone string
	// Visible are the agent ids the caller may see (already narrowed by the agent
	// parameter). nil means every agent, including ids missing from the agents list.
	Visible []string
	// GroupBy is GroupByAgent ("" too) or GroupByTeam.
	GroupBy string
	// BusinessHours switches durations to their business-hours values.
	BusinessHours bool
	// Limit is the number of rows (0 → DefaultLimit; clamped to MaxLimit).
	Limit int
}

// CSATCell is the CSAT part of an agents row: responses in range and their mean rating.
type CSATCell struct {
	Count int64    `json:"count"`
	Avg   *float64 `json:"avg"`
}

// Row is one row (or the summary) of the agents report. Agent rows carry
// agent_id and agent_name, team rows carry team, the summary carries neither.
type Row struct {
	AgentID              string      `json:"agent_id,omitempty"`
	AgentName            string      `json:"agent_name,omitempty"`
	Team                 *string     `json:"team,omitempty"`
	Tickets              int64       `json:"tickets"`
	Answered             int64       `json:"answered"`
	Resolved             int64       `json:"resolved"`
	FirstResponseSeconds stats.Stats `json:"first_response_seconds"`
	ResolveSeconds       stats.Stats `json:"resolve_seconds"`
	CustomerWaitSeconds  stats.Stats `json:"customer_wait_seconds"`
	CSAT                 CSATCell    `json:"csat"`
	MessagesOut          int64       `json:"messages_out"`
}

// AgentsReport is the body of GET /v1/reports/agents.
type AgentsReport struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Timezone string `json:"timezone"`
	Summary  Row    `json:"summary"`
	Rows     []Row  `json:"rows"`
}

// agentAcc accumulates one row's figures.
type agentAcc struct {
	day     agentDay
	ratings stats.Mean
}

func (a *agentAcc) add(s *DaySummary, id string) {
	if d := s.agents[id]; d != nil {
		a.day.merge(d)
	}
	if c := s.csat[id]; c != nil {
		a.ratings.Merge(c.ratings)
	}
}

func (a *agentAcc) merge(o *agentAcc) {
	a.day.merge(&o.day)
	a.ratings.Merge(o.ratings)
}

func (a *agentAcc) row(bh bool) Row {
	r := Row{Tickets: a.day.tickets, Answered: a.day.answered, Resolved: a.day.resolved, MessagesOut: a.day.messagesOut}
	fr, res, wait := &a.day.fr, &a.day.res, &a.day.wait
	if bh {
		fr, res, wait = &a.day.frBiz, &a.day.resBiz, &a.day.waitBiz
	}
	r.FirstResponseSeconds, r.ResolveSeconds, r.CustomerWaitSeconds = fr.Stats(), res.Stats(), wait.Stats()
	r.CSAT = CSATCell{Count: a.ratings.Count, Avg: a.ratings.Value()}
	return r
}

// visibleAgents lists the agents a report covers: the visible agents of the
// list, plus (Visible == nil, or listed in Visible) ids with activity that the
// list does not know, named by their id. Sorted by id.
func visibleAgents(sum *DaySummary, agents []domain.Agent, visible []string) []domain.Agent {
	var allow map[string]bool
	if visible != nil {
		allow = make(map[string]bool, len(visible))
		for _, id := range visible {
			allow[id] = true
		}
	}
	ok := func(id string) bool { return id != "" && (allow == nil || allow[id]) }
	seen := map[string]bool{}
	var out []domain.Agent
	for _, a := range agents {
		if ok(a.ID) && !seen[a.ID] {
			seen[a.ID] = true
			out = append(out, a)
		}
	}
	if sum != nil {
		for _, id := range activeAgentIDs(sum) {
			if ok(id) && !seen[id] {
				seen[id] = true
				out = append(out, domain.Agent{ID: id, Name: id})
			}
		}
	}
	slices.SortFunc(out, func(a, b domain.Agent) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// activeAgentIDs are the ids with attributed activity in the summary, sorted.
func activeAgentIDs(sum *DaySummary) []string {
	set := map[string]bool{}
	for id := range sum.agents {
		set[id] = true
	}
	for id := range sum.csat {
		set[id] = true
	}
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Agents builds the agents report over the visible agents (or their teams).
// The summary row merges every visible row (also those beyond limit).
func Agents(sum *DaySummary, agents []domain.Agent, p AgentsParams) AgentsReport {
	if sum == nil {
		sum = &DaySummary{}
	}
	sum.decodeDurations()
	rep := AgentsReport{From: p.From.String(), To: p.To.String(), Timezone: p.Timezone, Rows: []Row{}}
	type keyed struct {
		row       Row
		name, key string
	}
	var total agentAcc
	var rows []keyed
	members := visibleAgents(sum, agents, p.Visible)
	if p.GroupBy == GroupByTeam {
		teams := map[string]*agentAcc{}
		for _, a := range members {
			t := teams[a.Team]
			if t == nil {
				t = &agentAcc{}
				teams[a.Team] = t
			}
			t.add(sum, a.ID)
		}
		for team, acc := range teams {
			total.merge(acc)
			r := acc.row(p.BusinessHours)
			r.Team = &team
			rows = append(rows, keyed{r, team, team})
		}
	} else {
		for _, a := range members {
			var acc agentAcc
			acc.add(sum, a.ID)
			total.merge(&acc)
			r := acc.row(p.BusinessHours)
			r.AgentID, r.AgentName = a.ID, a.Name
			rows = append(rows, keyed{r, a.Name, a.ID})
		}
	}
	slices.SortFunc(rows, func(a, b keyed) int {
		if c := compareNullsLast(a.row.FirstResponseSeconds.Avg, b.row.FirstResponseSeconds.Avg); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.key, b.key))
	})
	limit := clampLimit(p.Limit)
	for i, r := range rows {
		if i >= limit {
			break
		}
		rep.Rows = append(rep.Rows, r.row)
	}
	rep.Summary = total.row(p.BusinessHours)
	return rep
}

// compareNullsLast orders non-nil values ascending before nils.
func compareNullsLast(a, b *float64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return cmp.Compare(*a, *b)
}

func clampLimit(n int) int {
	if n <= 0 {
		return DefaultLimit
	}
	return min(n, MaxLimit)
}
