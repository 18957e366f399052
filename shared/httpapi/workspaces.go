package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// workspaceBody is the PUT /v1/workspaces/{id} request.
type workspaceBody struct {
	Name          string                `json:"name"`
	Timezone      string                `json:"timezone"`
	BusinessHours *domain.BusinessHours `json:"business_hours"`
}

// workspaceView is a workspace as the API shows it (times in UTC), with the
// secrets only right after creation.
type workspaceView struct {
	ID            string                `json:"workspace_id"`
	Name          string                `json:"name"`
	Timezone      string                `json:"timezone"`
	BusinessHours *domain.BusinessHours `json:"business_hours"`
	CreatedAt     *time.Time            `json:"created_at"`
	UpdatedAt     *time.Time            `json:"updated_at"`
	*domain.WorkspaceSecrets
}

func viewWorkspace(ws domain.Workspace, secrets *domain.WorkspaceSecrets) workspaceView {
	return workspaceView{
		ID: ws.ID, Name: ws.Name, Timezone: ws.Timezone, BusinessHours: ws.BusinessHours,
		CreatedAt: utcPtr(ws.CreatedAt), UpdatedAt: utcPtr(ws.UpdatedAt), WorkspaceSecrets: secrets,
	}
}

// putWorkspace creates (201, secrets shown once) or updates (200) a workspace.
func (h *Handler) putWorkspace(ctx context.Context, r *Request) Response {
	id := r.Param("id")
	if !workspaceIDPattern.MatchString(id) {
		return BadParam("id", "workspace id must be 3 to 64 characters of letters, digits, '_' and '-'")
	}
	var body workspaceBody
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	if err := dec.Decode(&body); err != nil {
		return Error(http.StatusBadRequest, "body must be a JSON object {name, timezone, business_hours?}")
	}
	if dec.More() {
		return Error(http.StatusBadRequest, "body must hold exactly one JSON object")
	}
	if param, detail := validateWorkspace(body); param != "" {
		return BadParam(param, detail)
	}
	now := h.now().UTC()
	ws := domain.Workspace{
		ID: id, Name: body.Name, Timezone: body.Timezone, BusinessHours: body.BusinessHours,
		CreatedAt: now, UpdatedAt: now,
	}
	if h.deps.Workspaces == nil {
		return Internal()
	}
	stored, secrets, err := h.deps.Workspaces.PutWorkspace(ctx, ws)
	if err != nil {
		h.log.ErrorContext(ctx, "put workspace", "workspace_id", id, "err", err)
		return Internal()
	}
	if secrets != nil {
		h.log.InfoContext(ctx, "workspace created", "workspace_id", id)
		return JSON(http.StatusCreated, viewWorkspace(stored, secrets))
	}
	h.log.InfoContext(ctx, "workspace updated", "workspace_id", id)
	return JSON(http.StatusOK, viewWorkspace(stored, nil))
}

// getWorkspace answers the caller's own workspace, without secrets.
func (h *Handler) getWorkspace(_ context.Context, r *Request) Response {
	return JSON(http.StatusOK, viewWorkspace(r.Workspace, nil))
}

// validateWorkspace returns the offending parameter and why, or "" when valid.
func validateWorkspace(b workspaceBody) (param, detail string) {
	if n := len([]rune(b.Name)); n < 1 || n > 200 || len(bytes.TrimSpace([]byte(b.Name))) == 0 {
		return "name", "name must be 1 to 200 characters"
	}
	if b.Timezone == "" || b.Timezone == "Local" {
		return "timezone", "timezone must be an IANA time zone name such as Asia/Jakarta"
	}
	if _, err := time.LoadLocation(b.Timezone); err != nil {
		return "timezone", fmt.Sprintf("unknown time zone %q", b.Timezone)
	}
	if b.BusinessHours != nil {
		if err := validateBusinessHours(b.BusinessHours); err != nil {
			return "business_hours", err.Error()
		}
	}
	return "", ""
}

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true,
}

func validateBusinessHours(bh *domain.BusinessHours) error {
	for day, intervals := range bh.Weekly {
		if !weekdays[day] {
			return fmt.Errorf("unknown weekday %q (use monday..sunday)", day)
		}
		prevClose := -1
		for i, iv := range intervals {
			open, okO := parseHHMM(iv.Open, false)
			closing, okC := parseHHMM(iv.Close, true)
			if !okO || !okC {
				return fmt.Errorf("%s[%d]: times must be HH:MM (close may be 24:00)", day, i)
			}
			if open >= closing {
				return fmt.Errorf("%s[%d]: open must be before close", day, i)
			}
			if open < prevClose {
				return fmt.Errorf("%s[%d]: intervals must be in order and not overlap", day, i)
			}
			prevClose = closing
		}
	}
	for _, d := range bh.ClosedDates {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return errors.New("closed_dates must be dates YYYY-MM-DD")
		}
	}
	return nil
}

// parseHHMM parses "HH:MM" into minutes of the day; "24:00" only when allow24.
func parseHHMM(s string, allow24 bool) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	hh := int(s[0]-'0')*10 + int(s[1]-'0')
	mm := int(s[3]-'0')*10 + int(s[4]-'0')
	if hh == 24 && mm == 0 && allow24 {
		return 24 * 60, true
	}
	if hh > 23 || mm > 59 {
		return 0, false
	}
	return hh*60 + mm, true
}

// utcPtr returns t in UTC, or nil for the zero time.
func utcPtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}
