package store

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// rangeKeys are the index sort-key bounds of the instants [start, end).
func rangeKeys(start, end time.Time) (lo, hi string) {
	return timeKey(start), timeKey(end.Add(-time.Millisecond)) + "#\uffff"
}

// indexSpec names one index partition to read over a time range.
type indexSpec struct {
	index, pkAttr, skAttr, pk string
	keysOnly                  bool
}

func gsi1(pk string) indexSpec { return indexSpec{indexGSI1, attrGSI1PK, attrGSI1SK, pk, false} }
func gsi2(pk string) indexSpec { return indexSpec{indexGSI2, attrGSI2PK, attrGSI2SK, pk, true} }
func gsi3(pk string) indexSpec { return indexSpec{indexGSI3, attrGSI3PK, attrGSI3SK, pk, true} }
func gsi4(pk string) indexSpec { return indexSpec{indexGSI4, attrGSI4PK, attrGSI4SK, pk, true} }

// readRange calls fn for every live item of an index partition whose sort key
// lies in [lo, hi]; KEYS_ONLY indexes are resolved with BatchGetItem.
func (s *Store) readRange(ctx context.Context, spec indexSpec, lo, hi string, fn func(map[string]types.AttributeValue) error) error {
	live := func(it map[string]types.AttributeValue) error {
		if it["del"] != nil || it[attrData] == nil {
			return nil
		}
		return fn(it)
	}
	in := indexRange(spec.index, spec.pkAttr, spec.skAttr, spec.pk, lo, hi)
	if !spec.keysOnly {
		return s.queryAll(ctx, in, live)
	}
	var keys []map[string]types.AttributeValue
	if err := s.queryAll(ctx, in, func(it map[string]types.AttributeValue) error {
		keys = append(keys, it)
		return nil
	}); err != nil {
		return err
	}
	return s.batchGet(ctx, keys, live)
}

func (s *Store) readSessions(ctx context.Context, spec indexSpec, lo, hi string, fn func(SessionRecord)) error {
	return s.readRange(ctx, spec, lo, hi, func(it map[string]types.AttributeValue) error {
		var rec SessionRecord
		if err := decodeData(it, &rec); err != nil {
			return fmt.Errorf("decode session: %w", err)
		}
		fn(rec)
		return nil
	})
}

func (s *Store) readSurveys(ctx context.Context, spec indexSpec, lo, hi string, fn func(SurveyFact)) error {
	return s.readRange(ctx, spec, lo, hi, func(it map[string]types.AttributeValue) error {
		var f SurveyFact
		if err := decodeData(it, &f); err != nil {
			return fmt.Errorf("decode survey: %w", err)
		}
		fn(f)
		return nil
	})
}

func ticketFact(rec SessionRecord) reports.TicketFact {
	return reports.TicketFact{Ticket: *rec.Session.Ticket, CustomerNo: uint32(rec.CustomerNo)}
}

func surveyFact(f SurveyFact) reports.SurveyFact {
	return reports.SurveyFact{Survey: f.Survey, TicketID: f.TicketID, CustomerName: f.CustomerName, AgentID: f.AgentID, CustomerNo: uint32(f.CustomerNo)}
}

