package exports

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/parquet-go/parquet-go"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/exports/exporttest"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
)

func date(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestDaysToExport(t *testing.T) {
	today := date("2026-11-20")
	todayStart := time.Date(2026, 11, 19, 17, 0, 0, 0, time.UTC)
	fresh := todayStart.Add(time.Hour)
	stale := todayStart.Add(-time.Hour)
	window := func(except ...string) []string {
		var out []string
		for d := today.AddDays(-LakeWindow); d.Before(today); d = d.AddDays(1) {
			out = append(out, d.String())
		}
		skip := map[string]bool{}
		for _, e := range except {
			skip[e] = true
		}
		var kept []string
		for _, d := range out {
			if !skip[d] {
				kept = append(kept, d)
			}
		}
		return kept
	}
	allFresh := func() map[calendar.Date]store.LakeDay {
		m := map[calendar.Date]store.LakeDay{}
		for _, d := range window() {
			m[date(d)] = store.LakeDay{Exported: true, ExportedAt: fresh}
		}
		return m
	}
	tests := []struct {
		name string
		days map[calendar.Date]store.LakeDay
		want []string
	}{
		{"nothing known: the whole window", nil, window()},
		{"all written today: nothing", allFresh(), nil},
		{"counter moved in the window", func() map[calendar.Date]store.LakeDay {
			m := allFresh()
			m[date("2026-11-15")] = store.LakeDay{Version: 2, Exported: true, ExportedVersion: 1, ExportedAt: fresh}
			return m
		}(), []string{"2026-11-15"}},
		{"written before today began", func() map[calendar.Date]store.LakeDay {
			m := allFresh()
			m[date("2026-11-19")] = store.LakeDay{Exported: true, ExportedAt: stale}
			return m
		}(), []string{"2026-11-19"}},
		{"old day changed late", func() map[calendar.Date]store.LakeDay {
			m := allFresh()
			m[date("2026-10-01")] = store.LakeDay{Version: 5, Exported: true, ExportedVersion: 4, ExportedAt: stale}
			m[date("2026-10-02")] = store.LakeDay{Version: 5, Exported: true, ExportedVersion: 5, ExportedAt: stale}
			m[date("2026-10-03")] = store.LakeDay{Version: 5} // never written: not backfilled
			return m
		}(), []string{"2026-10-01"}},
	}
	for _, tc := range tests {
		var got []string
		for _, d := range DaysToExport(tc.days, today, todayStart) {
			got = append(got, d.String())
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// listKeys lists the keys under prefix with their sizes.
func listKeys(t *testing.T, env *testenv.Env, prefix string) map[string]int64 {
	t.Helper()
	out, err := env.S3.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(env.Bucket), Prefix: aws.String(prefix)})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]int64{}
	for _, o := range out.Contents {
		keys[aws.ToString(o.Key)] = aws.ToInt64(o.Size)
	}
	return keys
}

// getObject reads a whole object.
func getObject(t *testing.T, env *testenv.Env, key string) []byte {
	t.Helper()
	out, err := env.S3.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(env.Bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parquetRows(t *testing.T, b []byte) int64 {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return f.NumRows()
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestLakeRunDayReplaces(t *testing.T) {
	st, ws, env := exporttest.Seed(t)
	ctx := context.Background()
	lake := &Lake{Store: st, Files: NewFiles(env.S3, env.Bucket), Log: quietLog()}
	now := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	day := exporttest.Day.String()
	wantRows := map[string]int64{
		"tickets": exporttest.DayTickets, "messages": exporttest.DayMessages,
		"csat": exporttest.DaySurveys, "access_log": exporttest.DayAccess,
	}
	var wantKeys, wantCopies []string
	for ds := range wantRows {
		wantKeys = append(wantKeys, "lake/"+ds+"/workspace_id=acme/dt="+day+"/part-00000.parquet")
		wantCopies = append(wantCopies, "exports/lake/acme/"+day+"/"+ds+".parquet")
	}
	sort.Strings(wantKeys)
	sort.Strings(wantCopies)
	for run := 1; run <= 2; run++ {
		res, err := lake.RunDay(ctx, exporttest.Day, now)
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if res.Workspaces != 1 || res.Days != 1 || res.Files != 4 || res.Rows != 11 {
			t.Fatalf("run %d: result %+v", run, res)
		}
		lakeKeys, copies := listKeys(t, env, "lake/"), listKeys(t, env, "exports/lake/")
		if got := sortedKeys(lakeKeys); !reflect.DeepEqual(got, wantKeys) {
			t.Fatalf("run %d: lake keys %v, want %v", run, got, wantKeys)
		}
		if got := sortedKeys(copies); !reflect.DeepEqual(got, wantCopies) {
			t.Fatalf("run %d: copies %v, want %v", run, got, wantCopies)
		}
		for ds, n := range wantRows {
			lk := LakeKey(ds, "acme", day)
			if got := parquetRows(t, getObject(t, env, lk)); got != n {
				t.Errorf("run %d: %s has %d rows, want %d", run, ds, got, n)
			}
			if copies[LakeCopyKey("acme", day, ds)] != lakeKeys[lk] {
				t.Errorf("run %d: copy of %s differs in size", run, ds)
			}
		}
	}
	// A day that has not ended yet is skipped.
	res, err := lake.RunDay(ctx, exporttest.Day, exporttest.At(60))
	if err != nil || res.Days != 0 {
		t.Errorf("unfinished day: %+v, %v", res, err)
	}
	_ = ws
}

func sortedKeys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestLakeRunScheduled(t *testing.T) {
	st, _, env := exporttest.Seed(t)
	ctx := context.Background()
	lake := &Lake{Store: st, Files: NewFiles(env.S3, env.Bucket), Log: quietLog()}
	// 10:00 local on Nov 5: the window is Oct 28 .. Nov 4.
	now := time.Date(2026, 11, 5, 3, 0, 0, 0, time.UTC)
	runs := []struct {
		at   time.Time
		days int
	}{
		{now, LakeWindow},                     // first run: every day of the window
		{now.Add(time.Hour), 0},               // same local day: nothing new
		{now.Add(24 * time.Hour), LakeWindow}, // next local day: the window again
	}
	for i, r := range runs {
		res, err := lake.RunScheduled(ctx, r.at)
		if err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
		if res.Days != r.days || res.Files != 4*r.days {
			t.Errorf("run %d: %+v, want %d days", i, res, r.days)
		}
	}
	if got := len(listKeys(t, env, "lake/messages/")); got != LakeWindow+1 {
		t.Errorf("%d message partitions, want %d", got, LakeWindow+1)
	}
}
