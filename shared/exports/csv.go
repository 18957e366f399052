package exports

import (
	"encoding/json"
	"strconv"
	"time"
)

// CSV cells: instants are RFC 3339 in UTC ("Z", milliseconds when not zero),
// durations plain decimal seconds, labels a JSON array of strings, and nulls
// empty cells.

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func csvTimePtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return csvTime(*t)
}

func csvFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func csvInt(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}

func csvLabels(labels []string) string {
	if labels == nil {
		labels = []string{}
	}
	b, err := json.Marshal(labels)
	if err != nil { // cannot happen for strings
		return "[]"
	}
	return string(b)
}

// CSVRecord is the row's CSV cells, in the dataset's column order.
func (r TicketRow) CSVRecord() []string {
	return []string{
		r.TicketID, r.CustomerID, r.CustomerName, r.AgentID, r.AgentName, r.Channel, r.Status,
		csvTime(r.OpenedAt), csvTimePtr(r.CustomerFirstMessageAt), csvTimePtr(r.FirstResponseAt),
		r.FirstResponseAgentID, csvTimePtr(r.ResolvedAt), r.ResolvedBy,
		csvFloat(r.FirstResponseSeconds), csvFloat(r.ResolveSeconds), csvFloat(r.CustomerWaitSeconds),
		strconv.FormatInt(r.MessagesIn, 10), strconv.FormatInt(r.MessagesOut, 10),
		csvLabels(r.Labels), csvInt(r.CSATRating), r.Category, r.Note,
	}
}

// CSVRecord is the row's CSV cells, in the dataset's column order.
func (r MessageRow) CSVRecord() []string {
	return []string{
		r.MessageID, csvTime(r.At), r.Direction, r.Sender, r.CustomerID, r.CustomerName,
		r.AgentID, r.Channel, r.Type, r.Text, r.Status, r.TicketID,
	}
}

// CSVRecord is the row's CSV cells, in the dataset's column order.
func (r CSATRow) CSVRecord() []string {
	return []string{
		r.CSATID, r.TicketID, r.CustomerID, r.CustomerName, r.AgentID, r.AgentName,
		csvTime(r.RequestedAt), csvTimePtr(r.RespondedAt), csvInt(r.Rating), r.Comment,
	}
}

// CSVRecord is the row's CSV cells, in the dataset's column order.
func (r AccessRow) CSVRecord() []string {
	return []string{
		csvTime(r.At), r.AgentID, r.AgentName, r.Role, r.Activity, r.OS, r.Browser, r.IP,
	}
}
