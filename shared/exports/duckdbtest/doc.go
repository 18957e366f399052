// Package duckdbtest reads the files the exports package writes with an
// independent reader, DuckDB (cgo), and runs the example Athena queries of
// infra/athena/queries against them. It holds tests only; keeping them here
// means only this package pays for the cgo build.
package duckdbtest
