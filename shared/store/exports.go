package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// Export records (pk W#<ws>#EXP, sk <export_id>): d holds the immutable request
// (ExportRecord as JSON); st, rows, bytes, err and ua are updated as the export
// runs; expires_at is the TTL, ExportRecordRetention after the export expired,
// so the API keeps answering 410 Gone for a month before the record disappears.
//
// Lake markers (pk W#<ws>#LAKE, sk YYYY-MM-DD): xv is the day item's change
// counter (dv) when the day was last written to the lake, xt that time (ms).

// Export statuses as stored. "expired" is never stored: the API derives it from ExpiresAt.
const (
	ExportQueued  = "queued"
	ExportRunning = "running"
	ExportDone    = "done"
	ExportFailed  = "failed"
)

// ExportLifetime is how long an export's file can be downloaded.
const ExportLifetime = 7 * 24 * time.Hour

// ExportRecordRetention is how long an expired export's record is kept (to answer 410, not 404).
const ExportRecordRetention = 30 * 24 * time.Hour

// exportChunk is how many messages are read, enriched and emitted at a time.
const exportChunk = 500

// exportTicketCacheMax bounds the customers whose message→ticket map is cached.
const exportTicketCacheMax = 5000

func exportsPK(ws string) string { return "W#" + ws + "#EXP" }
func lakePK(ws string) string    { return "W#" + ws + "#LAKE" }

// ExportRecord is one requested export.
type ExportRecord struct {
	ID          string    `json:"export_id"`
	WorkspaceID string    `json:"workspace_id"`
	Dataset     string    `json:"dataset"`
	From        string    `json:"from"`
	To          string    `json:"to"`
	Format      string    `json:"format"`
	Key         string    `json:"key"`
	CreatedAt   time.Time `json:"created_at"`
	ExpiresAt   time.Time `json:"expires_at"`
	// Status, Rows, Bytes, Error and UpdatedAt change while the export runs.
	Status    string    `json:"-"`
	Rows      int64     `json:"-"`
	Bytes     int64     `json:"-"`
	Error     string    `json:"-"`
	UpdatedAt time.Time `json:"-"`
}

// PutExport stores a new export record; an existing id is refused.
func (s *Store) PutExport(ctx context.Context, e ExportRecord) error {
	body, err := jsonAttr(e)
	if err != nil {
		return err
	}
	item := key(exportsPK(e.WorkspaceID), e.ID)
	item[attrData] = body
	item["st"] = str(e.Status)
	item["rows"] = num(e.Rows)
	item["bytes"] = num(e.Bytes)
	item["ua"] = num(e.CreatedAt.UnixMilli())
	item[attrTTL] = num(e.ExpiresAt.Add(ExportRecordRetention).Unix())
	if e.Error != "" {
		item["err"] = str(e.Error)
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           &s.table,
		Item:                item,
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	if err != nil {
		return fmt.Errorf("put export %q: %w", e.ID, err)
	}
	return nil
}

// GetExport returns an export record, or domain.ErrNotFound.
func (s *Store) GetExport(ctx context.Context, ws, id string) (ExportRecord, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      &s.table,
		Key:            key(exportsPK(ws), id),
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return ExportRecord{}, fmt.Errorf("get export %q: %w", id, err)
	}
	if out.Item == nil {
		return ExportRecord{}, domain.ErrNotFound
	}
	return decodeExport(out.Item)
}

// ListExports returns a workspace's export records, newest first.
func (s *Store) ListExports(ctx context.Context, ws string) ([]ExportRecord, error) {
	var out []ExportRecord
	err := s.queryAll(ctx, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("pk = :p"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": str(exportsPK(ws))},
	}, func(it map[string]types.AttributeValue) error {
		e, err := decodeExport(it)
		if err == nil {
			out = append(out, e)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list exports: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.After(out[j].CreatedAt)
		}
		return out[i].ID > out[j].ID
	})
	return out, nil
}

