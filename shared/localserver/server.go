package localserver

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"github.com/inboxmetrics/inbox-metrics/shared/auth"
)

type server struct {
	h    HandlerFunc
	opts Options
	log  *slog.Logger
	now  func() time.Time
}

// New returns an http.Handler that serves h the way API Gateway would, plus the
// /_local endpoints. Each request is logged (method, path, status, duration);
// never the query string, headers or body.
func New(h HandlerFunc, opts Options) http.Handler {
	s := &server{h: h, opts: opts, log: opts.Logger, now: opts.Now}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	return http.HandlerFunc(s.serveLogged)
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (s *server) serveLogged(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p))
			if sw.status == 0 {
				writeProblem(sw, http.StatusInternalServerError, "internal error")
			}
		}
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"duration_ms", float64(time.Since(start).Microseconds())/1000)
	}()
	s.serve(sw, r)
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if path == "/_local" || strings.HasPrefix(path, "/_local/") {
		s.serveLocal(w, r)
		return
	}
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	var claims map[string]string
	if !public(path) {
		c, err := s.verify(r.Header.Get("Authorization"))
		if err != nil {
			w.Header().Set("www-authenticate", `Bearer realm="inbox-metrics"`)
			writeProblem(w, http.StatusUnauthorized, "missing, invalid or expired bearer token")
			return
		}
		claims = c.StringMap()
	}
	ev := toEvent(r, body, claims, s.now())
	resp, err := s.h(r.Context(), ev)
	if err != nil {
		s.log.Error("handler error", "method", r.Method, "path", path, "err", err)
		writeProblem(w, http.StatusInternalServerError, "internal error")
		return
	}
	if err := writeResponse(w, resp); err != nil {
		s.log.Error("write response", "method", r.Method, "path", path, "err", err)
	}
}

// public reports whether a path is served without a bearer token, as in the AWS stack.
func public(path string) bool {
	return path == "/healthz" || strings.HasPrefix(path, "/webhooks/")
}

func (s *server) verify(header string) (auth.Claims, error) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return auth.Claims{}, errors.New("no bearer token")
	}
	c, err := auth.VerifyHS256(s.opts.JWTSecret, strings.TrimSpace(token))
	if err != nil {
		return auth.Claims{}, fmt.Errorf("bearer token: %w", err)
	}
	return c, nil
}

// readBody reads at most MaxBodyBytes, answering 413 above.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if r.ContentLength > MaxBodyBytes {
		writeProblem(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than %d bytes", MaxBodyBytes))
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeProblem(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than %d bytes", MaxBodyBytes))
		return nil, false
	case err != nil:
		writeProblem(w, http.StatusBadRequest, "could not read the request body")
		return nil, false
	}
	return body, true
}

// toEvent builds the payload-format-2.0 event API Gateway would send.
func toEvent(r *http.Request, body []byte, claims map[string]string, now time.Time) events.APIGatewayV2HTTPRequest {
	headers := map[string]string{}
	var cookies []string
	for k, vs := range r.Header {
		name := strings.ToLower(k)
		if name == "cookie" {
			for _, v := range vs {
				for _, c := range strings.Split(v, ";") {
					if c = strings.TrimSpace(c); c != "" {
						cookies = append(cookies, c)
					}
				}
			}
			continue
		}
		headers[name] = strings.Join(vs, ",")
	}
	if r.Host != "" {
		headers["host"] = r.Host
	}
	sourceIP := r.RemoteAddr
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		sourceIP = host
	}
	if _, ok := headers["x-forwarded-for"]; !ok && sourceIP != "" {
		headers["x-forwarded-for"] = sourceIP
	}
	var query map[string]string
	if q := r.URL.Query(); len(q) > 0 {
		query = make(map[string]string, len(q))
		for k, vs := range q {
			query[k] = strings.Join(vs, ",")
		}
	}
	ev := events.APIGatewayV2HTTPRequest{
		Version:               "2.0",
		RouteKey:              "$default",
		RawPath:               r.URL.EscapedPath(),
		RawQueryString:        r.URL.RawQuery,
		Cookies:               cookies,
		Headers:               headers,
		QueryStringParameters: query,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey:   "$default",
			AccountID:  "000000000000",
			APIID:      "local",
			Stage:      "$default",
			RequestID:  requestID(),
			DomainName: r.Host,
			Time:       now.UTC().Format("02/Jan/2006:15:04:05 -0700"),
			TimeEpoch:  now.UnixMilli(),
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
				Method:    r.Method,
				Path:      r.URL.Path,
				Protocol:  r.Proto,
				SourceIP:  sourceIP,
				UserAgent: r.UserAgent(),
			},
		},
	}
	if claims != nil {
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims},
		}
	}
	if len(body) > 0 {
		if utf8.Valid(body) {
			ev.Body = string(body)
		} else {
			ev.Body = base64.StdEncoding.EncodeToString(body)
			ev.IsBase64Encoded = true
		}
	}
	return ev
}

// writeResponse writes the Lambda's response the way API Gateway would.
func writeResponse(w http.ResponseWriter, resp events.APIGatewayV2HTTPResponse) error {
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(resp.Body)
		if err != nil {
			writeProblem(w, http.StatusBadGateway, "handler returned an invalid base64 body")
			return fmt.Errorf("decode response body: %w", err)
		}
		body = b
	}
	h := w.Header()
	for k, v := range resp.Headers {
		h.Set(k, v)
	}
	for k, vs := range resp.MultiValueHeaders {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	for _, c := range resp.Cookies {
		h.Add("Set-Cookie", c)
	}
	status := resp.StatusCode
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("write response body: %w", err)
	}
	return nil
}

func requestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// writeProblem answers an application/problem+json error.
func writeProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"type": "about:blank", "title": http.StatusText(status), "status": status, "detail": detail,
	})
}

// writeJSON answers a JSON body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
