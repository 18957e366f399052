package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/webhook"
)

// workspaceIDPattern is the shape of every workspace id.
var workspaceIDPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{3,64}$`)

// ingestResult is the 200 body of both ingest webhooks.
type ingestResult struct {
	Accepted   int `json:"accepted"`
	Duplicates int `json:"duplicates"`
}

// whatsAppHandshake answers Meta's subscription check with the challenge.
func (h *Handler) whatsAppHandshake(ctx context.Context, r *Request) Response {
	_, secrets, resp, ok := h.webhookWorkspace(ctx, r)
	if !ok {
		return resp
	}
	q := r.Query
	if q.Get("hub.mode") != "subscribe" || !webhook.VerifyToken(secrets.WhatsAppVerifyToken, q.Get("hub.verify_token")) {
		return Error(http.StatusForbidden, "verify token does not match")
	}
	return Text(http.StatusOK, q.Get("hub.challenge"))
}

// whatsAppPost ingests a WhatsApp Cloud API notification.
func (h *Handler) whatsAppPost(ctx context.Context, r *Request) Response {
	ws, secrets, resp, ok := h.webhookWorkspace(ctx, r)
	if !ok {
		return resp
	}
	if len(r.Body) > webhook.MaxWhatsAppBody {
		return Error(http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than %d bytes", webhook.MaxWhatsAppBody))
	}
	if !webhook.VerifyWhatsAppSignature(secrets.WhatsAppAppSecret, r.Body, r.Headers["x-hub-signature-256"]) {
		return Error(http.StatusUnauthorized, "missing or wrong X-Hub-Signature-256")
	}
	recs, err := webhook.ParseWhatsApp(r.Body)
	if err != nil {
		return parseProblem(err)
	}
	return h.ingest(ctx, ws, "whatsapp", recs)
}

// eventsPost ingests a batch of helpdesk events.
func (h *Handler) eventsPost(ctx context.Context, r *Request) Response {
	return h.timestampSignedPost(ctx, r, "X-Signature-Timestamp", "X-Signature-256", "events",
		func(body []byte, now time.Time) ([]domain.Record, error) { return webhook.ParseEvents(body, now) })
}

// chatwootPost ingests a Chatwoot webhook (message_created, conversation_status_changed,
// conversation_updated, message_updated). Chatwoot signs "<timestamp>.<raw body>" with
// HMAC-SHA256 like the helpdesk events, in X-Chatwoot-Timestamp / X-Chatwoot-Signature;
// the workspace's events secret is the key (docs/DECISIONS.md).
func (h *Handler) chatwootPost(ctx context.Context, r *Request) Response {
	return h.timestampSignedPost(ctx, r, "X-Chatwoot-Timestamp", "X-Chatwoot-Signature", "chatwoot",
		func(body []byte, _ time.Time) ([]domain.Record, error) { return webhook.ParseChatwoot(body) })
}

// timestampSignedPost checks size and the "<timestamp>.<body>" HMAC with the
// workspace's events secret, then parses and ingests the body.
func (h *Handler) timestampSignedPost(ctx context.Context, r *Request, tsHeader, sigHeader, source string,
	parse func([]byte, time.Time) ([]domain.Record, error)) Response {
	ws, secrets, resp, ok := h.webhookWorkspace(ctx, r)
	if !ok {
		return resp
	}
	if len(r.Body) > webhook.MaxEventsBody {
		return Error(http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than %d bytes", webhook.MaxEventsBody))
	}
	now := h.now()
	if err := webhook.VerifyEventsSignature(secrets.EventsSecret, r.Body,
		r.Headers[strings.ToLower(tsHeader)], r.Headers[strings.ToLower(sigHeader)], now); err != nil {
		detail := "missing or wrong " + sigHeader
		if errors.Is(err, webhook.ErrStaleTimestamp) {
			detail = tsHeader + " is more than 300 s from the server clock"
		}
		return Error(http.StatusUnauthorized, detail)
	}
	recs, err := parse(r.Body, now)
	if err != nil {
		return parseProblem(err)
	}
	return h.ingest(ctx, ws, source, recs)
}

// webhookWorkspace resolves the path's workspace and its secrets (404 when unknown).
func (h *Handler) webhookWorkspace(ctx context.Context, r *Request) (domain.Workspace, domain.WorkspaceSecrets, Response, bool) {
	id := r.Param("workspace_id")
	if !workspaceIDPattern.MatchString(id) {
		return domain.Workspace{}, domain.WorkspaceSecrets{}, Error(http.StatusNotFound, "workspace not found"), false
	}
	ws, resp, ok := h.loadWorkspace(ctx, id)
	if !ok {
		return ws, domain.WorkspaceSecrets{}, resp, false
	}
	secrets, err := h.deps.Workspaces.GetSecrets(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return ws, secrets, Error(http.StatusNotFound, "workspace not found"), false
	}
	if err != nil {
		h.log.ErrorContext(ctx, "get workspace secrets", "workspace_id", id, "err", err)
		return ws, secrets, Internal(), false
	}
	return ws, secrets, Response{}, true
}

// ingest stores the parsed records; a store failure is a 500 so the sender retries.
func (h *Handler) ingest(ctx context.Context, ws domain.Workspace, source string, recs []domain.Record) Response {
	if len(recs) == 0 {
		return JSON(http.StatusOK, ingestResult{})
	}
	if h.deps.Ingester == nil {
		h.log.ErrorContext(ctx, "no ingester configured")
		return Internal()
	}
	accepted, dups, err := h.deps.Ingester.Ingest(ctx, ws, recs)
	if err != nil {
		h.log.ErrorContext(ctx, "ingest", "workspace_id", ws.ID, "source", source, "records", len(recs), "err", err)
		return Internal()
	}
	h.log.InfoContext(ctx, "ingested", "workspace_id", ws.ID, "source", source, "accepted", accepted, "duplicates", dups)
	return JSON(http.StatusOK, ingestResult{Accepted: accepted, Duplicates: dups})
}

// parseProblem maps a webhook parse error to a 400 problem naming the event and field.
func parseProblem(err error) Response {
	var ve *webhook.ValidationError
	switch {
	case errors.As(err, &ve):
		p := Problem{Status: http.StatusBadRequest, Detail: ve.Error(), Field: ve.Field}
		if ve.Index >= 0 {
			idx := ve.Index
			p.EventIndex = &idx
		}
		return p.Response()
	case errors.Is(err, webhook.ErrWrongObject):
		return Problem{Status: http.StatusBadRequest, Detail: webhook.ErrWrongObject.Error(), Field: "object"}.Response()
	case errors.Is(err, webhook.ErrNotJSON):
		return Error(http.StatusBadRequest, "body is not valid JSON")
	default:
		return Error(http.StatusBadRequest, "body could not be parsed")
	}
}
