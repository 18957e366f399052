package reports

import (
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
)

// TestGoldenReports pins one full report of each kind over the demo scenario.
func TestGoldenReports(t *testing.T) {
	days := demoDays(t)
	from, to := date("2025-03-10"), date("2025-03-12")
	sum := MergeRange(days, from, to)
	golden(t, "agents.golden.json", Agents(sum, demoAgents, AgentsParams{From: from, To: to, Timezone: "Europe/Berlin"}))
	golden(t, "agents_team.golden.json", Agents(sum, demoAgents, AgentsParams{From: from, To: to, Timezone: "Europe/Berlin", GroupBy: GroupByTeam}))
	golden(t, "customers.golden.json", Customers(sum, MergeRange(days, MonthStart(to), to), Series(days, from, to, calendar.Day)))
	golden(t, "overview.golden.json", demoOverview(t, "2025-03-10", "2025-03-12", calendar.Day, nil))
	golden(t, "agents_empty.golden.json", Agents(MergeRange(days, date("2025-04-01"), date("2025-04-02")), demoAgents[:2],
		AgentsParams{From: date("2025-04-01"), To: date("2025-04-02"), Timezone: "Europe/Berlin"}))
}
