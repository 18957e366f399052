// Package seed generates realistic demo traffic for one Inbox Metrics workspace
// and delivers it through the product's public, signed webhooks (CONTRACT
// sections 2.1 and 2.2).
//
// Generate builds a deterministic Plan (same Config → byte-identical request
// bodies): agents, customers from several countries, daytime-peaked sessions
// with bot greetings, bot-only sessions, assignments and reassignments, agent
// replies with WhatsApp delivery statuses, labels, resolves, CSAT surveys,
// broadcasts, calls, agent logins and a handful of exact duplicate deliveries.
// Send posts the plan, signing each request at send time.
package seed
