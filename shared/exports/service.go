package exports

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// Export statuses as the API shows them.
const (
	StatusQueued  = store.ExportQueued
	StatusRunning = store.ExportRunning
	StatusDone    = store.ExportDone
	StatusFailed  = store.ExportFailed
	StatusExpired = "expired"
)

// Store is what the export API and the exporter need from storage; *store.Store
// implements it.
type Store interface {
	Source
	GetWorkspace(ctx context.Context, id string) (domain.Workspace, error)
	PutExport(ctx context.Context, e store.ExportRecord) error
	GetExport(ctx context.Context, ws, id string) (store.ExportRecord, error)
	ListExports(ctx context.Context, ws string) ([]store.ExportRecord, error)
	UpdateExport(ctx context.Context, ws, id, status string, rows, bytes int64, errMsg string) error
}

// Job is the payload that starts one export (the exporter Lambda's event).
type Job struct {
	WorkspaceID string `json:"workspace_id"`
	ExportID    string `json:"export_id"`
}

// Runner starts requested exports somewhere (a goroutine, an async Lambda).
type Runner interface {
	// Start hands the job over; it returns once the job is queued, not done.
	Start(ctx context.Context, job Job) error
}

// NewExportID returns a new export id: the creation time (sortable) and randomness.
func NewExportID(now time.Time) (string, error) {
	b := make([]byte, 5)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("export id: %w", err)
	}
	return fmt.Sprintf("x%s%s", now.UTC().Format("20060102T150405"), hex.EncodeToString(b)), nil
}

// staleRunning is when a "running" export is taken to have died with its
// process (the Lambda limit is 15 minutes) and may be run again.
const staleRunning = 16 * time.Minute

// Exporter builds requested exports.
type Exporter struct {
	Store Store
	Files *Files
	// Log defaults to slog.Default(); Clock to time.Now.
	Log   *slog.Logger
	Clock func() time.Time
}

// runnable reports whether an export should be (re)built: queued, failed (a
// retried invocation), or running for so long that its process must have died.
func (x *Exporter) runnable(rec store.ExportRecord) bool {
	now := time.Now
	if x.Clock != nil {
		now = x.Clock
	}
	switch rec.Status {
	case StatusQueued, StatusFailed:
		return true
	case StatusRunning:
		return now().Sub(rec.UpdatedAt) > staleRunning
	}
	return false
}

// Run builds export job: it marks the record running, writes the file to its
// key and marks it done with rows and bytes, or failed. It returns the error
// that failed it. A done export, or one running elsewhere, is left alone, so a
// redelivered invocation does nothing; a failed one is built again.
func (x *Exporter) Run(ctx context.Context, job Job) error {
	log := x.Log
	if log == nil {
		log = slog.Default()
	}
	rec, err := x.Store.GetExport(ctx, job.WorkspaceID, job.ExportID)
	if err != nil {
		return fmt.Errorf("export %s/%s: %w", job.WorkspaceID, job.ExportID, err)
	}
	if !x.runnable(rec) {
		log.Info("export already handled", "workspace", job.WorkspaceID, "export", job.ExportID, "status", rec.Status)
		return nil
	}
	if err := x.Store.UpdateExport(ctx, rec.WorkspaceID, rec.ID, StatusRunning, 0, 0, ""); err != nil {
		return fmt.Errorf("export %s: %w", rec.ID, err)
	}
	rows, size, err := x.write(ctx, rec)
	if err != nil {
		log.Error("export failed", "workspace", rec.WorkspaceID, "export", rec.ID, "err", err)
		if uerr := x.Store.UpdateExport(ctx, rec.WorkspaceID, rec.ID, StatusFailed, rows, 0, err.Error()); uerr != nil {
			return errors.Join(err, uerr)
		}
		return err
	}
	if err := x.Store.UpdateExport(ctx, rec.WorkspaceID, rec.ID, StatusDone, rows, size, ""); err != nil {
		return fmt.Errorf("export %s: %w", rec.ID, err)
	}
	log.Info("export done", "workspace", rec.WorkspaceID, "export", rec.ID, "dataset", rec.Dataset, "rows", rows, "bytes", size)
	return nil
}

func (x *Exporter) write(ctx context.Context, rec store.ExportRecord) (rows, size int64, err error) {
	ws, err := x.Store.GetWorkspace(ctx, rec.WorkspaceID)
	if err != nil {
		return 0, 0, fmt.Errorf("workspace: %w", err)
	}
	cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
	if err != nil {
		return 0, 0, fmt.Errorf("workspace calendar: %w", err)
	}
	from, err := calendar.ParseDate(rec.From)
	if err != nil {
		return 0, 0, fmt.Errorf("from: %w", err)
	}
	to, err := calendar.ParseDate(rec.To)
	if err != nil {
		return 0, 0, fmt.Errorf("to: %w", err)
	}
	start, end := cal.Bounds(from, to)
	size, err = x.Files.Stream(ctx, rec.Key, ContentType(rec.Format), func(w io.Writer) error {
		var werr error
		rows, werr = WriteDataset(ctx, x.Store, rec.WorkspaceID, rec.Dataset, rec.Format, start, end, w)
		return werr
	})
	return rows, size, err
}

// LocalRunner runs each export in a goroutine of this process (local server, tests).
type LocalRunner struct {
	Exporter *Exporter
	wg       sync.WaitGroup
}

// Start runs the job in the background, detached from ctx's cancellation.
func (r *LocalRunner) Start(ctx context.Context, job Job) error {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		_ = r.Exporter.Run(context.WithoutCancel(ctx), job) // Run records and logs failures
	}()
	return nil
}

// Wait blocks until every started export has finished.
func (r *LocalRunner) Wait() { r.wg.Wait() }
