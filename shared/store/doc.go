// Package store is the DynamoDB adapter of Inbox Metrics: workspaces, the
// idempotent ingest of webhook records, the per-customer fold that keeps
// sessions and tickets up to date, and the queries behind the tickets API.
//
// The key design is described in docs/DESIGN.md. Every write is a single-item
// conditional write (no transactions: dynalite has none, and they cost double).
package store
