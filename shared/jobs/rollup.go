// Package jobs holds the scheduled batch work: the daily rollup that finalizes
// day summaries, and the daily export. The Lambda entry points in jobs/ and the
// local server's /_local/jobs routes call these functions.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// LateWindow is how far back a scheduled rollup always re-checks days: Meta
// retries webhooks for up to 7 days.
const LateWindow = 8

// RollupStore is what the rollup needs from storage.
type RollupStore interface {
	ListWorkspaces(ctx context.Context) ([]domain.Workspace, error)
	StaleDays(ctx context.Context, ws domain.Workspace, since, before calendar.Date) ([]calendar.Date, error)
	FinalizeDay(ctx context.Context, ws domain.Workspace, day calendar.Date) error
}

// RollupResult says what a rollup run finalized.
type RollupResult struct {
	Workspaces int `json:"workspaces"`
	Days       int `json:"days_finalized"`
}

// RunRollup finalizes, for every workspace, each ended local day of the last
// LateWindow days whose summary is missing or stale, and every older day that
// late events changed. Running it again finalizes nothing new.
func RunRollup(ctx context.Context, st RollupStore, now time.Time, log *slog.Logger) (RollupResult, error) {
	var res RollupResult
	err := eachWorkspace(ctx, st, func(ws domain.Workspace, cal *calendar.Calendar) error {
		today := cal.Today(now)
		days, err := st.StaleDays(ctx, ws, today.AddDays(-LateWindow), today)
		if err != nil {
			return err
		}
		for _, d := range days {
			if err := st.FinalizeDay(ctx, ws, d); err != nil {
				return err
			}
			res.Days++
		}
		res.Workspaces++
		log.Info("rollup", "workspace", ws.ID, "days", len(days))
		return nil
	})
	return res, err
}

// RollupDay finalizes one local day for every workspace where it has ended.
func RollupDay(ctx context.Context, st RollupStore, day calendar.Date, now time.Time) (RollupResult, error) {
	var res RollupResult
	err := eachWorkspace(ctx, st, func(ws domain.Workspace, cal *calendar.Calendar) error {
		res.Workspaces++
		if !day.Before(cal.Today(now)) {
			return nil
		}
		res.Days++
		return st.FinalizeDay(ctx, ws, day)
	})
	return res, err
}

// eachWorkspace calls fn with every workspace and its calendar.
func eachWorkspace(ctx context.Context, st RollupStore, fn func(domain.Workspace, *calendar.Calendar) error) error {
	wss, err := st.ListWorkspaces(ctx)
	if err != nil {
		return fmt.Errorf("rollup: list workspaces: %w", err)
	}
	for _, ws := range wss {
		cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
		if err != nil {
			return fmt.Errorf("rollup %s: %w", ws.ID, err)
		}
		if err := fn(ws, cal); err != nil {
			return fmt.Errorf("rollup %s: %w", ws.ID, err)
		}
	}
	return nil
}

// Backfill finalizes the days from..to of one workspace, calling progress after each.
func Backfill(ctx context.Context, st RollupStore, ws domain.Workspace, from, to calendar.Date, progress func(done, total int)) error {
	total := calendar.DaysBetween(from, to) + 1
	done := 0
	for d := from; !d.After(to); d = d.AddDays(1) {
		if err := st.FinalizeDay(ctx, ws, d); err != nil {
			return fmt.Errorf("backfill %s: %w", ws.ID, err)
		}
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	return nil
}
