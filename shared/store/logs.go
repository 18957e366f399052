package store

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// Page is what a paged listing asks for: a time range [Start, End), a page
// size and the cursor of the previous page.
type Page struct {
	Start, End time.Time
	Limit      int
	Cursor     string
}

func (p Page) bounds() (string, string) { return rangeKeys(p.Start, p.End) }

func inSet(set []string) func(string) bool {
	if set == nil {
		return func(string) bool { return true }
	}
	m := map[string]bool{}
	for _, s := range set {
		m[s] = true
	}
	return func(s string) bool { return m[s] }
}

// AccessLog pages through logins and logouts, newest first; agents nil = all.
func (s *Store) AccessLog(ctx context.Context, ws string, p Page, agents []string) ([]domain.Access, string, error) {
	lo, hi := p.bounds()
	keep := inSet(agents)
	var out []domain.Access
	_, next, err := s.page(ctx, pageRequest{indexPK: idxAccess(ws), lo: lo, hi: hi, limit: p.Limit, cursor: p.Cursor,
		keep: func(it map[string]types.AttributeValue) (bool, error) {
			var a domain.Access
			if err := decodeData(it, &a); err != nil {
				return false, err
			}
			if !keep(a.AgentID) {
				return false, nil
			}
			out = append(out, a)
			return true, nil
		}})
	return out, next, err
}

// MessageLog pages through messages, newest first; direction "" = both. It
// also returns the names of the messages' customers.
func (s *Store) MessageLog(ctx context.Context, ws string, p Page, direction string) ([]domain.Message, map[string]string, string, error) {
	lo, hi := p.bounds()
	var out []domain.Message
	_, next, err := s.page(ctx, pageRequest{indexPK: idxMessages(ws), lo: lo, hi: hi, limit: p.Limit, cursor: p.Cursor,
		keep: func(it map[string]types.AttributeValue) (bool, error) {
			m, ok, err := decodeMessage(it)
			if err != nil || !ok || (direction != "" && string(m.Direction) != direction) {
				return false, err
			}
			out = append(out, m)
			return true, nil
		}})
	if err != nil {
		return nil, nil, "", err
	}
	info, err := s.customerInfo(ctx, ws, out)
	if err != nil {
		return nil, nil, "", err
	}
	names := map[string]string{}
	for id, c := range info {
		names[id] = c.Name
	}
	return out, names, next, nil
}

// SurveyPage pages through the surveys requested in the range, newest request
// first, attributed to one of agents (nil = all).
func (s *Store) SurveyPage(ctx context.Context, ws string, p Page, agents []string) ([]reports.SurveyFact, string, error) {
	lo, hi := p.bounds()
	keep := inSet(agents)
	var out []reports.SurveyFact
	_, next, err := s.page(ctx, pageRequest{indexPK: idxSurveyReq(ws), lo: lo, hi: hi, limit: p.Limit, cursor: p.Cursor,
		keep: func(it map[string]types.AttributeValue) (bool, error) {
			var f SurveyFact
			if err := decodeData(it, &f); err != nil {
				return false, err
			}
			if !keep(f.AgentID) {
				return false, nil
			}
			out = append(out, surveyFact(f))
			return true, nil
		}})
	return out, next, err
}

// LiveInput reads what the live report needs at now.
func (s *Store) LiveInput(ctx context.Context, ws domain.Workspace, loc *time.Location, now time.Time) (reports.LiveInput, error) {
	in := reports.LiveInput{Now: now}
	var err error
	if in.Agents, err = s.ListAgents(ctx, ws.ID); err != nil {
		return in, err
	}
	if in.OpenTickets, err = s.countUnresolved(ctx, ws.ID, domain.StatusOpen); err != nil {
		return in, err
	}
	if in.AnsweredTickets, err = s.countUnresolved(ctx, ws.ID, domain.StatusAnswered); err != nil {
		return in, err
	}
	tf, tt, lf, lt := reports.LiveWindows(now, loc)
	if in.Today, err = s.liveWindow(ctx, ws.ID, tf, tt); err != nil {
		return in, err
	}
	in.LastWeek, err = s.liveWindow(ctx, ws.ID, lf, lt)
	return in, err
}

func (s *Store) countUnresolved(ctx context.Context, ws, status string) (int64, error) {
	in := &dynamodb.QueryInput{
		TableName:              &s.table,
		IndexName:              aws.String(indexGSI4),
		KeyConditionExpression: aws.String("gsi4pk = :p AND begins_with(gsi4sk, :s)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":p": str(idxUnresolved(ws)), ":s": str(status + "#"),
		},
		Select: types.SelectCount,
	}
	var n int64
	for {
		out, err := s.db.Query(ctx, in)
		if err != nil {
			return 0, fmt.Errorf("count %s tickets: %w", status, err)
		}
		n += int64(out.Count)
		if len(out.LastEvaluatedKey) == 0 {
			return n, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

func (s *Store) liveWindow(ctx context.Context, ws string, from, to time.Time) (reports.LiveWindow, error) {
	w := reports.LiveWindow{From: from, To: to}
	end := to.Add(time.Millisecond)
	lo, hi := rangeKeys(from, end)
	if err := s.readSessions(ctx, gsi2(idxSessions(ws)), lo, hi, func(rec SessionRecord) {
		w.Sessions = append(w.Sessions, rec.Session)
	}); err != nil {
		return w, err
	}
	err := s.queryAll(ctx, indexRange(indexGSI1, attrGSI1PK, attrGSI1SK, idxMessages(ws), lo, hi), func(it map[string]types.AttributeValue) error {
		m, ok, err := decodeMessage(it)
		if ok && m.Direction == domain.Inbound {
			w.Messages = append(w.Messages, m)
		}
		return err
	})
	return w, err
}
