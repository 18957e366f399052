package exports

import (
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// TicketRow is one row of the tickets dataset; its Parquet columns are
// tables.GlueColumns["tickets"].
type TicketRow struct {
	TicketID               string     `parquet:"ticket_id"`
	CustomerID             string     `parquet:"customer_id"`
	CustomerName           string     `parquet:"customer_name,optional"`
	AgentID                string     `parquet:"agent_id,optional"`
	AgentName              string     `parquet:"agent_name,optional"`
	Channel                string     `parquet:"channel,optional"`
	Status                 string     `parquet:"status"`
	OpenedAt               time.Time  `parquet:"opened_at,timestamp(millisecond:utc)"`
	CustomerFirstMessageAt *time.Time `parquet:"customer_first_message_at,optional,timestamp(millisecond:utc)"`
	FirstResponseAt        *time.Time `parquet:"first_response_at,optional,timestamp(millisecond:utc)"`
	FirstResponseAgentID   string     `parquet:"first_response_agent_id,optional"`
	ResolvedAt             *time.Time `parquet:"resolved_at,optional,timestamp(millisecond:utc)"`
	ResolvedBy             string     `parquet:"resolved_by,optional"`
	FirstResponseSeconds   *float64   `parquet:"first_response_seconds,optional"`
	ResolveSeconds         *float64   `parquet:"resolve_seconds,optional"`
	CustomerWaitSeconds    *float64   `parquet:"customer_wait_seconds,optional"`
	MessagesIn             int64      `parquet:"messages_in"`
	MessagesOut            int64      `parquet:"messages_out"`
	Labels                 []string   `parquet:"labels,list"`
	CSATRating             *int64     `parquet:"csat_rating,optional"`
	Category               string     `parquet:"category,optional"`
	Note                   string     `parquet:"note,optional"`
}

// MessageRow is one row of the messages dataset.
type MessageRow struct {
	MessageID    string    `parquet:"message_id"`
	At           time.Time `parquet:"at,timestamp(millisecond:utc)"`
	Direction    string    `parquet:"direction"`
	Sender       string    `parquet:"sender,optional"`
	CustomerID   string    `parquet:"customer_id"`
	CustomerName string    `parquet:"customer_name,optional"`
	AgentID      string    `parquet:"agent_id,optional"`
	Channel      string    `parquet:"channel,optional"`
	Type         string    `parquet:"type,optional"`
	Text         string    `parquet:"text,optional"`
	Status       string    `parquet:"status,optional"`
	TicketID     string    `parquet:"ticket_id,optional"`
}

// CSATRow is one row of the csat dataset (one survey).
type CSATRow struct {
	CSATID       string     `parquet:"csat_id"`
	TicketID     string     `parquet:"ticket_id,optional"`
	CustomerID   string     `parquet:"customer_id"`
	CustomerName string     `parquet:"customer_name,optional"`
	AgentID      string     `parquet:"agent_id,optional"`
	AgentName    string     `parquet:"agent_name,optional"`
	RequestedAt  time.Time  `parquet:"requested_at,timestamp(millisecond:utc)"`
	RespondedAt  *time.Time `parquet:"responded_at,optional,timestamp(millisecond:utc)"`
	Rating       *int64     `parquet:"rating,optional"`
	Comment      string     `parquet:"comment,optional"`
}

// AccessRow is one row of the access_log dataset.
type AccessRow struct {
	At        time.Time `parquet:"at,timestamp(millisecond:utc)"`
	AgentID   string    `parquet:"agent_id"`
	AgentName string    `parquet:"agent_name,optional"`
	Role      string    `parquet:"role,optional"`
	Activity  string    `parquet:"activity"`
	OS        string    `parquet:"os,optional"`
	Browser   string    `parquet:"browser,optional"`
	IP        string    `parquet:"ip,optional"`
}

// utcPtr copies a time pointer in UTC, truncated to milliseconds.
func utcPtr(t *time.Time) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	u := ms(*t)
	return &u
}

// ms is t in UTC, truncated to milliseconds (the files' precision).
func ms(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

func intPtr(p *int) *int64 {
	if p == nil {
		return nil
	}
	v := int64(*p)
	return &v
}

// TicketRowOf maps a stored ticket to its row.
func TicketRowOf(e store.TicketExport) TicketRow {
	t := e.Ticket
	labels := t.Labels
	if labels == nil {
		labels = []string{}
	}
	return TicketRow{
		TicketID: t.ID, CustomerID: t.CustomerID, CustomerName: t.CustomerName,
		AgentID: t.AgentID, AgentName: e.AgentName, Channel: t.Channel, Status: t.Status,
		OpenedAt:               ms(t.OpenedAt),
		CustomerFirstMessageAt: utcPtr(t.CustomerFirstMessageAt),
		FirstResponseAt:        utcPtr(t.FirstResponseAt), FirstResponseAgentID: t.FirstResponseAgentID,
		ResolvedAt: utcPtr(t.ResolvedAt), ResolvedBy: t.ResolvedBy,
		FirstResponseSeconds: t.FirstResponseSeconds, ResolveSeconds: t.ResolveSeconds,
		CustomerWaitSeconds: t.CustomerWaitSeconds,
		MessagesIn:          int64(t.MessagesIn), MessagesOut: int64(t.MessagesOut),
		Labels: labels, CSATRating: intPtr(t.CSATRating), Category: t.Category, Note: t.Note,
	}
}

// MessageRowOf maps a stored message to its row.
func MessageRowOf(e store.MessageExport) MessageRow {
	m := e.Message
	return MessageRow{
		MessageID: m.ID, At: ms(m.At), Direction: string(m.Direction), Sender: string(m.Sender),
		CustomerID: m.CustomerID, CustomerName: e.CustomerName, AgentID: m.AgentID,
		Channel: m.Channel, Type: m.Type, Text: m.Text, Status: m.Status, TicketID: e.TicketID,
	}
}

// CSATRowOf maps a stored survey to its row; a survey not answered yet has
// null responded_at, rating and comment.
func CSATRowOf(e store.SurveyExport) CSATRow {
	f := e.Fact
	r := CSATRow{
		CSATID: f.Survey.CSATID, TicketID: f.TicketID, CustomerID: f.Survey.CustomerID,
		CustomerName: f.CustomerName, AgentID: f.AgentID, AgentName: e.AgentName,
		RequestedAt: ms(f.Survey.RequestedAt),
	}
	if f.Survey.Responded {
		at := ms(f.Survey.RespondedAt)
		rating := int64(f.Survey.Rating)
		r.RespondedAt, r.Rating, r.Comment = &at, &rating, f.Survey.Comment
	}
	return r
}

// AccessRowOf maps a stored login/logout to its row.
func AccessRowOf(e store.AccessExport) AccessRow {
	a := e.Access
	return AccessRow{
		At: ms(a.At), AgentID: a.AgentID, AgentName: e.AgentName, Role: string(e.Role),
		Activity: a.Activity, OS: e.OS, Browser: e.Browser, IP: a.IP,
	}
}
