package webhook

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// addFiles seeds a fuzz corpus with every JSON file matching pattern under testdata.
func addFiles(f *testing.F, patterns ...string) {
	f.Helper()
	for _, pattern := range patterns {
		files, err := filepath.Glob(filepath.Join("testdata", pattern))
		if err != nil || len(files) == 0 {
			f.Fatalf("no seed files for %s: %v", pattern, err)
		}
		for _, file := range files {
			body, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(body)
		}
	}
}

// checkTypedError fails unless err is one of the package's typed errors.
func checkTypedError(t *testing.T, err error) {
	var verr *ValidationError
	if !errors.As(err, &verr) && !errors.Is(err, ErrNotJSON) && !errors.Is(err, ErrWrongObject) {
		t.Fatalf("untyped error %T: %v", err, err)
	}
}

func FuzzParseEvents(f *testing.F) {
	addFiles(f, "events/*.json")
	f.Add(batch(event("csat.responded", `"csat_id":"s1","rating":4.5`)))
	f.Add(batch(msgEvent(validMsg)))
	f.Add([]byte(`{"events":[null,{},[]]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		records, err := ParseEvents(body, testNow)
		if err != nil {
			checkTypedError(t, err)
			if records != nil {
				t.Fatalf("records returned with error %v", err)
			}
			return
		}
		if len(records) < 1 || len(records) > MaxEventsPerRequest {
			t.Fatalf("accepted %d records", len(records))
		}
		for i, r := range records {
			if r.EventID == "" || r.Kind == "" || r.Source != SourceHelpdesk {
				t.Fatalf("record %d incomplete: %+v", i, r)
			}
		}
	})
}

func FuzzParseWhatsApp(f *testing.F) {
	addFiles(f, "fixtures/whatsapp/*.json")
	f.Fuzz(func(t *testing.T, body []byte) {
		records, err := ParseWhatsApp(body)
		if err != nil {
			checkTypedError(t, err)
			if records != nil {
				t.Fatalf("records returned with error %v", err)
			}
			return
		}
		if len(records) > MaxWhatsAppUpdates {
			t.Fatalf("accepted %d records", len(records))
		}
		for i, r := range records {
			if r.EventID == "" || r.CustomerID == "" || (r.Message == nil) == (r.Status == nil) {
				t.Fatalf("record %d incomplete: %+v", i, r)
			}
		}
	})
}

func FuzzParseChatwoot(f *testing.F) {
	addFiles(f, "fixtures/chatwoot/*.json", "chatwoot_extra/*.json")
	f.Fuzz(func(t *testing.T, body []byte) {
		records, err := ParseChatwoot(body)
		if err != nil {
			checkTypedError(t, err)
			return
		}
		for i, r := range records {
			if r.EventID == "" || r.Kind == "" {
				t.Fatalf("record %d incomplete: %+v", i, r)
			}
		}
	})
}
