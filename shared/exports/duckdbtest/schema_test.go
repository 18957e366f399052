package duckdbtest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// parquetType is how DuckDB's parquet_schema() shows a Glue type: physical
// type, converted type and a piece of the logical type.
var parquetType = map[string]struct{ physical, converted, logical string }{
	tables.TypeString:      {"BYTE_ARRAY", "UTF8", "StringType()"},
	tables.TypeTimestamp:   {"INT64", "TIMESTAMP_MILLIS", "TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=MilliSeconds()"},
	tables.TypeDouble:      {"DOUBLE", "NULL", "NULL"},
	tables.TypeBigint:      {"INT64", "INT_64", "IntType(bitWidth=@, isSigned=1)"},
	tables.TypeStringArray: {"NULL", "LIST", "ListType()"},
}

// duckType is the DuckDB column type of a Glue type.
var duckType = map[string]string{
	tables.TypeString:      "VARCHAR",
	tables.TypeTimestamp:   "TIMESTAMP WITH TIME ZONE",
	tables.TypeDouble:      "DOUBLE",
	tables.TypeBigint:      "BIGINT",
	tables.TypeStringArray: "VARCHAR[]",
}

func TestParquetSchema(t *testing.T) {
	dir := lakeFiles(t)
	db := openDuckDB(t, dir)
	for _, ds := range tables.Datasets {
		file := filepath.Join(dir, "lake", ds, "workspace_id=acme", "dt=2026-11-02", "part-00000.parquet")
		schema := map[string]string{}
		for _, row := range query(t, db, fmt.Sprintf(
			"SELECT name, type, converted_type, logical_type FROM parquet_schema('%s')", file)) {
			name, rest, _ := strings.Cut(row, " | ")
			schema[name] = rest
		}
		var described []string
		for _, row := range query(t, db, "SELECT column_name, column_type FROM (DESCRIBE inbox_metrics."+ds+")") {
			described = append(described, row)
		}
		cols := tables.GlueColumns[ds]
		if len(described) != len(cols)+2 {
			t.Fatalf("%s: DuckDB sees %d columns, want %d + 2 partition keys: %v", ds, len(described), len(cols), described)
		}
		for i, c := range cols {
			want := parquetType[c.Type]
			got := strings.Split(schema[c.Name], " | ")
			if len(got) != 3 || got[0] != want.physical || got[1] != want.converted || !strings.HasPrefix(got[2], want.logical) {
				t.Errorf("%s.%s: parquet %q, want %+v", ds, c.Name, schema[c.Name], want)
			}
			if wantCol := c.Name + " | " + duckType[c.Type]; described[i] != wantCol {
				t.Errorf("%s column %d: %q, want %q", ds, i, described[i], wantCol)
			}
		}
		if ds == tables.DatasetTickets && schema["element"] != "BYTE_ARRAY | UTF8 | StringType()" {
			t.Errorf("labels element: %q", schema["element"])
		}
		if got := query(t, db, fmt.Sprintf("SELECT DISTINCT compression FROM parquet_metadata('%s')", file)); len(got) != 1 || got[0] != "ZSTD" {
			t.Errorf("%s compression %v, want ZSTD", ds, got)
		}
	}
	if got := query(t, db, "SELECT column_name FROM (DESCRIBE inbox_metrics.messages) WHERE column_name IN ('dt', 'workspace_id') ORDER BY 1"); strings.Join(got, ",") != "dt,workspace_id" {
		t.Errorf("partition columns: %v", got)
	}
}
