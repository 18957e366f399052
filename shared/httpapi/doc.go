// Package httpapi is the HTTP edge of Inbox Metrics: one API Gateway v2 (payload
// format 2.0) handler that routes on method and raw path, checks claims and roles,
// serves the webhooks, workspace settings and tickets, and answers every error as
// application/problem+json. Other packages add routes through Deps.Extra.
package httpapi
