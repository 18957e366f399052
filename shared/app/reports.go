package app

import (
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/reportsapi"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// ReportRoutes returns the report and log routes (CONTRACT section 4) over the
// store, for Options.Extra. clock nil means time.Now.
func ReportRoutes(st *store.Store, clock func() time.Time) []httpapi.Route {
	return reportsapi.Routes(st, clock)
}
