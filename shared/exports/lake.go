package exports

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// LakeWindow is how many finished local days back the scheduled job keeps
// rewriting (Meta retries webhooks for up to 7 days).
const LakeWindow = 8

// LakeStore is what the lake job needs from storage; *store.Store implements it.
type LakeStore interface {
	Source
	ListWorkspaces(ctx context.Context) ([]domain.Workspace, error)
	LakeDays(ctx context.Context, ws string, before calendar.Date) (map[calendar.Date]store.LakeDay, error)
	DayVersion(ctx context.Context, ws string, day calendar.Date) (int64, error)
	MarkLakeExported(ctx context.Context, ws string, day calendar.Date, version int64, at time.Time) error
}

// LakeResult says what a lake run wrote.
type LakeResult struct {
	Workspaces int   `json:"workspaces"`
	Days       int   `json:"days"`
	Files      int   `json:"files"`
	Rows       int64 `json:"rows"`
	Bytes      int64 `json:"bytes"`
}

func (r *LakeResult) add(o LakeResult) {
	r.Days += o.Days
	r.Files += o.Files
	r.Rows += o.Rows
	r.Bytes += o.Bytes
}

// Lake writes finished local days to the Athena lake and their download copies.
type Lake struct {
	Store LakeStore
	Files *Files
	// Log defaults to slog.Default().
	Log *slog.Logger
}

func (l *Lake) log() *slog.Logger {
	if l.Log != nil {
		return l.Log
	}
	return slog.Default()
}

// DaysToExport is the rule of the scheduled job for one workspace, given what
// the store knows of its days (see LakeDays), today's local date and the
// instant today began:
//   - every day of the last LakeWindow finished days that was never written,
//     whose change counter moved since it was written, or that was last
//     written before today began (so each of them is rewritten once a day,
//     which picks up changes that do not move the counter: delivery statuses,
//     logins, agent renames);
//   - every older day that was written and whose change counter moved since
//     (events that arrived very late).
//
// The result is sorted, oldest first.
func DaysToExport(days map[calendar.Date]store.LakeDay, today calendar.Date, todayStart time.Time) []calendar.Date {
	set := map[calendar.Date]bool{}
	windowStart := today.AddDays(-LakeWindow)
	for d := windowStart; d.Before(today); d = d.AddDays(1) {
		ld := days[d]
		if !ld.Exported || ld.ExportedVersion != ld.Version || ld.ExportedAt.Before(todayStart) {
			set[d] = true
		}
	}
	for d, ld := range days {
		if d.Before(windowStart) && ld.Exported && ld.ExportedVersion != ld.Version {
			set[d] = true
		}
	}
	out := make([]calendar.Date, 0, len(set))
	for d := range set {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// RunScheduled is the hourly job: for every workspace it writes the days
// DaysToExport picks.
func (l *Lake) RunScheduled(ctx context.Context, now time.Time) (LakeResult, error) {
	var res LakeResult
	wss, err := l.Store.ListWorkspaces(ctx)
	if err != nil {
		return res, fmt.Errorf("lake: list workspaces: %w", err)
	}
	for _, ws := range wss {
		cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
		if err != nil {
			return res, fmt.Errorf("lake %s: %w", ws.ID, err)
		}
		today := cal.Today(now)
		known, err := l.Store.LakeDays(ctx, ws.ID, today)
		if err != nil {
			return res, fmt.Errorf("lake %s: %w", ws.ID, err)
		}
		days := DaysToExport(known, today, cal.StartOf(today))
		for _, d := range days {
			r, err := l.ExportDay(ctx, ws, d, now)
			if err != nil {
				return res, err
			}
			res.add(r)
		}
		res.Workspaces++
		l.log().Info("lake export", "workspace", ws.ID, "days", len(days))
	}
	return res, nil
}

// RunDay writes one local day for every workspace where it has ended (the
// local server's POST /_local/jobs/export?date=).
func (l *Lake) RunDay(ctx context.Context, day calendar.Date, now time.Time) (LakeResult, error) {
	var res LakeResult
	wss, err := l.Store.ListWorkspaces(ctx)
	if err != nil {
		return res, fmt.Errorf("lake: list workspaces: %w", err)
	}
	for _, ws := range wss {
		cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
		if err != nil {
			return res, fmt.Errorf("lake %s: %w", ws.ID, err)
		}
		res.Workspaces++
		if !day.Before(cal.Today(now)) {
			continue
		}
		r, err := l.ExportDay(ctx, ws, day, now)
		if err != nil {
			return res, err
		}
		res.add(r)
	}
	return res, nil
}

// ExportDay writes the four datasets of one local day of ws to their lake
// partitions (one fixed object per partition, so a rewrite replaces it), copies
// each under exports/lake/, and records the day as written.
func (l *Lake) ExportDay(ctx context.Context, ws domain.Workspace, day calendar.Date, now time.Time) (LakeResult, error) {
	res := LakeResult{Days: 1}
	cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
	if err != nil {
		return res, fmt.Errorf("lake %s %s: %w", ws.ID, day, err)
	}
	version, err := l.Store.DayVersion(ctx, ws.ID, day)
	if err != nil {
		return res, fmt.Errorf("lake %s %s: %w", ws.ID, day, err)
	}
	start, end := cal.Bounds(day, day)
	for _, ds := range tables.Datasets {
		key := LakeKey(ds, ws.ID, day.String())
		var rows int64
		size, err := l.Files.Stream(ctx, key, ContentType(FormatParquet), func(w io.Writer) error {
			var werr error
			rows, werr = WriteDataset(ctx, l.Store, ws.ID, ds, FormatParquet, start, end, w)
			return werr
		})
		if err != nil {
			return res, fmt.Errorf("lake %s %s: %w", ws.ID, day, err)
		}
		if err := l.Files.Copy(ctx, key, LakeCopyKey(ws.ID, day.String(), ds)); err != nil {
			return res, fmt.Errorf("lake %s %s: %w", ws.ID, day, err)
		}
		res.Files++
		res.Rows += rows
		res.Bytes += size
	}
	if err := l.Store.MarkLakeExported(ctx, ws.ID, day, version, now); err != nil {
		return res, fmt.Errorf("lake %s %s: %w", ws.ID, day, err)
	}
	return res, nil
}
