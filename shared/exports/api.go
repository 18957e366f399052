package exports

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// API serves the export endpoints (admin only).
type API struct {
	Store  Store
	Files  *Files
	Runner Runner
	// Clock defaults to time.Now; Log to slog.Default().
	Clock func() time.Time
	Log   *slog.Logger
}

// ExportView is the JSON of one export.
type ExportView struct {
	ExportID  string            `json:"export_id"`
	Dataset   string            `json:"dataset"`
	From      string            `json:"from"`
	To        string            `json:"to"`
	Format    string            `json:"format"`
	Status    string            `json:"status"`
	Rows      int64             `json:"rows"`
	Bytes     int64             `json:"bytes"`
	CreatedAt reports.Timestamp `json:"created_at"`
	ExpiresAt reports.Timestamp `json:"expires_at"`
}

// ExportRequest is the body of POST /v1/exports.
type ExportRequest struct {
	Dataset string `json:"dataset"`
	From    string `json:"from"`
	To      string `json:"to"`
	Format  string `json:"format"`
}

// Routes are POST /v1/exports, GET /v1/exports, GET /v1/exports/{id} and
// GET /v1/exports/{id}/download, all admin only.
func (a *API) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: http.MethodPost, Pattern: "/v1/exports", Roles: httpapi.RolesAdmin, Fn: a.create},
		{Method: http.MethodGet, Pattern: "/v1/exports", Roles: httpapi.RolesAdmin, Fn: a.list},
		{Method: http.MethodGet, Pattern: "/v1/exports/{id}", Roles: httpapi.RolesAdmin, Fn: a.get},
		{Method: http.MethodGet, Pattern: "/v1/exports/{id}/download", Roles: httpapi.RolesAdmin, Fn: a.download},
	}
}

func (a *API) now() time.Time {
	if a.Clock != nil {
		return a.Clock()
	}
	return time.Now()
}

func (a *API) log() *slog.Logger {
	if a.Log != nil {
		return a.Log
	}
	return slog.Default()
}

// view is the JSON of a record at now: a record past its expiry is "expired".
func view(e store.ExportRecord, now time.Time) ExportView {
	status := e.Status
	if now.After(e.ExpiresAt) {
		status = StatusExpired
	}
	return ExportView{
		ExportID: e.ID, Dataset: e.Dataset, From: e.From, To: e.To, Format: e.Format,
		Status: status, Rows: e.Rows, Bytes: e.Bytes,
		CreatedAt: reports.Timestamp(e.CreatedAt), ExpiresAt: reports.Timestamp(e.ExpiresAt),
	}
}

// validate checks a request; it returns the rejected field and why.
func validate(req ExportRequest) (field, detail string) {
	if !slices.Contains(tables.Datasets, req.Dataset) {
		return "dataset", fmt.Sprintf("dataset must be one of %v, got %q", tables.Datasets, req.Dataset)
	}
	from, err := calendar.ParseDate(req.From)
	if err != nil {
		return "from", fmt.Sprintf("from must be a date YYYY-MM-DD, got %q", req.From)
	}
	to, err := calendar.ParseDate(req.To)
	if err != nil {
		return "to", fmt.Sprintf("to must be a date YYYY-MM-DD, got %q", req.To)
	}
	var pe *reports.ParamError
	if errors.As(reports.CheckRange(from, to), &pe) {
		return pe.Param, pe.Detail
	}
	if req.Format != FormatParquet && req.Format != FormatCSV {
		return "format", fmt.Sprintf("format must be parquet or csv, got %q", req.Format)
	}
	return "", ""
}

func (a *API) create(ctx context.Context, r *httpapi.Request) httpapi.Response {
	var req ExportRequest
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return httpapi.BadParam("body", "body must be a JSON object {dataset, from, to, format}: "+err.Error())
	}
	if field, detail := validate(req); field != "" {
		return httpapi.BadParam(field, detail)
	}
	now := a.now().UTC().Truncate(time.Millisecond)
	id, err := NewExportID(now)
	if err != nil {
		a.log().Error("new export", "err", err)
		return httpapi.Internal()
	}
	ws := r.Workspace.ID
	rec := store.ExportRecord{
		ID: id, WorkspaceID: ws, Dataset: req.Dataset, From: req.From, To: req.To, Format: req.Format,
		Key: ExportKey(ws, id, req.Dataset, req.Format), Status: StatusQueued,
		CreatedAt: now, ExpiresAt: now.Add(store.ExportLifetime), UpdatedAt: now,
	}
	if err := a.Store.PutExport(ctx, rec); err != nil {
		a.log().Error("store export", "workspace", ws, "err", err)
		return httpapi.Internal()
	}
	if err := a.Runner.Start(ctx, Job{WorkspaceID: ws, ExportID: id}); err != nil {
		a.log().Error("start export", "workspace", ws, "export", id, "err", err)
		_ = a.Store.UpdateExport(ctx, ws, id, StatusFailed, 0, 0, err.Error())
		return httpapi.Internal()
	}
	return httpapi.JSON(http.StatusAccepted, map[string]string{"export_id": id, "status": StatusQueued})
}

func (a *API) list(ctx context.Context, r *httpapi.Request) httpapi.Response {
	recs, err := a.Store.ListExports(ctx, r.Workspace.ID)
	if err != nil {
		a.log().Error("list exports", "workspace", r.Workspace.ID, "err", err)
		return httpapi.Internal()
	}
	now := a.now()
	items := make([]ExportView, 0, len(recs))
	for _, e := range recs {
		items = append(items, view(e, now))
	}
	return httpapi.JSON(http.StatusOK, map[string]any{"items": items})
}

// lookup reads the export named by the path, or answers 404/500.
func (a *API) lookup(ctx context.Context, r *httpapi.Request) (store.ExportRecord, *httpapi.Response) {
	rec, err := a.Store.GetExport(ctx, r.Workspace.ID, r.Param("id"))
	if errors.Is(err, domain.ErrNotFound) {
		resp := httpapi.Error(http.StatusNotFound, "no such export")
		return rec, &resp
	}
	if err != nil {
		a.log().Error("get export", "workspace", r.Workspace.ID, "err", err)
		resp := httpapi.Internal()
		return rec, &resp
	}
	return rec, nil
}

func (a *API) get(ctx context.Context, r *httpapi.Request) httpapi.Response {
	rec, resp := a.lookup(ctx, r)
	if resp != nil {
		return *resp
	}
	return httpapi.JSON(http.StatusOK, view(rec, a.now()))
}

func (a *API) download(ctx context.Context, r *httpapi.Request) httpapi.Response {
	rec, resp := a.lookup(ctx, r)
	if resp != nil {
		return *resp
	}
	switch v := view(rec, a.now()); v.Status {
	case StatusExpired:
		return httpapi.Error(http.StatusGone, "the export expired at "+rec.ExpiresAt.UTC().Format(time.RFC3339))
	case StatusDone:
	default:
		return httpapi.Error(http.StatusConflict, "the export is "+v.Status+", not done")
	}
	name := fmt.Sprintf("%s_%s_%s.%s", rec.Dataset, rec.From, rec.To, rec.Format)
	url, err := a.Files.PresignGet(ctx, rec.Key, name, DownloadTTL)
	if err != nil {
		a.log().Error("presign export", "workspace", r.Workspace.ID, "export", rec.ID, "err", err)
		return httpapi.Internal()
	}
	return httpapi.Redirect(url)
}