// UpdateExport sets an export's status, row and byte counts and error
// message; domain.ErrNotFound when there is no such export.
func (s *Store) UpdateExport(ctx context.Context, ws, id, status string, rows, bytes int64, errMsg string) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           &s.table,
		Key:                 key(exportsPK(ws), id),
		UpdateExpression:    aws.String("SET st = :s, #r = :r, #b = :b, #e = :e, ua = :u"),
		ConditionExpression: aws.String("attribute_exists(pk)"),
		ExpressionAttributeNames: map[string]string{
			"#r": "rows", "#b": "bytes", "#e": "err",
		},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":s": str(status), ":r": num(rows), ":b": num(bytes), ":e": str(errMsg),
			":u": num(s.now().UnixMilli()),
		},
	})
	if isConditionFailed(err) {
		return domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("update export %q: %w", id, err)
	}
	return nil
}

func decodeExport(it map[string]types.AttributeValue) (ExportRecord, error) {
	var e ExportRecord
	if err := decodeData(it, &e); err != nil {
		return e, fmt.Errorf("decode export: %w", err)
	}
	e.Status = getS(it, "st")
	e.Rows = getN(it, "rows")
	e.Bytes = getN(it, "bytes")
	e.Error = getS(it, "err")
	e.UpdatedAt = msTime(getN(it, "ua"))
	return e, nil
}

// TicketExport is one ticket with its current agent's name.
type TicketExport struct {
	Ticket    domain.Ticket
	AgentName string
}

// MessageExport is one message with its customer's name and, when the message
// belongs to an assigned session, that session's ticket id.
type MessageExport struct {
	Message      domain.Message
	CustomerName string
	TicketID     string
}

// SurveyExport is one survey fact with its attributed agent's name.
type SurveyExport struct {
	Fact      SurveyFact
	AgentName string
}

// AccessExport is one login or logout with the agent's name and role (as now
// known) and the operating system and browser of its user agent.
type AccessExport struct {
	Access    domain.Access
	AgentName string
	Role      domain.Role
	OS        string
	Browser   string
}

// agentIndex maps agent ids to agents.
func (s *Store) agentIndex(ctx context.Context, ws string) (map[string]domain.Agent, error) {
	agents, err := s.ListAgents(ctx, ws)
	if err != nil {
		return nil, fmt.Errorf("list agents: %w", err)
	}
	m := make(map[string]domain.Agent, len(agents))
	for _, a := range agents {
		m[a.ID] = a
	}
	return m, nil
}

// eachLive calls fn for every live item of a gsi1 partition over [start, end),
// in ascending order, one page at a time.
func (s *Store) eachLive(ctx context.Context, pk string, start, end time.Time, fn func(map[string]types.AttributeValue) error) error {
	lo, hi := rangeKeys(start, end)
	return s.readRange(ctx, gsi1(pk), lo, hi, fn)
}

// EachTicket calls fn for every ticket opened in [start, end), in opened_at
// order, one index page in memory at a time.
func (s *Store) EachTicket(ctx context.Context, ws string, start, end time.Time, fn func(TicketExport) error) error {
	agents, err := s.agentIndex(ctx, ws)
	if err != nil {
		return fmt.Errorf("export tickets: %w", err)
	}
	err = s.eachLive(ctx, idxTickets(ws), start, end, func(it map[string]types.AttributeValue) error {
		var rec SessionRecord
		if err := decodeData(it, &rec); err != nil {
			return fmt.Errorf("decode session: %w", err)
		}
		if rec.Session.Ticket == nil {
			return nil
		}
		t := *rec.Session.Ticket
		return fn(TicketExport{Ticket: t, AgentName: agents[t.AgentID].Name})
	})
	if err != nil {
		return fmt.Errorf("export tickets: %w", err)
	}
	return nil
}

