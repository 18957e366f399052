package store

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Attribute names of the single table (see docs/DESIGN.md).
const (
	attrPK     = "pk"
	attrSK     = "sk"
	attrGSI1PK = "gsi1pk"
	attrGSI1SK = "gsi1sk"
	attrGSI2PK = "gsi2pk"
	attrGSI2SK = "gsi2sk"
	attrGSI3PK = "gsi3pk"
	attrGSI3SK = "gsi3sk"
	attrGSI4PK = "gsi4pk"
	attrGSI4SK = "gsi4sk"
	attrData   = "d" // JSON of the domain value
	attrTTL    = "expires_at"
)

// Index names.
const (
	indexGSI1 = "gsi1"
	indexGSI2 = "gsi2"
	indexGSI3 = "gsi3"
	indexGSI4 = "gsi4"
)

// Sort-key prefixes inside a customer partition. Fold inputs sort before "X",
// derived items from "X" on, so one Query (sk < "X") reads exactly the inputs.
const (
	skState       = "#STATE"
	prefixEvent   = "E#"
	prefixMessage = "M#"
	prefixSurvey  = "V#"
	prefixSession = "X#"
	prefixSurveyF = "Y#" // derived survey fact
	foldInputsEnd = "X"
)

func workspacePK(ws string) string          { return "WS#" + ws }
func customerPK(ws, customer string) string { return "C#" + ws + "#" + customer }
func agentsPK(ws string) string             { return "W#" + ws + "#AGENTS" }
func surveyPK(ws, csatID string) string     { return "Q#" + ws + "#" + csatID }
func eventPK(ws, eventID string) string     { return "X#" + ws + "#" + eventID }
func counterPK(ws string) string            { return "W#" + ws + "#CTR" }

// Index partitions (one per workspace and kind).
func idxMessages(ws string) string   { return "W#" + ws + "#M" }
func idxTickets(ws string) string    { return "W#" + ws + "#T" }  // gsi1: tickets by opened_at
func idxSessions(ws string) string   { return "W#" + ws + "#S" }  // gsi2: sessions by open time
func idxFirstResp(ws string) string  { return "W#" + ws + "#FR" } // gsi3: tickets by first_response_at
func idxResolved(ws string) string   { return "W#" + ws + "#RS" } // gsi4: tickets by resolved_at
func idxUnresolved(ws string) string { return "W#" + ws + "#TU" } // gsi4: "<status>#<opened_at>" of open/answered tickets
func idxAccess(ws string) string     { return "W#" + ws + "#ACC" }
func idxCalls(ws string) string      { return "W#" + ws + "#CALL" }
func idxSurveyReq(ws string) string  { return "W#" + ws + "#CQ" } // gsi1: survey facts by requested_at
func idxSurveyResp(ws string) string { return "W#" + ws + "#CR" } // gsi2: survey facts by responded_at
func idxFirstIn(ws string) string    { return "W#" + ws + "#FI" } // gsi3: customers by first inbound message (see firstInSK)

// timeKey is a sortable instant: zero-padded unix milliseconds.
func timeKey(t time.Time) string { return fmt.Sprintf("%013d", t.UnixMilli()) }

// timeSK is an index sort key: the instant, then an id that makes it unique.
func timeSK(t time.Time, id string) string { return timeKey(t) + "#" + id }

// daysPK is the partition of a workspace's day summaries (sk = YYYY-MM-DD).
func daysPK(ws string) string { return "W#" + ws + "#DAY" }

// firstInSK is the gsi3 sort key of a customer's #STATE item: the first inbound
// message, then the customer number, so a KEYS_ONLY range read yields both
// without touching the items (whose frequent updates then cost no index writes).
func firstInSK(t time.Time, no int64, customer string) string {
	return fmt.Sprintf("%s#%d#%s", timeKey(t), no, customer)
}

// parseFirstInSK is the inverse of firstInSK.
func parseFirstInSK(sk string) (time.Time, int64, bool) {
	parts := strings.SplitN(sk, "#", 3)
	if len(parts) != 3 {
		return time.Time{}, 0, false
	}
	ms, err1 := strconv.ParseInt(parts[0], 10, 64)
	no, err2 := strconv.ParseInt(parts[1], 10, 64)
	return msTime(ms), no, err1 == nil && err2 == nil
}
