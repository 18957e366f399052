package exports

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/parquet-go/parquet-go"

	"github.com/inboxmetrics/inbox-metrics/shared/exports/exporttest"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// fakeClock is a settable clock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type apiFixture struct {
	t       *testing.T
	h       *httpapi.Handler
	runner  *LocalRunner
	clock   *fakeClock
	st      *store.Store
	bucket  string
	s3      *s3.Client
	presign string
}

func newAPIFixture(t *testing.T) *apiFixture {
	t.Helper()
	st, _, env := exporttest.Seed(t)
	clock := &fakeClock{now: time.Date(2026, 11, 10, 8, 0, 0, 0, time.UTC)}
	files := NewFiles(env.S3, env.Bucket)
	runner := &LocalRunner{Exporter: &Exporter{Store: st, Files: files, Log: quietLog(), Clock: clock.Now}}
	api := &API{Store: st, Files: files, Runner: runner, Clock: clock.Now, Log: quietLog()}
	h := httpapi.New(httpapi.Deps{Workspaces: st, Clock: clock.Now, Logger: quietLog(), Extra: api.Routes()})
	return &apiFixture{t: t, h: h, runner: runner, clock: clock, st: st, bucket: env.Bucket, s3: env.S3}
}

func (f *apiFixture) do(method, path, role, body string) events.APIGatewayV2HTTPResponse {
	f.t.Helper()
	req := events.APIGatewayV2HTTPRequest{
		Version: "2.0", RawPath: path, Body: body,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: method, Path: path},
			Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
				JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{
					Claims: map[string]string{"sub": "ag-1", "workspace_id": "acme", "role": role},
				},
			},
		},
	}
	resp, err := f.h.Handle(context.Background(), req)
	if err != nil {
		f.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp
}

func decode[T any](t *testing.T, resp events.APIGatewayV2HTTPResponse) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(resp.Body), &v); err != nil {
		t.Fatalf("decode %q: %v", resp.Body, err)
	}
	return v
}

func TestCreateExportValidation(t *testing.T) {
	f := newAPIFixture(t)
	tests := []struct {
		name, role, body string
		status           int
		param            string
	}{
		{"not json", "admin", `{`, 400, "body"},
		{"unknown field", "admin", `{"dataset":"tickets","from":"2026-11-01","to":"2026-11-02","format":"csv","x":1}`, 400, "body"},
		{"bad dataset", "admin", `{"dataset":"calls","from":"2026-11-01","to":"2026-11-02","format":"csv"}`, 400, "dataset"},
		{"missing from", "admin", `{"dataset":"tickets","to":"2026-11-02","format":"csv"}`, 400, "from"},
		{"bad to", "admin", `{"dataset":"tickets","from":"2026-11-01","to":"2026-02-30","format":"csv"}`, 400, "to"},
		{"from after to", "admin", `{"dataset":"tickets","from":"2026-11-03","to":"2026-11-02","format":"csv"}`, 400, "from"},
		{"367 days", "admin", `{"dataset":"tickets","from":"2025-11-01","to":"2026-11-02","format":"csv"}`, 400, "to"},
		{"bad format", "admin", `{"dataset":"tickets","from":"2026-11-01","to":"2026-11-02","format":"xlsx"}`, 400, "format"},
		{"supervisor", "supervisor", `{"dataset":"tickets","from":"2026-11-01","to":"2026-11-02","format":"csv"}`, 403, ""},
		{"366 days", "admin", `{"dataset":"tickets","from":"2025-11-02","to":"2026-11-02","format":"parquet"}`, 202, ""},
	}
	for _, tc := range tests {
		resp := f.do("POST", "/v1/exports", tc.role, tc.body)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d (%s)", tc.name, resp.StatusCode, tc.status, resp.Body)
			continue
		}
		if tc.param != "" {
			if p := decode[httpapi.Problem](t, resp); p.InvalidParam != tc.param {
				t.Errorf("%s: invalid_param %q, want %q", tc.name, p.InvalidParam, tc.param)
			}
		}
	}
	f.runner.Wait()
	for _, path := range []string{"/v1/exports", "/v1/exports/x", "/v1/exports/x/download"} {
		if resp := f.do("GET", path, "agent", ""); resp.StatusCode != 403 {
			t.Errorf("agent GET %s: %d, want 403", path, resp.StatusCode)
		}
	}
}

