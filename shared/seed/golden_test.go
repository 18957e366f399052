package seed

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestGoldenSample pins a tiny plan byte for byte; it doubles as readable sample traffic for the ingest.
// Regenerate with: go test ./shared/seed -run TestGoldenSample -update
func TestGoldenSample(t *testing.T) {
	p := Generate(Config{Seed: 7, Days: 1, Customers: 4, Now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)})
	var buf bytes.Buffer
	for i, r := range p.Requests {
		fmt.Fprintf(&buf, "# %d %s at=%s events=%d duplicate=%v\n%s\n", i, r.Kind, r.At.UTC().Format(time.RFC3339), r.Events, r.Duplicate, r.Body)
	}
	path := filepath.Join("testdata", "sample_plan.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("plan differs from %s; if intended, rerun with -update and review the diff", path)
	}
}
