package duckdbtest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/exports/exporttest"
	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestLakeValues reads every row of every lake partition back and compares
// them with testdata/lake_rows.golden; it also checks a few values by name.
func TestLakeValues(t *testing.T) {
	dir := lakeFiles(t)
	db := openDuckDB(t, dir)
	var b strings.Builder
	for _, ds := range tables.Datasets {
		fmt.Fprintf(&b, "## %s\n", ds)
		order := "1"
		if ds != tables.DatasetAccessLog {
			order = "dt, 2, 1"
		}
		for _, row := range query(t, db, "SELECT * FROM inbox_metrics."+ds+" ORDER BY "+order) {
			b.WriteString(row + "\n")
		}
	}
	golden := filepath.Join("testdata", "lake_rows.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("lake rows differ from %s:\n%s", golden, b.String())
	}

	checks := []struct {
		name, q string
		args    []any
		want    string
	}{
		{"rows per dataset and day", `SELECT (SELECT count(*) FROM inbox_metrics.tickets WHERE dt = '2026-11-02'),
			(SELECT count(*) FROM inbox_metrics.messages WHERE dt = '2026-11-02'),
			(SELECT count(*) FROM inbox_metrics.messages WHERE dt = '2026-11-03'),
			(SELECT count(*) FROM inbox_metrics.csat), (SELECT count(*) FROM inbox_metrics.access_log)`, nil,
			fmt.Sprintf("%d | %d | 1 | %d | %d", exporttest.DayTickets, exporttest.DayMessages, exporttest.DaySurveys, exporttest.DayAccess)},
		{"tricky text", "SELECT text = ? FROM inbox_metrics.messages WHERE message_id = 'wamid.1'", []any{exporttest.TrickyText}, "true"},
		{"non-ASCII name", "SELECT customer_name = ? FROM inbox_metrics.tickets WHERE customer_id = '6281111'", []any{exporttest.CustomerName}, "true"},
		{"labels list", "SELECT labels, len(labels) FROM inbox_metrics.tickets ORDER BY opened_at", nil, "[delivery,vip] | 2\n[] | 0"},
		{"nulls of an open ticket", "SELECT first_response_at IS NULL, resolve_seconds IS NULL, csat_rating IS NULL, category IS NULL FROM inbox_metrics.tickets WHERE status = 'open'", nil, "true | true | true | true"},
		{"unanswered survey", "SELECT responded_at IS NULL, rating IS NULL, comment IS NULL FROM inbox_metrics.csat WHERE csat_id = 'cs-2'", nil, "true | true | true"},
		{"comment with CRLF", "SELECT comment = ? FROM inbox_metrics.csat WHERE csat_id = 'cs-1'", []any{exporttest.SurveyComment}, "true"},
		{"bot-only message has no ticket", "SELECT ticket_id IS NULL FROM inbox_metrics.messages WHERE message_id = 'wamid.9'", nil, "true"},
		{"instants in UTC milliseconds", "SELECT epoch_ms(at) FROM inbox_metrics.messages WHERE message_id = 'wamid.1'", nil, fmt.Sprint(exporttest.T0.UnixMilli())},
	}
	for _, c := range checks {
		if got := strings.Join(query(t, db, c.q, c.args...), "\n"); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
