package webhook

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// update rewrites the golden files: go test ./shared/webhook/ -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/golden files")

// sharedFixtures is the team's read-only fixture folder; testdata/fixtures is a copy of it.
const sharedFixtures = "../../../shared/fixtures" // the reference folder beside the repository

// goldenNow is the clock used for the events golden (after every occurred_at).
var goldenNow = time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)

// TestGolden parses every input file and compares the records to testdata/golden.
func TestGolden(t *testing.T) {
	suites := []struct {
		dir   string
		parse func([]byte) ([]domain.Record, error)
	}{
		{"fixtures/whatsapp", ParseWhatsApp},
		{"fixtures/chatwoot", ParseChatwoot},
		{"chatwoot_extra", ParseChatwoot},
		{"events", func(b []byte) ([]domain.Record, error) { return ParseEvents(b, goldenNow) }},
	}
	for _, suite := range suites {
		files, err := filepath.Glob(filepath.Join("testdata", suite.dir, "*.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no inputs in testdata/%s: %v", suite.dir, err)
		}
		for _, file := range files {
			name := filepath.Join(suite.dir, filepath.Base(file))
			t.Run(name, func(t *testing.T) {
				body, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				records, err := suite.parse(body)
				if err != nil {
					t.Fatalf("parse: %v", err)
				}
				if records == nil {
					records = []domain.Record{}
				}
				got, err := json.MarshalIndent(records, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, '\n')
				golden := filepath.Join("testdata", "golden", name)
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("read golden (run with -update to create it): %v", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("records differ from %s:\n got: %s\nwant: %s", golden, got, want)
				}
			})
		}
	}
}

// TestFixtureCopiesMatchShared guards against testdata/fixtures drifting from the
// team's shared fixtures, on machines where that folder exists.
func TestFixtureCopiesMatchShared(t *testing.T) {
	shared, err := filepath.Glob(filepath.Join(sharedFixtures, "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	local, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(local) < 31 {
		t.Fatalf("expected the 28 WhatsApp and 3 Chatwoot fixtures in testdata/fixtures, found %d", len(local))
	}
	if len(shared) > 0 && len(shared) != len(local) {
		t.Fatalf("%s holds %d fixtures, testdata/fixtures %d: copy them again", sharedFixtures, len(shared), len(local))
	}
	for _, s := range shared {
		rel := strings.TrimPrefix(s, sharedFixtures+"/")
		want, _ := os.ReadFile(s)
		got, err := os.ReadFile(filepath.Join("testdata", "fixtures", rel))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("testdata/fixtures/%s differs from %s", rel, s)
		}
	}
}
