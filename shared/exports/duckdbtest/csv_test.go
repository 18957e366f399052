package duckdbtest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// csvCast turns a CSV cell (read as text) back into its Glue type: RFC 3339
// instants, plain numbers, and labels as a JSON array.
func csvCast(c tables.Column) string {
	switch c.Type {
	case tables.TypeTimestamp:
		return fmt.Sprintf("CAST(%s AS TIMESTAMPTZ) AS %s", c.Name, c.Name)
	case tables.TypeDouble:
		return fmt.Sprintf("CAST(%s AS DOUBLE) AS %s", c.Name, c.Name)
	case tables.TypeBigint:
		return fmt.Sprintf("CAST(%s AS BIGINT) AS %s", c.Name, c.Name)
	case tables.TypeStringArray:
		return fmt.Sprintf(`CAST(from_json(%s, '["VARCHAR"]') AS VARCHAR[]) AS %s`, c.Name, c.Name)
	}
	return c.Name
}

// TestCSVMatchesParquet reads each dataset's CSV export of the day with
// DuckDB's CSV reader and checks that it holds exactly the Parquet rows:
// header, nulls as empty cells, texts with commas, quotes, newlines and
// non-ASCII characters included.
func TestCSVMatchesParquet(t *testing.T) {
	dir := lakeFiles(t)
	db := openDuckDB(t, dir)
	for _, ds := range tables.Datasets {
		file := filepath.Join(dir, "csv", ds+".csv")
		cols := tables.GlueColumns[ds]
		names := make([]string, len(cols))
		casts := make([]string, len(cols))
		for i, c := range cols {
			names[i], casts[i] = c.Name, csvCast(c)
		}
		header := query(t, db, fmt.Sprintf("SELECT * FROM read_csv('%s', header = false, all_varchar = true) LIMIT 1", file))
		if len(header) != 1 || header[0] != strings.Join(names, " | ") {
			t.Errorf("%s header %v", ds, header)
		}
		csvRows := fmt.Sprintf("SELECT %s FROM read_csv('%s', header = true, all_varchar = true, quote = '\"', escape = '\"')",
			strings.Join(casts, ", "), file)
		pqRows := fmt.Sprintf("SELECT %s FROM inbox_metrics.%s WHERE dt = '2026-11-02'", strings.Join(names, ", "), ds)
		counts := query(t, db, fmt.Sprintf("SELECT (SELECT count(*) FROM (%s)), (SELECT count(*) FROM (%s)), (SELECT count(*) FROM (SELECT DISTINCT * FROM (%s)))", csvRows, pqRows, pqRows))
		if len(counts) != 1 {
			t.Fatalf("%s counts %v", ds, counts)
		}
		var nCSV, nPQ, nDistinct int
		fmt.Sscanf(strings.ReplaceAll(counts[0], " | ", " "), "%d %d %d", &nCSV, &nPQ, &nDistinct)
		if nCSV != nPQ || nPQ != nDistinct || nPQ == 0 {
			t.Errorf("%s: %d CSV rows, %d Parquet rows (%d distinct)", ds, nCSV, nPQ, nDistinct)
		}
		for _, q := range []string{csvRows + " EXCEPT " + pqRows, pqRows + " EXCEPT " + csvRows} {
			if diff := query(t, db, q); len(diff) != 0 {
				t.Errorf("%s: CSV and Parquet differ:\n%s", ds, strings.Join(diff, "\n"))
			}
		}
	}
}
