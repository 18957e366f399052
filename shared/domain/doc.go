// Package domain holds the plain core of Inbox Metrics: the records that ingest
// produces, the customer timeline, and the pure fold that derives sessions and
// tickets from it. It imports no AWS SDK and does no I/O.
package domain
