package exports

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// TestAthenaDDL checks infra/athena/ddl.sql against shared/tables: the four
// tables with the Glue columns in order, the partition keys and the same
// partition projection as the template's Glue tables.
func TestAthenaDDL(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "infra", "athena", "ddl.sql"))
	if err != nil {
		t.Fatal(err)
	}
	ddl := string(b)
	if !strings.Contains(ddl, "CREATE DATABASE IF NOT EXISTS "+tables.GlueDatabase+";") {
		t.Error("ddl.sql does not create the database")
	}
	table := regexp.MustCompile(`(?s)CREATE EXTERNAL TABLE IF NOT EXISTS ` + tables.GlueDatabase + `\.(\w+) \((.*?)\n\)\n(.*?);`)
	column := regexp.MustCompile("`(\\w+)`\\s+([a-z<>]+)")
	found := map[string]bool{}
	for _, m := range table.FindAllStringSubmatch(ddl, -1) {
		name, body, rest := m[1], m[2], m[3]
		found[name] = true
		var cols []tables.Column
		for _, c := range column.FindAllStringSubmatch(body, -1) {
			cols = append(cols, tables.Column{Name: c[1], Type: c[2]})
		}
		if !reflect.DeepEqual(cols, tables.GlueColumns[name]) {
			t.Errorf("%s columns:\n got %v\nwant %v", name, cols, tables.GlueColumns[name])
		}
		props := []string{
			"PARTITIONED BY (`workspace_id` string, `dt` string)",
			"'projection.enabled' = 'true'",
			"'projection.workspace_id.type' = 'injected'",
			"'projection.dt.type' = 'date'",
			"'projection.dt.format' = 'yyyy-MM-dd'",
			"'projection.dt.range' = '2025-01-01,NOW'",
			"'projection.dt.interval' = '1'",
			"'projection.dt.interval.unit' = 'DAYS'",
			"LOCATION 's3://YOUR_BUCKET/" + tables.LakeDatasetPrefix(name) + "'",
			"'storage.location.template' = 's3://YOUR_BUCKET/" + tables.LakeDatasetPrefix(name) + "workspace_id=${workspace_id}/dt=${dt}/'",
			"ParquetHiveSerDe",
		}
		for _, p := range props {
			if !strings.Contains(rest, p) {
				t.Errorf("%s lacks %s", name, p)
			}
		}
	}
	for _, ds := range tables.Datasets {
		if !found[ds] {
			t.Errorf("ddl.sql has no table %s", ds)
		}
	}
}
