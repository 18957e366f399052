package jobs

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// fakeStore records the rollup's calls. stale maps a workspace to the days StaleDays returns.
type fakeStore struct {
	workspaces []domain.Workspace
	stale      map[string][]string
	failOn     string // "<ws> <day>" whose FinalizeDay fails
	staleCalls []string
	finalized  []string
}

var errBoom = errors.New("boom")

func (f *fakeStore) ListWorkspaces(context.Context) ([]domain.Workspace, error) {
	return f.workspaces, nil
}

func (f *fakeStore) StaleDays(_ context.Context, ws domain.Workspace, since, before calendar.Date) ([]calendar.Date, error) {
	f.staleCalls = append(f.staleCalls, ws.ID+" "+since.String()+" "+before.String())
	var out []calendar.Date
	for _, s := range f.stale[ws.ID] {
		d, err := calendar.ParseDate(s)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func (f *fakeStore) FinalizeDay(_ context.Context, ws domain.Workspace, day calendar.Date) error {
	id := ws.ID + " " + day.String()
	if id == f.failOn {
		return errBoom
	}
	f.finalized = append(f.finalized, id)
	return nil
}

// now is 03:00 on 6 Nov in Jakarta and 15:00 on 5 Nov in New York.
var now = time.Date(2026, 11, 5, 20, 0, 0, 0, time.UTC)

func twoZones() []domain.Workspace {
	return []domain.Workspace{{ID: "jkt", Timezone: "Asia/Jakarta"}, {ID: "nyc", Timezone: "America/New_York"}}
}

func day(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestRunRollupUsesEachWorkspacesToday(t *testing.T) {
	f := &fakeStore{workspaces: twoZones(), stale: map[string][]string{
		"jkt": {"2026-09-30", "2026-11-05"},
		"nyc": {"2026-11-04"},
	}}
	res, err := RunRollup(context.Background(), f, now, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if res != (RollupResult{Workspaces: 2, Days: 3}) {
		t.Fatalf("result %+v", res)
	}
	wantStale := []string{"jkt 2026-10-29 2026-11-06", "nyc 2026-10-28 2026-11-05"}
	if !reflect.DeepEqual(f.staleCalls, wantStale) {
		t.Fatalf("StaleDays calls %v, want %v", f.staleCalls, wantStale)
	}
	wantDone := []string{"jkt 2026-09-30", "jkt 2026-11-05", "nyc 2026-11-04"}
	if !reflect.DeepEqual(f.finalized, wantDone) {
		t.Fatalf("finalized %v, want %v", f.finalized, wantDone)
	}
}

func TestRollupDayOnlyWhereTheDayEnded(t *testing.T) {
	tests := []struct {
		day       string
		finalized []string
	}{
		{"2026-11-04", []string{"jkt 2026-11-04", "nyc 2026-11-04"}},
		{"2026-11-05", []string{"jkt 2026-11-05"}}, // still 5 Nov in New York
		{"2026-11-06", nil}, // today in Jakarta
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			f := &fakeStore{workspaces: twoZones()}
			res, err := RollupDay(context.Background(), f, day(tt.day), now)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f.finalized, tt.finalized) || res != (RollupResult{Workspaces: 2, Days: len(tt.finalized)}) {
				t.Fatalf("finalized %v (result %+v), want %v", f.finalized, res, tt.finalized)
			}
		})
	}
}

func TestBackfillProgressAndErrors(t *testing.T) {
	ws := domain.Workspace{ID: "jkt", Timezone: "Asia/Jakarta"}
	tests := []struct {
		name      string
		failOn    string
		finalized []string
		progress  []int
		wantErr   bool
	}{
		{"all days", "", []string{"jkt 2026-10-30", "jkt 2026-10-31", "jkt 2026-11-01"}, []int{1, 2, 3}, false},
		{"stops at the failing day", "jkt 2026-10-31", []string{"jkt 2026-10-30"}, []int{1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeStore{failOn: tt.failOn}
			var progress []int
			err := Backfill(context.Background(), f, ws, day("2026-10-30"), day("2026-11-01"), func(done, total int) {
				if total != 3 {
					t.Errorf("total %d, want 3", total)
				}
				progress = append(progress, done)
			})
			if tt.wantErr != (err != nil) || (err != nil && (!errors.Is(err, errBoom) || !strings.Contains(err.Error(), "jkt"))) {
				t.Fatalf("error %v, want error %v wrapping boom and naming the workspace", err, tt.wantErr)
			}
			if !reflect.DeepEqual(f.finalized, tt.finalized) || !reflect.DeepEqual(progress, tt.progress) {
				t.Fatalf("finalized %v progress %v, want %v and %v", f.finalized, progress, tt.finalized, tt.progress)
			}
		})
	}
}

func TestRunRollupWrapsErrors(t *testing.T) {
	f := &fakeStore{workspaces: twoZones(), stale: map[string][]string{"nyc": {"2026-11-04"}}, failOn: "nyc 2026-11-04"}
	res, err := RunRollup(context.Background(), f, now, quiet)
	if !errors.Is(err, errBoom) || !strings.Contains(err.Error(), "nyc") {
		t.Fatalf("error %v, want boom naming nyc", err)
	}
	if res.Workspaces != 1 || res.Days != 0 {
		t.Fatalf("result %+v", res)
	}
}
