package seed

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Secrets are the workspace's webhook secrets (returned once when the workspace is created).
type Secrets struct {
	EventsSecret      string
	WhatsAppAppSecret string
}

// SendOptions tune Send. Zero fields take defaults.
type SendOptions struct {
	// Concurrency is the number of parallel workers (default 4).
	Concurrency int
	// Progress receives a progress bar when it is a terminal, else a log line every 10%; nil is silent.
	Progress io.Writer
	// Client is the HTTP client (default: 30 s timeout).
	Client *http.Client
	// MaxAttempts per request for 5xx, 408, 429 and transport errors (default 6).
	MaxAttempts int
	// Backoff is the first retry delay, doubled per attempt up to 5 s (default 200 ms).
	Backoff time.Duration
	// Now is the clock used for X-Signature-Timestamp (default time.Now).
	Now func() time.Time
}

// Result counts what Send delivered.
type Result struct {
	Requests int // requests answered 2xx
	Events   int // helpdesk events and WhatsApp updates in those requests
	// Accepted are events the server stored as new: the helpdesk answer's "accepted" (and a WhatsApp
	// answer's, if it has one; else every update of the request).
	Accepted int
	// Duplicates are events the server reported as already stored.
	Duplicates int
	Elapsed    time.Duration
}

// StatusError is a non-2xx answer, with the problem detail when the server sent one.
type StatusError struct {
	StatusCode int
	Title      string
	Detail     string
	Body       string
}

// Error implements error.
func (e *StatusError) Error() string {
	msg := e.Detail
	if msg == "" {
		msg = e.Title
	}
	if msg == "" {
		msg = strings.TrimSpace(e.Body)
	}
	return fmt.Sprintf("HTTP %d: %s", e.StatusCode, msg)
}

func (e *StatusError) retryable() bool {
	return e.StatusCode >= 500 || e.StatusCode == http.StatusTooManyRequests || e.StatusCode == http.StatusRequestTimeout
}

// Send posts every request of plan to baseURL's webhooks for workspaceID, signing each at send time.
// The plan's setup requests go first, one by one; the rest go roughly in time order with
// opt.Concurrency workers (so one customer's messages may arrive out of order). 5xx, 408, 429 and
// transport errors are retried with backoff; any other non-2xx stops the run with a *StatusError.
func Send(ctx context.Context, baseURL, workspaceID string, sec Secrets, plan *Plan, opt SendOptions) (Result, error) {
	if opt.Concurrency <= 0 {
		opt.Concurrency = 4
	}
	if opt.Client == nil {
		opt.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if opt.MaxAttempts <= 0 {
		opt.MaxAttempts = 6
	}
	if opt.Backoff <= 0 {
		opt.Backoff = 200 * time.Millisecond
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &sender{
		base: strings.TrimRight(baseURL, "/"),
		ws:   url.PathEscape(workspaceID),
		sec:  sec,
		opt:  opt,
		prog: newProgress(opt.Progress, len(plan.Requests)),
	}
	start := time.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	for i := 0; i < plan.Setup && i < len(plan.Requests); i++ {
		if err := s.deliver(ctx, i, plan.Requests[i]); err != nil {
			s.res.Elapsed = time.Since(start)
			return s.res, err
		}
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range opt.Concurrency {
		wg.Go(func() {
			for i := range work {
				if err := s.deliver(ctx, i, plan.Requests[i]); err != nil {
					cancel(err)
				}
			}
		})
	}
feed:
	for i := plan.Setup; i < len(plan.Requests); i++ {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	s.res.Elapsed = time.Since(start)
	if err := context.Cause(ctx); err != nil {
		return s.res, err
	}
	return s.res, nil
}

type sender struct {
	base, ws string
	sec      Secrets
	opt      SendOptions
	prog     *progress
	mu       sync.Mutex
	res      Result
}

// deliver posts one request, retrying transient failures.
func (s *sender) deliver(ctx context.Context, i int, r Request) error {
	delay := s.opt.Backoff
	var last error
	for attempt := 1; attempt <= s.opt.MaxAttempts; attempt++ {
		if attempt > 1 {
			// Full jitter keeps parallel workers from retrying in lockstep.
			wait := delay/2 + time.Duration(rand.Int64N(int64(delay/2)+1))
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return fmt.Errorf("request %d (%s): %w", i, r.Kind, context.Cause(ctx))
			}
			delay = min(delay*2, 5*time.Second)
		}
		ans, err := s.post(ctx, r)
		if err == nil {
			s.record(r, ans)
			return nil
		}
		last = err
		var se *StatusError
		if errors.As(err, &se) && !se.retryable() {
			return fmt.Errorf("request %d (%s, %d events): %w", i, r.Kind, r.Events, err)
		}
		if ctx.Err() != nil {
			return fmt.Errorf("request %d (%s): %w", i, r.Kind, context.Cause(ctx))
		}
	}
	return fmt.Errorf("request %d (%s) failed after %d attempts: %w", i, r.Kind, s.opt.MaxAttempts, last)
}

// answer is the JSON answer of an ingest webhook.
type answer struct {
	Accepted   *int `json:"accepted"`
	Duplicates int  `json:"duplicates"`
}

func (s *sender) post(ctx context.Context, r Request) (answer, error) {
	path := "/webhooks/whatsapp/"
	if r.Kind == KindEvents {
		path = "/webhooks/events/"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+path+s.ws, bytes.NewReader(r.Body))
	if err != nil {
		return answer{}, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if r.Kind == KindEvents {
		ts := s.opt.Now().Unix()
		req.Header.Set(headerTimestamp, strconv.FormatInt(ts, 10))
		req.Header.Set(headerSignature, signEvents(s.sec.EventsSecret, ts, r.Body))
	} else {
		req.Header.Set(headerHubSignature, signWhatsApp(s.sec.WhatsAppAppSecret, r.Body))
	}
	resp, err := s.opt.Client.Do(req)
	if err != nil {
		return answer{}, fmt.Errorf("post %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return answer{}, fmt.Errorf("read answer of %s: %w", path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		se := &StatusError{StatusCode: resp.StatusCode, Body: string(body)}
		var prob struct {
			Title  string `json:"title"`
			Detail string `json:"detail"`
		}
		if json.Unmarshal(body, &prob) == nil {
			se.Title, se.Detail = prob.Title, prob.Detail
		}
		return answer{}, se
	}
	var a answer
	_ = json.Unmarshal(body, &a) // a WhatsApp answer may be plain text; counts then default below
	return a, nil
}

func (s *sender) record(r Request, a answer) {
	s.mu.Lock()
	s.res.Requests++
	s.res.Events += r.Events
	if a.Accepted != nil {
		s.res.Accepted += *a.Accepted
	} else {
		s.res.Accepted += r.Events
	}
	s.res.Duplicates += a.Duplicates
	s.mu.Unlock()
	s.prog.add(r.Events)
}
