package exports

import (
	"bytes"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// schemas are the Parquet schemas of the four row types, by dataset.
var schemas = map[string]*parquet.Schema{
	tables.DatasetTickets:   parquet.SchemaOf(TicketRow{}),
	tables.DatasetMessages:  parquet.SchemaOf(MessageRow{}),
	tables.DatasetCSAT:      parquet.SchemaOf(CSATRow{}),
	tables.DatasetAccessLog: parquet.SchemaOf(AccessRow{}),
}

// glueType is the Glue type a Parquet field maps to ("" when it maps to none).
func glueType(f parquet.Field) string {
	var lv format.LogicalTypeValue
	if lt := f.Type().LogicalType(); lt != nil {
		lv = lt.Value
	}
	switch v := lv.(type) {
	case *format.ListType:
		if elem := f.Fields()[0].Fields()[0]; glueType(elem) == tables.TypeString {
			return tables.TypeStringArray
		}
		return ""
	case *format.StringType:
		if f.Leaf() && f.Type().Kind() == parquet.ByteArray {
			return tables.TypeString
		}
	case *format.TimestampType:
		if _, millis := v.Unit.Value.(*format.MilliSeconds); f.Type().Kind() == parquet.Int64 && millis && v.IsAdjustedToUTC {
			return tables.TypeTimestamp
		}
	case nil, *format.IntType:
		switch {
		case !f.Leaf():
		case f.Type().Kind() == parquet.Int64:
			return tables.TypeBigint
		case f.Type().Kind() == parquet.Double:
			return tables.TypeDouble
		}
	}
	return ""
}

func TestParquetColumnsMatchGlue(t *testing.T) {
	for _, ds := range tables.Datasets {
		t.Run(ds, func(t *testing.T) {
			fields := schemas[ds].Fields()
			want := tables.GlueColumns[ds]
			if len(fields) != len(want) {
				t.Fatalf("%d Parquet columns, Glue has %d", len(fields), len(want))
			}
			for i, f := range fields {
				if f.Name() != want[i].Name || glueType(f) != want[i].Type {
					t.Errorf("column %d = %s %q, want %s %s", i, f.Name(), glueType(f), want[i].Name, want[i].Type)
				}
			}
		})
	}
}

func TestCSVRecordsMatchColumns(t *testing.T) {
	rows := map[string][]string{
		tables.DatasetTickets:   TicketRow{}.CSVRecord(),
		tables.DatasetMessages:  MessageRow{}.CSVRecord(),
		tables.DatasetCSAT:      CSATRow{}.CSVRecord(),
		tables.DatasetAccessLog: AccessRow{}.CSVRecord(),
	}
	for _, ds := range tables.Datasets {
		if got, want := len(rows[ds]), len(Columns(ds)); got != want {
			t.Errorf("%s: %d CSV cells, %d columns", ds, got, want)
		}
	}
}

// TestParquetFileLayout checks compression and that row groups are bounded.
func TestParquetFileLayout(t *testing.T) {
	var buf bytes.Buffer
	enc, err := NewEncoder[AccessRow](&buf, FormatParquet, Columns(tables.DatasetAccessLog))
	if err != nil {
		t.Fatal(err)
	}
	n := RowGroupRows + 10
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		if err := enc.Write(AccessRow{At: at.Add(time.Duration(i) * time.Second), AgentID: "ag-1", Activity: "login"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if f.NumRows() != int64(n) || enc.Rows() != int64(n) {
		t.Fatalf("file has %d rows, encoder counted %d, want %d", f.NumRows(), enc.Rows(), n)
	}
	groups := f.Metadata().RowGroups
	if len(groups) != 2 || groups[0].NumRows != RowGroupRows || groups[1].NumRows != 10 {
		t.Fatalf("row groups: %d", len(groups))
	}
	for _, c := range groups[0].Columns {
		if c.MetaData.Codec != format.Zstd {
			t.Errorf("column %v codec %v, want ZSTD", c.MetaData.PathInSchema, c.MetaData.Codec)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := NewEncoder[AccessRow](&bytes.Buffer{}, "xlsx", nil); err == nil {
		t.Error("NewEncoder accepted format xlsx")
	}
}
