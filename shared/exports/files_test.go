package exports

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
)

func TestKeys(t *testing.T) {
	tests := []struct{ got, want string }{
		{ExportKey("acme", "x1", "tickets", "csv"), "exports/acme/x1/tickets.csv"},
		{LakeKey("access_log", "acme", "2026-11-02"), "lake/access_log/workspace_id=acme/dt=2026-11-02/part-00000.parquet"},
		{LakeCopyKey("acme", "2026-11-02", "csat"), "exports/lake/acme/2026-11-02/csat.parquet"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestStream uploads a multipart object (3 parts) and checks that a failing
// writer leaves no object behind.
func TestStream(t *testing.T) {
	env := testenv.New(t)
	files := NewFiles(env.S3, env.Bucket)
	ctx := context.Background()
	line := []byte("0123456789abcdefghijklmnopqrstuvwxyz-inbox-metrics\n")
	reps := (2*PartSize + PartSize/2) / len(line)
	n, err := files.Stream(ctx, "exports/big.txt", "text/plain", func(w io.Writer) error {
		for i := 0; i < reps; i++ {
			if _, err := w.Write(line); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(reps * len(line)); n != want {
		t.Fatalf("streamed %d bytes, want %d", n, want)
	}
	got := getObject(t, env, "exports/big.txt")
	if !bytes.Equal(got, bytes.Repeat(line, reps)) {
		t.Fatalf("object differs: %d bytes", len(got))
	}

	boom := errors.New("boom")
	_, err = files.Stream(ctx, "exports/broken.txt", "text/plain", func(w io.Writer) error {
		if _, err := w.Write([]byte("partial")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("failing writer: %v, want boom", err)
	}
	if keys := listKeys(t, env, "exports/broken"); len(keys) != 0 {
		t.Errorf("failed stream left %v", keys)
	}
}

type fakeInvoker struct {
	in     *lambda.InvokeInput
	status int32
	err    error
}

func (f *fakeInvoker) Invoke(_ context.Context, in *lambda.InvokeInput, _ ...func(*lambda.Options)) (*lambda.InvokeOutput, error) {
	f.in = in
	return &lambda.InvokeOutput{StatusCode: f.status}, f.err
}

func TestLambdaRunner(t *testing.T) {
	tests := []struct {
		name    string
		inv     *fakeInvoker
		wantErr bool
	}{
		{"accepted", &fakeInvoker{status: 202}, false},
		{"refused", &fakeInvoker{status: 500}, true},
		{"error", &fakeInvoker{err: errors.New("throttled")}, true},
	}
	for _, tc := range tests {
		err := LambdaRunner{Client: tc.inv, Function: "exporter"}.Start(context.Background(), Job{WorkspaceID: "acme", ExportID: "x1"})
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: err %v", tc.name, err)
		}
		in := tc.inv.in
		if in == nil || aws.ToString(in.FunctionName) != "exporter" || in.InvocationType != types.InvocationTypeEvent ||
			!strings.EqualFold(string(in.Payload), `{"workspace_id":"acme","export_id":"x1"}`) {
			t.Errorf("%s: invoke input %+v", tc.name, in)
		}
	}
}