func TestExportFlow(t *testing.T) {
	f := newAPIFixture(t)
	type created struct {
		ExportID string `json:"export_id"`
		Status   string `json:"status"`
	}
	resp := f.do("POST", "/v1/exports", "admin", `{"dataset":"messages","from":"2026-11-02","to":"2026-11-02","format":"csv"}`)
	if resp.StatusCode != 202 {
		t.Fatalf("POST: %d %s", resp.StatusCode, resp.Body)
	}
	c := decode[created](t, resp)
	if c.Status != "queued" || c.ExportID == "" {
		t.Fatalf("POST body %s", resp.Body)
	}
	f.runner.Wait()

	resp = f.do("GET", "/v1/exports/"+c.ExportID, "admin", "")
	v := decode[ExportView](t, resp)
	head, err := f.s3.HeadObject(context.Background(), &s3.HeadObjectInput{
		Bucket: aws.String(f.bucket), Key: aws.String("exports/acme/" + c.ExportID + "/messages.csv"),
	})
	if err != nil {
		t.Fatalf("head export file: %v", err)
	}
	wantView := ExportView{
		ExportID: c.ExportID, Dataset: "messages", From: "2026-11-02", To: "2026-11-02", Format: "csv",
		Status: "done", Rows: exporttest.DayMessages, Bytes: aws.ToInt64(head.ContentLength),
		CreatedAt: v.CreatedAt, ExpiresAt: v.ExpiresAt,
	}
	if resp.StatusCode != 200 || v != wantView || v.Bytes == 0 {
		t.Fatalf("GET export: %d %+v, want %+v", resp.StatusCode, v, wantView)
	}
	if created, expires := time.Time(v.CreatedAt), time.Time(v.ExpiresAt); !created.Equal(f.clock.Now()) || expires.Sub(created) != 7*24*time.Hour {
		t.Errorf("created %s expires %s", created, expires)
	}

	// A second export, parquet: the list is newest first.
	f.clock.Add(time.Minute)
	resp = f.do("POST", "/v1/exports", "admin", `{"dataset":"tickets","from":"2026-11-01","to":"2026-11-03","format":"parquet"}`)
	c2 := decode[created](t, resp)
	f.runner.Wait()
	list := decode[struct{ Items []ExportView }](t, f.do("GET", "/v1/exports", "admin", ""))
	if len(list.Items) != 2 || list.Items[0].ExportID != c2.ExportID || list.Items[1].ExportID != c.ExportID ||
		list.Items[0].Status != "done" || list.Items[0].Rows != exporttest.DayTickets {
		t.Fatalf("list: %+v", list.Items)
	}

	// Download: 302 to a presigned URL that the S3 stand-in serves.
	resp = f.do("GET", "/v1/exports/"+c.ExportID+"/download", "admin", "")
	loc := resp.Headers["location"]
	if resp.StatusCode != 302 || !strings.Contains(loc, "X-Amz-Expires=900") {
		t.Fatalf("download: %d location %q", resp.StatusCode, loc)
	}
	body, hdr := httpGet(t, loc)
	if cd := hdr.Get("Content-Disposition"); !strings.Contains(cd, "messages_2026-11-02_2026-11-02.csv") {
		t.Errorf("Content-Disposition %q", cd)
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("read csv: %v", err)
	}
	if len(recs) != 1+exporttest.DayMessages || strings.Join(recs[0], ",") != strings.Join(Columns("messages"), ",") {
		t.Fatalf("csv: %d records, header %v", len(recs), recs[0])
	}
	if first := recs[1]; first[0] != "wamid.1" || first[1] != "2026-11-02T02:00:00Z" || first[5] != exporttest.CustomerName || first[9] != exporttest.TrickyText || first[11] == "" {
		t.Errorf("first row %q", first)
	}

	resp = f.do("GET", "/v1/exports/"+c2.ExportID+"/download", "admin", "")
	pq, _ := httpGet(t, resp.Headers["location"])
	rows, err := parquet.Read[TicketRow](bytes.NewReader(pq), int64(len(pq)))
	if err != nil || len(rows) != exporttest.DayTickets || rows[0].Labels[1] != "vip" || rows[1].FirstResponseAt != nil {
		t.Fatalf("parquet download: %v %+v", err, rows)
	}

	// Unknown, not done, expired.
	if resp := f.do("GET", "/v1/exports/nope", "admin", ""); resp.StatusCode != 404 {
		t.Errorf("unknown export: %d", resp.StatusCode)
	}
	if resp := f.do("GET", "/v1/exports/nope/download", "admin", ""); resp.StatusCode != 404 {
		t.Errorf("unknown download: %d", resp.StatusCode)
	}
	now := f.clock.Now()
	if err := f.st.PutExport(context.Background(), store.ExportRecord{ID: "xq", WorkspaceID: "acme", Dataset: "csat", From: "2026-11-01", To: "2026-11-01",
		Format: "csv", Key: ExportKey("acme", "xq", "csat", "csv"), Status: StatusQueued, CreatedAt: now, ExpiresAt: now.Add(store.ExportLifetime)}); err != nil {
		t.Fatal(err)
	}
	if resp := f.do("GET", "/v1/exports/xq/download", "admin", ""); resp.StatusCode != 409 {
		t.Errorf("queued download: %d", resp.StatusCode)
	}
	f.clock.Add(7*24*time.Hour + time.Second)
	if v := decode[ExportView](t, f.do("GET", "/v1/exports/"+c.ExportID, "admin", "")); v.Status != "expired" {
		t.Errorf("after 7 days: status %q", v.Status)
	}
	if resp := f.do("GET", "/v1/exports/"+c.ExportID+"/download", "admin", ""); resp.StatusCode != 410 {
		t.Errorf("after 7 days: download %d", resp.StatusCode)
	}
}

// TestExporterSkipsFinished checks that a redelivered job changes nothing.
func TestExporterSkipsFinished(t *testing.T) {
	f := newAPIFixture(t)
	resp := f.do("POST", "/v1/exports", "admin", `{"dataset":"access_log","from":"2026-11-02","to":"2026-11-02","format":"parquet"}`)
	id := decode[map[string]string](t, resp)["export_id"]
	f.runner.Wait()
	before, err := f.st.GetExport(context.Background(), "acme", id)
	if err != nil || before.Status != StatusDone || before.Rows != exporttest.DayAccess {
		t.Fatalf("first run: %+v %v", before, err)
	}
	if err := f.runner.Exporter.Run(context.Background(), Job{WorkspaceID: "acme", ExportID: id}); err != nil {
		t.Fatal(err)
	}
	after, _ := f.st.GetExport(context.Background(), "acme", id)
	if !after.UpdatedAt.Equal(before.UpdatedAt) || after.Status != StatusDone {
		t.Errorf("redelivery changed the export: %+v", after)
	}
}

func httpGet(t *testing.T, url string) ([]byte, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %v %s", url, resp.StatusCode, err, b)
	}
	return b, resp.Header
}
