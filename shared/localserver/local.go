package localserver

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// localConfig is the GET /_local/config response.
type localConfig struct {
	S3Endpoint       string `json:"s3_endpoint"`
	DynamoDBEndpoint string `json:"dynamodb_endpoint"`
	Bucket           string `json:"bucket"`
	Table            string `json:"table"`
}

// jobResult is the POST /_local/jobs/{name} response.
type jobResult struct {
	Job    string `json:"job"`
	Date   string `json:"date"`
	Result any    `json:"result"`
}

// serveLocal serves GET /_local/config and POST /_local/jobs/{name}?date=YYYY-MM-DD.
func (s *server) serveLocal(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	switch {
	case path == "/_local/config":
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			writeProblem(w, http.StatusMethodNotAllowed, "use GET")
			return
		}
		writeJSON(w, http.StatusOK, localConfig{
			S3Endpoint: s.opts.S3Endpoint, DynamoDBEndpoint: s.opts.DynamoDBEndpoint,
			Bucket: s.opts.Bucket, Table: s.opts.Table,
		})
	case strings.HasPrefix(path, "/_local/jobs/") && !strings.Contains(strings.TrimPrefix(path, "/_local/jobs/"), "/"):
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeProblem(w, http.StatusMethodNotAllowed, "use POST")
			return
		}
		s.runJob(w, r, strings.TrimPrefix(path, "/_local/jobs/"))
	default:
		writeProblem(w, http.StatusNotFound, "no such endpoint")
	}
}

func (s *server) runJob(w http.ResponseWriter, r *http.Request, name string) {
	job, ok := s.opts.Jobs[name]
	if !ok || job == nil {
		writeProblem(w, http.StatusNotFound, fmt.Sprintf("unknown job %q", name))
		return
	}
	date := r.URL.Query().Get("date")
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		writeProblem(w, http.StatusBadRequest, "date must be a date YYYY-MM-DD")
		return
	}
	start := time.Now()
	result, err := job(r.Context(), date)
	if err != nil {
		s.log.Error("local job failed", "job", name, "date", date, "err", err)
		writeProblem(w, http.StatusInternalServerError, fmt.Sprintf("job %s failed: %v", name, err))
		return
	}
	s.log.Info("local job done", "job", name, "date", date, "duration_ms", time.Since(start).Milliseconds())
	writeJSON(w, http.StatusOK, jobResult{Job: name, Date: date, Result: result})
}
