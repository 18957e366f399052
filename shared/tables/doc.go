// Package tables is the one definition of Inbox Metrics' DynamoDB table, S3
// bucket and Glue (Athena) tables. The local stack creates them from these
// values and template.yaml declares them; tests compare the two.
package tables