// DayFacts reads the raw facts of the local days from..to (inclusive) of a
// workspace, each placed on the day its numbers belong to (CONTRACT section 3).
// Every day of the range is present, empty when nothing happened.
func (s *Store) DayFacts(ctx context.Context, ws string, cal *calendar.Calendar, from, to calendar.Date) (map[calendar.Date]*reports.DayFacts, error) {
	start, end := cal.Bounds(from, to)
	lo, hi := rangeKeys(start, end)
	days := map[calendar.Date]*reports.DayFacts{}
	for d := from; !d.After(to); d = d.AddDays(1) {
		days[d] = &reports.DayFacts{Day: d}
	}
	day := func(t time.Time) *reports.DayFacts { return days[cal.DayOf(t)] }
	steps := []func() error{
		func() error {
			return s.readSessions(ctx, gsi2(idxSessions(ws)), lo, hi, func(rec SessionRecord) {
				if d := day(rec.Session.OpenedAt); d != nil {
					d.SessionsOpened = append(d.SessionsOpened, reports.SessionFact{Session: rec.Session, CustomerNo: uint32(rec.CustomerNo), Country: rec.Country})
				}
			})
		},
		func() error {
			return s.readSessions(ctx, gsi1(idxTickets(ws)), lo, hi, func(rec SessionRecord) {
				if d := day(rec.Session.Ticket.OpenedAt); d != nil {
					d.TicketsOpened = append(d.TicketsOpened, ticketFact(rec))
				}
			})
		},
		func() error {
			return s.readSessions(ctx, gsi3(idxFirstResp(ws)), lo, hi, func(rec SessionRecord) {
				if d := day(*rec.Session.Ticket.FirstResponseAt); d != nil {
					d.FirstResponses = append(d.FirstResponses, ticketFact(rec))
				}
			})
		},
		func() error {
			return s.readSessions(ctx, gsi4(idxResolved(ws)), lo, hi, func(rec SessionRecord) {
				if d := day(*rec.Session.Ticket.ResolvedAt); d != nil {
					d.Resolved = append(d.Resolved, ticketFact(rec))
				}
			})
		},
		func() error {
			return s.readSurveys(ctx, gsi1(idxSurveyReq(ws)), lo, hi, func(f SurveyFact) {
				if d := day(f.Survey.RequestedAt); d != nil {
					d.SurveysRequested = append(d.SurveysRequested, surveyFact(f))
				}
			})
		},
		func() error {
			return s.readSurveys(ctx, gsi2(idxSurveyResp(ws)), lo, hi, func(f SurveyFact) {
				if d := day(f.Survey.RespondedAt); d != nil {
					d.SurveysResponded = append(d.SurveysResponded, surveyFact(f))
				}
			})
		},
		func() error {
			return s.readRange(ctx, gsi1(idxCalls(ws)), lo, hi, func(it map[string]types.AttributeValue) error {
				var r domain.Record
				if err := decodeData(it, &r); err != nil || r.Call == nil {
					return err
				}
				if d := day(r.Call.At); d != nil {
					d.Calls = append(d.Calls, *r.Call)
				}
				return nil
			})
		},
		func() error {
			return s.queryAll(ctx, indexRange(indexGSI3, attrGSI3PK, attrGSI3SK, idxFirstIn(ws), lo, hi), func(it map[string]types.AttributeValue) error {
				at, no, ok := parseFirstInSK(getS(it, attrGSI3SK))
				if !ok {
					return fmt.Errorf("bad first-inbound key %q", getS(it, attrGSI3SK))
				}
				if d := day(at); d != nil {
					d.FirstInbound = append(d.FirstInbound, uint32(no))
				}
				return nil
			})
		},
		func() error {
			msgs, err := s.MessagesBetween(ctx, ws, start, end)
			for _, m := range msgs {
				if d := day(m.Message.At); d != nil {
					d.Messages = append(d.Messages, m)
				}
			}
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("read day facts: %w", err)
		}
	}
	return days, nil
}

// MessagesBetween reads the messages of [start, end) in time order with their
// customers' numbers and countries.
func (s *Store) MessagesBetween(ctx context.Context, ws string, start, end time.Time) ([]reports.MessageFact, error) {
	lo, hi := rangeKeys(start, end)
	var msgs []domain.Message
	err := s.queryAll(ctx, indexRange(indexGSI1, attrGSI1PK, attrGSI1SK, idxMessages(ws), lo, hi), func(it map[string]types.AttributeValue) error {
		m, ok, err := decodeMessage(it)
		if ok {
			msgs = append(msgs, m)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	custs, err := s.customerInfo(ctx, ws, msgs)
	if err != nil {
		return nil, err
	}
	out := make([]reports.MessageFact, len(msgs))
	for i, m := range msgs {
		c := custs[m.CustomerID]
		out[i] = reports.MessageFact{Message: m, CustomerNo: uint32(c.No), Country: c.Country}
	}
	return out, nil
}

// CustomerInfo is what the #STATE item knows of a customer.
type CustomerInfo struct {
	No      int64
	Name    string
	Country string
}

func (s *Store) customerInfo(ctx context.Context, ws string, msgs []domain.Message) (map[string]CustomerInfo, error) {
	var keys []map[string]types.AttributeValue
	for _, m := range msgs {
		keys = append(keys, key(customerPK(ws, m.CustomerID), skState))
	}
	out := map[string]CustomerInfo{}
	prefix := len(customerPK(ws, ""))
	err := s.batchGet(ctx, keys, func(it map[string]types.AttributeValue) error {
		out[getS(it, attrPK)[prefix:]] = CustomerInfo{No: getN(it, "cno"), Name: getS(it, "cname"), Country: getS(it, "country")}
		return nil
	})
	return out, err
}
