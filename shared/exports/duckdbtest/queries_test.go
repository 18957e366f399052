package duckdbtest

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// queriesDir holds the analysts' example queries, written for Athena (Trino).
var queriesDir = filepath.Join("..", "..", "..", "infra", "athena", "queries")

// duckRewrites adapt the Athena dialect to DuckDB (without the ICU extension):
// approx_percentile becomes the exact quantile_cont, day_of_week the ISO
// isodow, and "x AT TIME ZONE 'Asia/Jakarta'" a fixed +7 hours (Jakarta has
// no daylight saving time).
var duckRewrites = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\bapprox_percentile\(`), "quantile_cont("},
	{regexp.MustCompile(`\bday_of_week\(`), "isodow("},
	{regexp.MustCompile(`(\w+) AT TIME ZONE 'Asia/Jakarta'`), "(CAST($1 AS TIMESTAMP) + INTERVAL 7 HOUR)"},
}

func toDuckDB(q string) string {
	for _, r := range duckRewrites {
		q = r.re.ReplaceAllString(q, r.with)
	}
	return q
}

// wantResults are the rows each example query gives on the scenario.
var wantResults = map[string][]string{
	"first_response_by_agent.sql":    {"2026-11-02 | ag-1 | 1 | 180 | 180"},
	"resolution_rate_by_channel.sql": {"whatsapp | 2 | 1 | 0.5"},
	"csat_by_week.sql":               {"2026-11-02T00:00:00Z | 2 | 1 | 5 | 100"},
	"busiest_hours.sql":              {"1 | 9 | 3", "1 | 10 | 1", "2 | 6 | 1"},
	"delivery_failure_rate.sql":      {"2026-11-02 | 1 | 0 | 0"},
	"login_activity.sql":             {"ag-1 | Sari Dewi | 1 | 1 | 2026-11-02T01:30:00Z | 2026-11-02T07:00:00Z | 1"},
}

func TestAthenaQueries(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(queriesDir, "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	var want []string
	for n := range wantResults {
		want = append(want, n)
	}
	sort.Strings(want)
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("queries %v, want results for %v", names, want)
	}
	dir := lakeFiles(t)
	db := openDuckDB(t, dir)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		q := strings.TrimSuffix(strings.TrimSpace(toDuckDB(string(b))), ";")
		got := query(t, db, q)
		if name := filepath.Base(f); !reflect.DeepEqual(got, wantResults[name]) {
			t.Errorf("%s:\n got %q\nwant %q", name, got, wantResults[name])
		}
	}
}
