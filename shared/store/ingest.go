package store

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// ingestParallelism bounds the customers written concurrently by one Ingest call.
const ingestParallelism = 8

// Ingest stores validated records durably and idempotently, then folds every
// customer they touch so that sessions and tickets are current before it
// returns. duplicates counts records that were already stored.
//
// A failure part-way leaves every record that was written intact and returns an
// error; the sender retries the whole request, and since every write is
// idempotent the retry converges to the same state.
func (s *Store) Ingest(ctx context.Context, ws domain.Workspace, recs []domain.Record) (accepted, duplicates int, err error) {
	cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
	if err != nil {
		return 0, 0, fmt.Errorf("ingest: workspace calendar: %w", err)
	}
	byCustomer := map[string][]domain.Record{}
	var other []domain.Record
	for _, r := range recs {
		if r.CustomerID != "" && r.Kind != domain.KindSurveyResponse {
			byCustomer[r.CustomerID] = append(byCustomer[r.CustomerID], r)
		} else {
			other = append(other, r)
		}
	}
	var (
		mu     sync.Mutex
		dups   int
		errs   []error
		toFold = map[string]bool{}
	)
	note := func(dup bool, err error, foldCustomer string) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
			return
		}
		if dup {
			dups++
		}
		if foldCustomer != "" {
			toFold[foldCustomer] = true
		}
	}
	// Records of one customer are written in order by one worker; customers in parallel.
	customers := make([]string, 0, len(byCustomer))
	for c := range byCustomer {
		customers = append(customers, c)
	}
	sort.Strings(customers)
	runParallel(customers, func(c string) {
		for _, r := range byCustomer[c] {
			dup, fold, err := s.storeCustomerRecord(ctx, ws.ID, r)
			target := ""
			if fold {
				target = c
			}
			note(dup, err, target)
		}
	})
	for _, r := range other {
		dup, foldCustomer, err := s.storeOtherRecord(ctx, ws.ID, r)
		note(dup, err, foldCustomer)
	}
	if len(errs) > 0 {
		return 0, 0, errs[0]
	}
	if err := s.markRecordDays(ctx, ws.ID, cal, recs); err != nil {
		return 0, 0, err
	}
	folds := make([]string, 0, len(toFold))
	for c := range toFold {
		folds = append(folds, c)
	}
	sort.Strings(folds)
	runParallel(folds, func(c string) {
		note(false, s.foldCustomer(ctx, ws.ID, cal, c), "")
	})
	if len(errs) > 0 {
		return 0, 0, errs[0]
	}
	return len(recs) - dups, dups, nil
}

func runParallel(keys []string, fn func(string)) {
	sem := make(chan struct{}, ingestParallelism)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		sem <- struct{}{}
		go func(k string) {
			defer wg.Done()
			defer func() { <-sem }()
			fn(k)
		}(k)
	}
	wg.Wait()
}

// storeCustomerRecord writes one record of a customer's timeline. fold reports
// whether the customer's derived items may have changed.
func (s *Store) storeCustomerRecord(ctx context.Context, ws string, r domain.Record) (dup, fold bool, err error) {
	switch r.Kind {
	case domain.KindMessage:
		dup, err = s.putMessage(ctx, ws, r)
		return dup, true, err
	case domain.KindStatus:
		dup, err = s.putStatus(ctx, ws, r.Status)
		return dup, false, err
	case domain.KindAssignment, domain.KindResolve, domain.KindLabeling, domain.KindCall, domain.KindProfile:
		dup, err = s.putTimelineEvent(ctx, ws, r)
		return dup, true, err
	case domain.KindSurveyRequest:
		dup, err = s.putSurveyRequest(ctx, ws, r)
		return dup, true, err
	default:
		return false, false, fmt.Errorf("record %q: kind %q has no customer store", r.EventID, r.Kind)
	}
}

// storeOtherRecord writes a record that is not keyed by customer. foldCustomer
// names a customer to fold afterwards ("" for none).
func (s *Store) storeOtherRecord(ctx context.Context, ws string, r domain.Record) (dup bool, foldCustomer string, err error) {
	switch r.Kind {
	case domain.KindAgent:
		dup, err = s.putAgent(ctx, ws, r)
		return dup, "", err
	case domain.KindAccess:
		dup, err = s.putAccess(ctx, ws, r)
		return dup, "", err
	case domain.KindSurveyResponse:
		return s.putSurveyResponse(ctx, ws, r)
	default:
		return false, "", fmt.Errorf("record %q: kind %q needs a customer id", r.EventID, r.Kind)
	}
}

