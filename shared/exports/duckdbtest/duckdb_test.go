package duckdbtest

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	_ "github.com/marcboeker/go-duckdb"

	"github.com/inboxmetrics/inbox-metrics/shared/exports"
	"github.com/inboxmetrics/inbox-metrics/shared/exports/exporttest"
	"github.com/inboxmetrics/inbox-metrics/shared/tables"
	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// lakeFiles writes the scenario's lake partitions (Day and NextDay) and a CSV
// export of each dataset for Day to the local S3, downloads every object into
// a temporary directory and returns it.
func lakeFiles(t *testing.T) string {
	t.Helper()
	st, ws, env := exporttest.Seed(t)
	ctx := context.Background()
	files := exports.NewFiles(env.S3, env.Bucket)
	lake := &exports.Lake{Store: st, Files: files}
	now := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	for _, d := range []string{exporttest.Day.String(), exporttest.NextDay.String()} {
		day := exporttest.Day
		if d != day.String() {
			day = exporttest.NextDay
		}
		if _, err := lake.RunDay(ctx, day, now); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2026, 11, 1, 17, 0, 0, 0, time.UTC) // Day, 00:00 in Jakarta
	end := start.Add(24 * time.Hour)
	for _, ds := range tables.Datasets {
		_, err := files.Stream(ctx, "csv/"+ds+".csv", exports.ContentType(exports.FormatCSV), func(w io.Writer) error {
			_, err := exports.WriteDataset(ctx, st, ws.ID, ds, exports.FormatCSV, start, end, w)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	list, err := env.S3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(env.Bucket)})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range list.Contents {
		key := aws.ToString(o.Key)
		out, err := env.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(env.Bucket), Key: aws.String(key)})
		if err != nil {
			t.Fatalf("get %s: %v", key, err)
		}
		b, err := io.ReadAll(out.Body)
		out.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, filepath.FromSlash(key))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// openDuckDB opens an in-memory DuckDB with a view per lake table in schema
// inbox_metrics, reading every partition with its workspace_id and dt.
func openDuckDB(t *testing.T, dir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	stmts := []string{"CREATE SCHEMA inbox_metrics"}
	for _, ds := range tables.Datasets {
		stmts = append(stmts, fmt.Sprintf(`CREATE VIEW inbox_metrics.%s AS SELECT * FROM read_parquet('%s',
			hive_partitioning = true, hive_types = {'workspace_id': VARCHAR, 'dt': VARCHAR})`,
			ds, filepath.Join(dir, "lake", ds, "*", "*", "*.parquet")))
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return db
}

// query runs q and renders every row as a string.
func query(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		line := ""
		for i, v := range vals {
			if i > 0 {
				line += " | "
			}
			line += render(v)
		}
		out = append(out, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func render(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case string:
		if strings.ContainsAny(x, "\r\n\t|") {
			return strconv.Quote(x) // one line per row, whatever the text
		}
		return x
	case []any:
		s := "["
		for i, e := range x {
			if i > 0 {
				s += ","
			}
			s += render(e)
		}
		return s + "]"
	}
	return fmt.Sprint(v)
}
