// Package reportsapi serves the report and log routes of CONTRACT section 4
// (issue 3) on top of the pure report builders of package reports:
//
//	GET /v1/reports/agents     staff  (scoped to the agents the caller may see)
//	GET /v1/reports/customers  admin
//	GET /v1/reports/csat       staff  (scoped)
//	GET /v1/reports/overview   admin
//	GET /v1/reports/live       admin
//	GET /v1/logs/access        admin
//	GET /v1/logs/messages      admin
//
// Routes returns them as httpapi.Route values for httpapi.Deps.Extra. Every
// route reads only through Source, which *store.Store satisfies.
//
// Decisions where the contract is silent:
//
//   - Unknown query parameters are ignored; a bad known one is a 400 problem
//     naming it (invalid_param).
//   - When the agent filter leaves nothing the caller may see (an agent asking
//     for a colleague), the scoped reports answer an empty, zero-valued report
//     rather than 403/404.
//   - The CSAT items are the surveys requested in the range (newest request
//     first); the CSAT figures follow CONTRACT section 3 (sent by request day,
//     responses by response day), so a page may list surveys whose responses
//     are counted in another range.
//   - /v1/logs/messages without direction lists both directions.
package reportsapi
