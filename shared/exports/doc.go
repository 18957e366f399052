// Package exports writes the four datasets (tickets, messages, csat,
// access_log) as Parquet or CSV files, streams them to S3, serves the export
// API (POST/GET /v1/exports) and runs the daily lake job that Athena reads.
//
// Rows come from the store one index page at a time, go through a streaming
// encoder (Parquet row groups are bounded by RowGroupRows) and into an S3
// multipart upload through an io.Pipe, so memory stays flat whatever the size
// of the file.
package exports
