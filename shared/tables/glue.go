package tables

import "fmt"

// GlueDatabase is the Glue (Athena) database name.
const GlueDatabase = "inbox_metrics"

// Datasets exported to the lake, one Glue table each.
const (
	// DatasetTickets is one row per ticket.
	DatasetTickets = "tickets"
	// DatasetMessages is one row per message.
	DatasetMessages = "messages"
	// DatasetCSAT is one row per CSAT survey.
	DatasetCSAT = "csat"
	// DatasetAccessLog is one row per access event.
	DatasetAccessLog = "access_log"
)

// Datasets lists every dataset, in template order.
var Datasets = []string{DatasetTickets, DatasetMessages, DatasetCSAT, DatasetAccessLog}

// Glue (Hive) column types used by the lake. Timestamps are Parquet INT64 TIMESTAMP(MILLIS, UTC).
const (
	// TypeString is a UTF-8 string.
	TypeString = "string"
	// TypeTimestamp is an instant, Parquet INT64 TIMESTAMP(MILLIS, UTC).
	TypeTimestamp = "timestamp"
	// TypeDouble is a DOUBLE (durations in seconds).
	TypeDouble = "double"
	// TypeBigint is an INT64 (counts, ratings).
	TypeBigint = "bigint"
	// TypeStringArray is a list of strings (labels).
	TypeStringArray = "array<string>"
)

// Column is one Glue column: lower-case name and Hive type.
type Column struct {
	Name string
	Type string
}

// GluePartitionKeys are the partition keys of every lake table, in order.
var GluePartitionKeys = []Column{
	{Name: "workspace_id", Type: TypeString},
	{Name: "dt", Type: TypeString},
}

// GlueColumns are the data columns of each dataset, in order.
var GlueColumns = map[string][]Column{
	DatasetTickets: {
		{"ticket_id", TypeString},
		{"customer_id", TypeString},
		{"customer_name", TypeString},
		{"agent_id", TypeString},
		{"agent_name", TypeString},
		{"channel", TypeString},
		{"status", TypeString},
		{"opened_at", TypeTimestamp},
		{"customer_first_message_at", TypeTimestamp},
		{"first_response_at", TypeTimestamp},
		{"first_response_agent_id", TypeString},
		{"resolved_at", TypeTimestamp},
		{"resolved_by", TypeString},
		{"first_response_seconds", TypeDouble},
		{"resolve_seconds", TypeDouble},
		{"customer_wait_seconds", TypeDouble},
		{"messages_in", TypeBigint},
		{"messages_out", TypeBigint},
		{"labels", TypeStringArray},
		{"csat_rating", TypeBigint},
		{"category", TypeString},
		{"note", TypeString},
	},
	DatasetMessages: {
		{"message_id", TypeString},
		{"at", TypeTimestamp},
		{"direction", TypeString},
		{"sender", TypeString},
		{"customer_id", TypeString},
		{"customer_name", TypeString},
		{"agent_id", TypeString},
		{"channel", TypeString},
		{"type", TypeString},
		{"text", TypeString},
		{"status", TypeString},
		{"ticket_id", TypeString},
	},
	DatasetCSAT: {
		{"csat_id", TypeString},
		{"ticket_id", TypeString},
		{"customer_id", TypeString},
		{"customer_name", TypeString},
		{"agent_id", TypeString},
		{"agent_name", TypeString},
		{"requested_at", TypeTimestamp},
		{"responded_at", TypeTimestamp},
		{"rating", TypeBigint},
		{"comment", TypeString},
	},
	DatasetAccessLog: {
		{"at", TypeTimestamp},
		{"agent_id", TypeString},
		{"agent_name", TypeString},
		{"role", TypeString},
		{"activity", TypeString},
		{"os", TypeString},
		{"browser", TypeString},
		{"ip", TypeString},
	},
}

// LakeDatasetPrefix is the key prefix of a dataset in the lake: "lake/<dataset>/".
func LakeDatasetPrefix(dataset string) string {
	return PrefixLake + dataset + "/"
}

// LakePartitionPrefix is the key prefix of one partition:
// "lake/<dataset>/workspace_id=<id>/dt=<YYYY-MM-DD>/".
func LakePartitionPrefix(dataset, workspaceID, day string) string {
	return fmt.Sprintf("%sworkspace_id=%s/dt=%s/", LakeDatasetPrefix(dataset), workspaceID, day)
}