// putMessage merges a message into its item. WhatsApp and the helpdesk keep
// their own copies (wa, hd) so the merge is independent of arrival order.
func (s *Store) putMessage(ctx context.Context, ws string, r domain.Record) (bool, error) {
	m := r.Message
	if m == nil {
		return false, fmt.Errorf("record %q: message missing", r.EventID)
	}
	body, err := jsonAttr(m)
	if err != nil {
		return false, err
	}
	vals := map[string]types.AttributeValue{
		":body": body,
		":p":    str(idxMessages(ws)),
		":k":    str(timeSK(m.At, m.ID)),
	}
	var expr string
	if r.Source == "whatsapp" {
		expr = "SET wa = :body, gsi1pk = :p, gsi1sk = if_not_exists(gsi1sk, :k)"
	} else {
		expr = "SET hd = :body, hdeid = :eid, gsi1pk = :p, gsi1sk = :k"
		vals[":eid"] = str(r.EventID)
	}
	out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 &s.table,
		Key:                       key(customerPK(ws, m.CustomerID), prefixMessage+m.ID),
		UpdateExpression:          aws.String(expr),
		ExpressionAttributeValues: vals,
		ReturnValues:              types.ReturnValueUpdatedOld,
	})
	if err != nil {
		return false, fmt.Errorf("store message %q: %w", m.ID, err)
	}
	if r.Source == "whatsapp" {
		return out.Attributes["wa"] != nil, nil
	}
	return getS(out.Attributes, "hdeid") == r.EventID, nil
}

// putStatus moves a message's delivery status forward only: a higher rank wins,
// and for the same status the earliest time wins.
func (s *Store) putStatus(ctx context.Context, ws string, st *domain.StatusUpdate) (bool, error) {
	rank := domain.StatusRank(st.Status)
	if rank == 0 {
		return false, nil // unknown statuses are accepted and never change the message
	}
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           &s.table,
		Key:                 key(customerPK(ws, st.CustomerID), prefixMessage+st.MessageID),
		UpdateExpression:    aws.String("SET st = :s, str = :r, sta = :t"),
		ConditionExpression: aws.String("attribute_not_exists(str) OR str < :r OR (str = :r AND sta > :t)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":s": str(st.Status),
			":r": num(int64(rank)),
			":t": num(st.At.UnixMilli()),
		},
	})
	if isConditionFailed(err) {
		return false, nil // an older or repeated status: accepted, changes nothing
	}
	if err != nil {
		return false, fmt.Errorf("store status of %q: %w", st.MessageID, err)
	}
	return false, nil
}

// putTimelineEvent stores an assignment, resolve, labeling, call or profile
// event once, keyed by its event id.
func (s *Store) putTimelineEvent(ctx context.Context, ws string, r domain.Record) (bool, error) {
	body, err := jsonAttr(r)
	if err != nil {
		return false, err
	}
	item := key(customerPK(ws, r.CustomerID), prefixEvent+r.EventID)
	item[attrData] = body
	if r.Kind == domain.KindCall && r.Call != nil {
		item[attrGSI1PK] = str(idxCalls(ws))
		item[attrGSI1SK] = str(timeSK(r.Call.At, r.EventID))
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           &s.table,
		Item:                item,
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	if isConditionFailed(err) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("store event %q: %w", r.EventID, err)
	}
	return false, nil
}

// markRecordDays marks the ended days of messages and calls as changed (their
// counts live in day summaries); the fold marks the days of derived items.
func (s *Store) markRecordDays(ctx context.Context, ws string, cal *calendar.Calendar, recs []domain.Record) error {
	days := map[string]bool{}
	for _, r := range recs {
		switch {
		case r.Message != nil:
			days[cal.DayOf(r.Message.At).String()] = true
		case r.Call != nil:
			days[cal.DayOf(r.Call.At).String()] = true
		}
	}
	return s.markDirty(ctx, ws, cal, days)
}
