package exports

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// File formats.
const (
	FormatParquet = "parquet"
	FormatCSV     = "csv"
)

// RowGroupRows bounds a Parquet row group: the writer buffers at most this many
// rows before flushing them to the output, so memory does not grow with the file.
const RowGroupRows = 64 * 1024

// batchRows is how many rows are handed to the Parquet writer at once.
const batchRows = 1024

// ContentType is the MIME type of a format.
func ContentType(format string) string {
	if format == FormatCSV {
		return "text/csv; charset=utf-8"
	}
	return "application/vnd.apache.parquet"
}

// Columns are the column names of a dataset, in file order (tables.GlueColumns).
func Columns(dataset string) []string {
	cols := tables.GlueColumns[dataset]
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

// Row is one row of a dataset: a Parquet-tagged struct that knows its CSV cells.
type Row interface {
	TicketRow | MessageRow | CSATRow | AccessRow
	CSVRecord() []string
}

// Encoder streams rows of one dataset to a writer in one format.
type Encoder[R Row] struct {
	bw    *bufio.Writer
	pw    *parquet.GenericWriter[R]
	cw    *csv.Writer
	batch []R
	rows  int64
}

// NewEncoder returns an encoder writing format ("parquet" or "csv") to w. A CSV
// file starts with the header row of columns.
func NewEncoder[R Row](w io.Writer, format string, columns []string) (*Encoder[R], error) {
	e := &Encoder[R]{bw: bufio.NewWriterSize(w, 256<<10)}
	switch format {
	case FormatParquet:
		e.pw = parquet.NewGenericWriter[R](e.bw,
			parquet.Compression(&parquet.Zstd),
			parquet.MaxRowsPerRowGroup(RowGroupRows),
			parquet.CreatedBy("inbox-metrics", "1", ""),
		)
		e.batch = make([]R, 0, batchRows)
	case FormatCSV:
		e.cw = csv.NewWriter(e.bw)
		if err := e.cw.Write(columns); err != nil {
			return nil, fmt.Errorf("write csv header: %w", err)
		}
	default:
		return nil, fmt.Errorf("unknown format %q", format)
	}
	return e, nil
}

// Write adds one row.
func (e *Encoder[R]) Write(r R) error {
	e.rows++
	if e.cw != nil {
		if err := e.cw.Write(r.CSVRecord()); err != nil {
			return fmt.Errorf("write csv row: %w", err)
		}
		return nil
	}
	e.batch = append(e.batch, r)
	if len(e.batch) == cap(e.batch) {
		return e.flushBatch()
	}
	return nil
}

func (e *Encoder[R]) flushBatch() error {
	if len(e.batch) == 0 {
		return nil
	}
	if _, err := e.pw.Write(e.batch); err != nil {
		return fmt.Errorf("write parquet rows: %w", err)
	}
	clear(e.batch)
	e.batch = e.batch[:0]
	return nil
}

// Rows is the number of rows written so far.
func (e *Encoder[R]) Rows() int64 { return e.rows }

// Close writes what is buffered and the file's end (the Parquet footer). It
// does not close the underlying writer.
func (e *Encoder[R]) Close() error {
	if e.cw != nil {
		e.cw.Flush()
		if err := e.cw.Error(); err != nil {
			return fmt.Errorf("flush csv: %w", err)
		}
	} else {
		if err := e.flushBatch(); err != nil {
			return err
		}
		if err := e.pw.Close(); err != nil {
			return fmt.Errorf("close parquet writer: %w", err)
		}
	}
	if err := e.bw.Flush(); err != nil {
		return fmt.Errorf("flush output: %w", err)
	}
	return nil
}

// Source iterates the stored rows of a dataset over [start, end) in time order.
// *store.Store implements it.
type Source interface {
	EachTicket(ctx context.Context, ws string, start, end time.Time, fn func(store.TicketExport) error) error
	EachMessage(ctx context.Context, ws string, start, end time.Time, fn func(store.MessageExport) error) error
	EachSurvey(ctx context.Context, ws string, start, end time.Time, fn func(store.SurveyExport) error) error
	EachAccess(ctx context.Context, ws string, start, end time.Time, fn func(store.AccessExport) error) error
}

// encodeAll runs each (which feeds rows to emit) through a new encoder on w.
func encodeAll[R Row](w io.Writer, format, dataset string, each func(emit func(R) error) error) (int64, error) {
	enc, err := NewEncoder[R](w, format, Columns(dataset))
	if err != nil {
		return 0, err
	}
	if err := each(enc.Write); err != nil {
		return enc.Rows(), err
	}
	return enc.Rows(), enc.Close()
}

// WriteDataset writes the rows of dataset of workspace ws whose time lies in
// [start, end) to w, as format, and returns the number of rows. The time is
// opened_at for tickets, the message time for messages, requested_at for csat
// and the event time for access_log.
func WriteDataset(ctx context.Context, src Source, ws, dataset, format string, start, end time.Time, w io.Writer) (int64, error) {
	var (
		n   int64
		err error
	)
	switch dataset {
	case tables.DatasetTickets:
		n, err = encodeAll(w, format, dataset, func(emit func(TicketRow) error) error {
			return src.EachTicket(ctx, ws, start, end, func(e store.TicketExport) error { return emit(TicketRowOf(e)) })
		})
	case tables.DatasetMessages:
		n, err = encodeAll(w, format, dataset, func(emit func(MessageRow) error) error {
			return src.EachMessage(ctx, ws, start, end, func(e store.MessageExport) error { return emit(MessageRowOf(e)) })
		})
	case tables.DatasetCSAT:
		n, err = encodeAll(w, format, dataset, func(emit func(CSATRow) error) error {
			return src.EachSurvey(ctx, ws, start, end, func(e store.SurveyExport) error { return emit(CSATRowOf(e)) })
		})
	case tables.DatasetAccessLog:
		n, err = encodeAll(w, format, dataset, func(emit func(AccessRow) error) error {
			return src.EachAccess(ctx, ws, start, end, func(e store.AccessExport) error { return emit(AccessRowOf(e)) })
		})
	default:
		return 0, fmt.Errorf("unknown dataset %q", dataset)
	}
	if err != nil {
		return n, fmt.Errorf("write %s %s: %w", dataset, format, err)
	}
	return n, nil
}
