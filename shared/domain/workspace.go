package domain

import "time"

// Workspace is one business (tenant) and its settings.
type Workspace struct {
	ID            string         `json:"workspace_id"`
	Name          string         `json:"name"`
	Timezone      string         `json:"timezone"`
	BusinessHours *BusinessHours `json:"business_hours,omitempty"`
	CreatedAt     time.Time      `json:"created_at"`
	UpdatedAt     time.Time      `json:"updated_at"`
}

// WorkspaceSecrets are generated once, when a workspace is created.
type WorkspaceSecrets struct {
	EventsSecret        string `json:"events_secret"`
	WhatsAppAppSecret   string `json:"whatsapp_app_secret"`
	WhatsAppVerifyToken string `json:"whatsapp_verify_token"`
}

// BusinessHours are a workspace's weekly opening hours in its own time zone,
// and the dates on which it is closed.
type BusinessHours struct {
	// Weekly maps a lower-case English weekday ("monday".."sunday") to its open intervals.
	Weekly map[string][]OpenInterval `json:"weekly"`
	// ClosedDates are local dates (YYYY-MM-DD) with no open time.
	ClosedDates []string `json:"closed_dates,omitempty"`
}

// OpenInterval is one opening interval of a day, local wall-clock "HH:MM" times; Close may be "24:00".
type OpenInterval struct {
	Open  string `json:"open"`
	Close string `json:"close"`
}