// EachSurvey calls fn for every survey requested in [start, end), in
// requested_at order.
func (s *Store) EachSurvey(ctx context.Context, ws string, start, end time.Time, fn func(SurveyExport) error) error {
	agents, err := s.agentIndex(ctx, ws)
	if err != nil {
		return fmt.Errorf("export surveys: %w", err)
	}
	err = s.eachLive(ctx, idxSurveyReq(ws), start, end, func(it map[string]types.AttributeValue) error {
		var f SurveyFact
		if err := decodeData(it, &f); err != nil {
			return fmt.Errorf("decode survey: %w", err)
		}
		return fn(SurveyExport{Fact: f, AgentName: agents[f.AgentID].Name})
	})
	if err != nil {
		return fmt.Errorf("export surveys: %w", err)
	}
	return nil
}

// EachAccess calls fn for every login and logout in [start, end), in time order.
func (s *Store) EachAccess(ctx context.Context, ws string, start, end time.Time, fn func(AccessExport) error) error {
	agents, err := s.agentIndex(ctx, ws)
	if err != nil {
		return fmt.Errorf("export access log: %w", err)
	}
	err = s.eachLive(ctx, idxAccess(ws), start, end, func(it map[string]types.AttributeValue) error {
		var a domain.Access
		if err := decodeData(it, &a); err != nil {
			return fmt.Errorf("decode access: %w", err)
		}
		ag := agents[a.AgentID]
		osName, browser := reports.ParseUserAgent(a.UserAgent)
		return fn(AccessExport{Access: a, AgentName: ag.Name, Role: ag.Role, OS: osName, Browser: browser})
	})
	if err != nil {
		return fmt.Errorf("export access log: %w", err)
	}
	return nil
}

