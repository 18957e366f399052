package reports

import (
	"github.com/mileusna/useragent"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// AccessItem is one entry of GET /v1/logs/access.
type AccessItem struct {
	At        Timestamp   `json:"at"`
	AgentID   string      `json:"agent_id"`
	AgentName string      `json:"agent_name"`
	Role      domain.Role `json:"role"`
	Activity  string      `json:"activity"`
	OS        string      `json:"os"`
	Browser   string      `json:"browser"`
}

// MessageItem is one entry of GET /v1/logs/messages.
type MessageItem struct {
	At           Timestamp        `json:"at"`
	MessageID    string           `json:"message_id"`
	Direction    domain.Direction `json:"direction"`
	Sender       domain.Sender    `json:"sender"`
	CustomerID   string           `json:"customer_id"`
	CustomerName string           `json:"customer_name"`
	AgentID      OptString        `json:"agent_id"`
	Channel      string           `json:"channel"`
	Type         string           `json:"type"`
	Text         string           `json:"text"`
	Status       OptString        `json:"status"`
}

// AccessItems maps access events (in the order given) to log items, with the
// agent's name and role from the agents list and OS/browser from the user agent.
func AccessItems(events []domain.Access, agents []domain.Agent) []AccessItem {
	byID := make(map[string]domain.Agent, len(agents))
	for _, a := range agents {
		byID[a.ID] = a
	}
	items := make([]AccessItem, 0, len(events))
	for _, e := range events {
		a := byID[e.AgentID]
		osName, browser := ParseUserAgent(e.UserAgent)
		items = append(items, AccessItem{
			At: Timestamp(e.At), AgentID: e.AgentID, AgentName: a.Name, Role: a.Role,
			Activity: e.Activity, OS: osName, Browser: browser,
		})
	}
	return items
}

// ParseUserAgent returns the operating system and browser names of a user
// agent string ("" when unknown).
func ParseUserAgent(s string) (osName, browser string) {
	if s == "" {
		return "", ""
	}
	ua := useragent.Parse(s)
	osName = ua.OS
	if !ua.IsUnknown() {
		browser = ua.Name
	}
	return osName, browser
}

// MessageItems maps messages (in the order given) to log items. customerNames
// maps customer ids to profile names; a message's own ProfileName is the fallback.
func MessageItems(msgs []domain.Message, customerNames map[string]string) []MessageItem {
	items := make([]MessageItem, 0, len(msgs))
	for _, m := range msgs {
		name := customerNames[m.CustomerID]
		if name == "" {
			name = m.ProfileName
		}
		items = append(items, MessageItem{
			At: Timestamp(m.At), MessageID: m.ID, Direction: m.Direction, Sender: m.Sender,
			CustomerID: m.CustomerID, CustomerName: name, AgentID: OptString(m.AgentID), Channel: m.Channel,
			Type: m.Type, Text: m.Text, Status: OptString(m.Status),
		})
	}
	return items
}
