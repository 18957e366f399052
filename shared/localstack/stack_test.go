package localstack

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestFindRepoRoot(t *testing.T) {
	root, err := FindRepoRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(mod), "module github.com/inboxmetrics/inbox-metrics\n") {
		t.Fatalf("go.mod at %s is not ours: %.60q", root, mod)
	}
	if _, err := FindRepoRoot(t.TempDir()); err == nil {
		t.Fatal("want an error outside any module")
	}
}

func TestStartStop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dataDir := t.TempDir()
	st, err := Start(ctx, Options{DataDir: dataDir, FastTables: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Stop()

	tests := []struct {
		name     string
		endpoint string
		status   int
	}{
		{"dynalite", st.DynamoEndpoint, http.StatusOK}, // health answer
		{"s3rver", st.S3Endpoint, http.StatusOK},       // ListBuckets
	}
	for _, tc := range tests {
		if !strings.HasPrefix(tc.endpoint, "http://127.0.0.1:") {
			t.Errorf("%s endpoint = %q", tc.name, tc.endpoint)
			continue
		}
		resp, err := http.Get(tc.endpoint + "/")
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s: GET / = %d, want %d", tc.name, resp.StatusCode, tc.status)
		}
	}
	for _, f := range []string{"dynalite.log", "s3rver.log", "s3", "dynamodb"} {
		if _, err := os.Stat(filepath.Join(dataDir, f)); err != nil {
			t.Errorf("data dir: %v", err)
		}
	}

	pids := []int{}
	for _, s := range st.servers {
		pids = append(pids, s.cmd.Process.Pid)
	}
	st.Stop()
	st.Stop() // idempotent
	for _, pid := range pids {
		if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("process %d still exists after Stop (kill 0: %v)", pid, err)
		}
	}
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(st.DynamoEndpoint, "http://"), time.Second); err == nil {
		t.Error("dynalite still accepts connections after Stop")
	}
}

func TestStartInMemoryRemovesTempDir(t *testing.T) {
	st, err := Start(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Stop()
	if st.tmpDir == "" || st.LogDir != st.tmpDir {
		t.Fatalf("in-memory stack: tmpDir %q, LogDir %q", st.tmpDir, st.LogDir)
	}
	if _, err := os.Stat(filepath.Join(st.tmpDir, "dynamodb")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("in-memory dynalite wrote LevelDB files: %v", err)
	}
	st.Stop()
	if _, err := os.Stat(st.tmpDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temp dir %s left after Stop: %v", st.tmpDir, err)
	}
}

func TestStartBusyPort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	_, err = Start(context.Background(), Options{DynamoPort: port})
	if err == nil || !strings.Contains(err.Error(), "is not free") {
		t.Fatalf("Start on busy port: err = %v, want 'is not free'", err)
	}
}