// EachMessage calls fn for every message of [start, end), in time order. It
// reads exportChunk messages at a time and looks up their customers' names
// (#STATE) and, per customer, the tickets of the sessions the messages belong
// to (one Query of the customer's session items, cached for a bounded number
// of customers).
func (s *Store) EachMessage(ctx context.Context, ws string, start, end time.Time, fn func(MessageExport) error) error {
	lo, hi := rangeKeys(start, end)
	in := indexRange(indexGSI1, attrGSI1PK, attrGSI1SK, idxMessages(ws), lo, hi)
	in.TableName = &s.table
	in.Limit = aws.Int32(exportChunk)
	tickets := map[string]map[string]string{} // customer → message id → ticket id
	for {
		out, err := s.db.Query(ctx, in)
		if err != nil {
			return fmt.Errorf("export messages: query: %w", err)
		}
		msgs := make([]domain.Message, 0, len(out.Items))
		for _, it := range out.Items {
			m, ok, err := decodeMessage(it)
			if err != nil {
				return fmt.Errorf("export messages: %w", err)
			}
			if ok {
				msgs = append(msgs, m)
			}
		}
		if err := s.emitMessages(ctx, ws, end, msgs, tickets, fn); err != nil {
			return fmt.Errorf("export messages: %w", err)
		}
		if len(out.LastEvaluatedKey) == 0 {
			return nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// emitMessages enriches one chunk of messages and hands them to fn in order.
func (s *Store) emitMessages(ctx context.Context, ws string, end time.Time, msgs []domain.Message, tickets map[string]map[string]string, fn func(MessageExport) error) error {
	if len(msgs) == 0 {
		return nil
	}
	info, err := s.customerInfo(ctx, ws, msgs)
	if err != nil {
		return err
	}
	missing := func() []string {
		var out []string
		seen := map[string]bool{}
		for _, m := range msgs {
			if _, ok := tickets[m.CustomerID]; !ok && !seen[m.CustomerID] {
				seen[m.CustomerID] = true
				out = append(out, m.CustomerID)
			}
		}
		return out
	}
	load := missing()
	if len(tickets)+len(load) > exportTicketCacheMax {
		clear(tickets)
		load = missing()
	}
	if err := s.loadMessageTickets(ctx, ws, end, load, tickets); err != nil {
		return err
	}
	for _, m := range msgs {
		name := info[m.CustomerID].Name
		if name == "" {
			name = m.ProfileName
		}
		if err := fn(MessageExport{Message: m, CustomerName: name, TicketID: tickets[m.CustomerID][m.ID]}); err != nil {
			return err
		}
	}
	return nil
}

// loadMessageTickets reads the session items of customers (in parallel) and
// maps the messages of their ticketed sessions opened before end to the ticket.
func (s *Store) loadMessageTickets(ctx context.Context, ws string, end time.Time, customers []string, into map[string]map[string]string) error {
	var (
		mu   sync.Mutex
		errs []error
	)
	runParallel(customers, func(c string) {
		m := map[string]string{}
		err := s.queryAll(ctx, &dynamodb.QueryInput{
			KeyConditionExpression: aws.String("pk = :p AND begins_with(sk, :x)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":p": str(customerPK(ws, c)), ":x": str(prefixSession),
			},
		}, func(it map[string]types.AttributeValue) error {
			if it["del"] != nil || it[attrData] == nil {
				return nil
			}
			var rec SessionRecord
			if err := decodeData(it, &rec); err != nil {
				return fmt.Errorf("decode session: %w", err)
			}
			if t := rec.Session.Ticket; t != nil && rec.Session.OpenedAt.Before(end) {
				for _, id := range rec.Session.MessageIDs {
					m[id] = t.ID
				}
			}
			return nil
		})
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, fmt.Errorf("sessions of %q: %w", c, err))
			return
		}
		into[c] = m
	})
	return errors.Join(errs...)
}

// LakeDay is what the store knows about one local day for the lake export.
type LakeDay struct {
	// Version is the day item's change counter (0 when the day has no item).
	Version int64
	// Exported is true once the day was written to the lake.
	Exported bool
	// ExportedVersion is Version as it was when the day was last written.
	ExportedVersion int64
	// ExportedAt is when the day was last written.
	ExportedAt time.Time
}

// LakeDays returns, for every day up to before (exclusive) that has a day item
// or a lake marker, its change counter and lake marker.
func (s *Store) LakeDays(ctx context.Context, ws string, before calendar.Date) (map[calendar.Date]LakeDay, error) {
	items, err := s.readDayItems(ctx, ws, calendar.Date{Year: 1, Month: 1, Day: 1}, before.AddDays(-1))
	if err != nil {
		return nil, fmt.Errorf("lake days: %w", err)
	}
	out := make(map[calendar.Date]LakeDay, len(items))
	for d, it := range items {
		out[d] = LakeDay{Version: it.dv}
	}
	err = s.queryAll(ctx, &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("pk = :p AND sk < :b"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":p": str(lakePK(ws)), ":b": str(before.String()),
		},
		ConsistentRead: aws.Bool(true),
	}, func(it map[string]types.AttributeValue) error {
		d, err := calendar.ParseDate(getS(it, attrSK))
		if err != nil {
			return fmt.Errorf("lake marker: %w", err)
		}
		ld := out[d]
		ld.Exported, ld.ExportedVersion, ld.ExportedAt = true, getN(it, "xv"), msTime(getN(it, "xt"))
		out[d] = ld
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lake days: %w", err)
	}
	return out, nil
}

// DayVersion returns a day's change counter (0 when the day has no item).
func (s *Store) DayVersion(ctx context.Context, ws string, day calendar.Date) (int64, error) {
	items, err := s.readDayItems(ctx, ws, day, day)
	if err != nil {
		return 0, fmt.Errorf("day version: %w", err)
	}
	return items[day].dv, nil
}

// MarkLakeExported records that day was written to the lake while its change
// counter was version.
func (s *Store) MarkLakeExported(ctx context.Context, ws string, day calendar.Date, version int64, at time.Time) error {
	item := key(lakePK(ws), day.String())
	item["xv"] = num(version)
	item["xt"] = num(at.UnixMilli())
	if _, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: item}); err != nil {
		return fmt.Errorf("mark lake day %s: %w", day, err)
	}
	return nil
}
