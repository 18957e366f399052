package reports

import (
	"strconv"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// CSATParams scope the CSAT report.
type CSATParams struct {
	// Visible are the attributed agent ids the caller may see (already narrowed by
	// the agent parameter); nil means the whole workspace, unattributed surveys included.
	Visible []string
}

// CSATItem is one survey of the CSAT report's items.
type CSATItem struct {
	CSATID       string    `json:"csat_id"`
	TicketID     OptString `json:"ticket_id"`
	CustomerID   string    `json:"customer_id"`
	CustomerName string    `json:"customer_name"`
	AgentID      OptString `json:"agent_id"`
	AgentName    OptString `json:"agent_name"`
	RequestedAt  Timestamp `json:"requested_at"`
	RespondedAt  Timestamp `json:"responded_at"`
	Rating       *int      `json:"rating"`
	Comment      OptString `json:"comment"`
}

// CSATReport is the body of GET /v1/reports/csat.
type CSATReport struct {
	Sent               int64            `json:"sent"`
	Responded          int64            `json:"responded"`
	ResponseRate       *float64         `json:"response_rate"`
	AvgRating          *float64         `json:"avg_rating"`
	SatisfactionScore  *float64         `json:"satisfaction_score"`
	Distribution       map[string]int64 `json:"distribution"`
	AvgResponseSeconds *float64         `json:"avg_response_seconds"`
	Items              []CSATItem       `json:"items"`
	NextCursor         *string          `json:"next_cursor"`
}

// CSAT builds the CSAT report over the surveys attributed to visible agents.
// items is the page the store read (see CSATItems); nextCursor "" → null.
func CSAT(sum *DaySummary, p CSATParams, items []CSATItem, nextCursor string) CSATReport {
	var c csatDay
	if sum != nil {
		if p.Visible == nil {
			for _, d := range sum.csat {
				c.merge(d)
			}
		} else {
			seen := map[string]bool{}
			for _, id := range p.Visible {
				if d := sum.csat[id]; d != nil && !seen[id] {
					seen[id] = true
					c.merge(d)
				}
			}
		}
	}
	rep := CSATReport{Sent: c.sent, Responded: c.responded, AvgRating: c.ratings.Value(), Distribution: map[string]int64{}, Items: items}
	if rep.Items == nil {
		rep.Items = []CSATItem{}
	}
	if nextCursor != "" {
		rep.NextCursor = &nextCursor
	}
	for i, n := range c.dist {
		rep.Distribution[strconv.Itoa(i+1)] = n
	}
	if c.sent > 0 {
		rep.ResponseRate = ratio(c.responded, c.sent)
	}
	if c.ratings.Count > 0 {
		rep.SatisfactionScore = ratio(100*(c.dist[3]+c.dist[4]), c.ratings.Count)
	}
	if v := c.responseMs.Value(); v != nil {
		sec := *v / 1000
		rep.AvgResponseSeconds = &sec
	}
	return rep
}

// CSATItems maps surveys to report items, naming agents from the agents list.
func CSATItems(facts []SurveyFact, agents []domain.Agent) []CSATItem {
	names := agentNames(agents)
	items := make([]CSATItem, 0, len(facts))
	for _, f := range facts {
		it := CSATItem{
			CSATID: f.Survey.CSATID, TicketID: OptString(f.TicketID), CustomerID: f.Survey.CustomerID,
			CustomerName: f.CustomerName, AgentID: OptString(f.AgentID), AgentName: OptString(names[f.AgentID]),
			RequestedAt: Timestamp(f.Survey.RequestedAt),
		}
		if f.Survey.Responded {
			r := f.Survey.Rating
			it.Rating, it.RespondedAt, it.Comment = &r, Timestamp(f.Survey.RespondedAt), OptString(f.Survey.Comment)
		}
		items = append(items, it)
	}
	return items
}

func agentNames(agents []domain.Agent) map[string]string {
	m := make(map[string]string, len(agents))
	for _, a := range agents {
		m[a.ID] = a.Name
	}
	return m
}

func ratio(num, den int64) *float64 {
	if den == 0 {
		return nil
	}
	v := float64(num) / float64(den)
	return &v
}
