// Package reports computes every report of CONTRACT section 4 from mergeable
// per-local-day summaries.
//
// The store hands Summarize the raw facts of one local day (DayFacts) and
// persists the resulting DaySummary. A report over any range is built from the
// Merge of its days' summaries: counts and integer sums add, duration
// populations are stats.Accumulators (exact mean, DDSketch percentiles), and
// distinct customers are Roaring bitmaps of dense per-workspace customer
// numbers, so no figure is ever an average of daily averages or a sum of daily
// distinct counts. The report builders (Agents, Customers, CSAT, Overview,
// Live, the log item builders) are pure functions.
//
// Decisions where the contract is silent:
//
//   - Agents report, group_by=team: agents without a team, and activity of
//     agents missing from the agents list, form the team "" (JSON "team": "").
//     A real team can never collide with it, and clients label it as they like.
//   - Agents report: activity attributed to an agent id missing from the agents
//     list shows as a row named by its id (admins only: Visible == nil).
//     The summary row merges every visible row, including those cut by limit.
//   - customer_wait_seconds is only counted when the customer's first message
//     is at or before the first response (a ticket opened by an assignment
//     and answered before the customer wrote has no wait).
//   - CSAT response_rate = responded / sent for the range; responses in the
//     range may answer surveys sent before it, so it may exceed 1.
//     avg_response_seconds only counts responses whose request is known and
//     not after the response.
//   - Overview: unique_customers is the number of distinct active customers
//     (at least one inbound message), the same set as the customers report's
//     "active". The agent filter narrows only agent-attributed figures:
//     tickets, avg_rating, rating_count and outgoing_by_agent; the other
//     figures are workspace-wide.
//   - Live: "same time last week" is the same local wall-clock time seven
//     local days earlier (LiveWindows), so DST changes do not shift it.
//   - Empty inbound channel names are kept as "" (channels) and unknown
//     countries are "ZZ".
package reports
