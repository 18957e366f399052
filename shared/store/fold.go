package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// maxFoldAttempts bounds the re-folds after losing a race with another writer.
const maxFoldAttempts = 20

// tombstoneTTL is how long a tombstone of a vanished derived item is kept.
const tombstoneTTL = 30 * 24 * time.Hour

// customerState is the #STATE item of a customer partition: the fold version
// counter, what the last fold derived, and per-customer facts for the reports.
type customerState struct {
	N       int64             // incremented after every stored change of the timeline
	Folded  int64             // version of the last fold that recorded its result
	Hashes  map[string]string // derived item sort key → content hash, as last recorded
	No      int64             // dense per-workspace customer number (0 = not yet assigned)
	FirstIn int64             // first inbound message, unix ms (0 = none)
}

// derivedItem is one item the fold writes: a session (with its ticket) or a survey fact.
type derivedItem struct {
	sk    string
	hash  string
	attrs map[string]types.AttributeValue
}

// FoldCustomer re-derives a customer's sessions, tickets and survey facts from
// everything stored for it, and writes what changed.
//
// Protocol (no transactions): every stored change of the timeline is followed
// by an increment of #STATE.n. A fold reads #STATE and the timeline in one
// strongly consistent query; since #STATE sorts first and every event is
// written before its increment, the fold sees at least every event counted in
// the n it read, and calls n its version. Derived items are written with the
// condition "stored version < mine", so an older view can never overwrite a
// newer one; the fold then records its version in #STATE and, if a newer
// increment or fold happened meanwhile, folds again. The last fold to finish
// has seen every event, so the stored result is the fold of the whole set.
func (s *Store) FoldCustomer(ctx context.Context, wsp domain.Workspace, customer string) error {
	cal, err := calendar.New(wsp.Timezone, wsp.BusinessHours)
	if err != nil {
		return fmt.Errorf("fold %q: workspace calendar: %w", customer, err)
	}
	return s.foldCustomer(ctx, wsp.ID, cal, customer)
}

// foldCustomer is FoldCustomer with the workspace's calendar already built
// (Ingest builds it once per request, not once per customer).
func (s *Store) foldCustomer(ctx context.Context, ws string, cal *calendar.Calendar, customer string) error {
	if _, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 &s.table,
		Key:                       key(customerPK(ws, customer), skState),
		UpdateExpression:          aws.String("ADD n :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1)},
	}); err != nil {
		return fmt.Errorf("bump fold version of %q: %w", customer, err)
	}
	written := map[string]string{}
	for attempt := 0; attempt < maxFoldAttempts; attempt++ {
		done, err := s.foldOnce(ctx, ws, cal, customer, written)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
	return fmt.Errorf("fold %q: still racing after %d attempts", customer, maxFoldAttempts)
}

func (s *Store) foldOnce(ctx context.Context, ws string, cal *calendar.Calendar, customer string, written map[string]string) (bool, error) {
	st, tl, err := s.readTimeline(ctx, ws, customer)
	if err != nil {
		return false, err
	}
	res := domain.Fold(tl)
	if st.No == 0 {
		if st.No, err = s.allocateCustomerNo(ctx, ws); err != nil {
			return false, err
		}
	}
	items, err := deriveItems(ws, cal, customer, st.No, res, tl)
	if err != nil {
		return false, err
	}
	hashes := map[string]string{}
	changed := false
	touched := map[string]bool{} // local days whose figures this fold changes
	for _, it := range items {
		hashes[it.sk] = it.hash
		prev, wrote := written[it.sk]
		if st.Hashes[it.sk] == it.hash && (!wrote || prev == it.hash) {
			continue
		}
		if err := s.putDerived(ctx, ws, customer, it, st.N); err != nil {
			return false, err
		}
		addDays(touched, st.Hashes[it.sk], prev, it.hash)
		written[it.sk], changed = it.hash, true
	}
	var gone []string
	for sk := range st.Hashes {
		gone = append(gone, sk)
	}
	for sk := range written {
		gone = append(gone, sk)
	}
	sort.Strings(gone)
	for _, sk := range gone {
		if _, ok := hashes[sk]; ok || written[sk] == "-" {
			continue
		}
		if err := s.tombstone(ctx, ws, customer, sk, st.N); err != nil {
			return false, err
		}
		addDays(touched, st.Hashes[sk], written[sk])
		written[sk], changed = "-", true
	}
	if res.FirstInboundAt == nil || st.FirstIn != res.FirstInboundAt.UnixMilli() {
		if st.FirstIn != 0 {
			touched[cal.DayOf(msTime(st.FirstIn)).String()] = true
		}
		if res.FirstInboundAt != nil {
			touched[cal.DayOf(*res.FirstInboundAt).String()] = true
		}
	}
	if err := s.markDirty(ctx, ws, cal, touched); err != nil {
		return false, err
	}
	if !changed && st.Folded > 0 {
		return true, nil
	}
	return s.recordFold(ctx, ws, customer, st, hashes, res)
}

// recordFold stores the fold's version and result summary in #STATE. It
// reports false when another fold or a new event came in meanwhile.
func (s *Store) recordFold(ctx context.Context, ws, customer string, st customerState, hashes map[string]string, res domain.FoldResult) (bool, error) {
	hb, err := json.Marshal(hashes)
	if err != nil {
		return false, fmt.Errorf("encode fold hashes: %w", err)
	}
	set := []string{"folded = :w", "h = :h", "cno = if_not_exists(cno, :no)", "cname = :name", "phone = :phone", "country = :country"}
	vals := map[string]types.AttributeValue{
		":w":       num(st.N),
		":h":       str(string(hb)),
		":no":      num(st.No),
		":name":    str(res.CustomerName),
		":phone":   str(res.Phone),
		":country": str(reports.CountryOfCustomer(res.Phone, customer)),
	}
	expr := ""
	if res.FirstInboundAt != nil {
		set = append(set, "fi = :fi", "gsi3pk = :fip", "gsi3sk = :fik")
		vals[":fi"] = num(res.FirstInboundAt.UnixMilli())
		vals[":fip"] = str(idxFirstIn(ws))
		vals[":fik"] = str(firstInSK(*res.FirstInboundAt, st.No, customer))
	} else {
		expr = " REMOVE fi, gsi3pk, gsi3sk"
	}
	out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 &s.table,
		Key:                       key(customerPK(ws, customer), skState),
		UpdateExpression:          aws.String("SET " + strings.Join(set, ", ") + expr),
		ConditionExpression:       aws.String("attribute_not_exists(folded) OR folded <= :w"),
		ExpressionAttributeValues: vals,
		ReturnValues:              types.ReturnValueAllNew,
	})
	if isConditionFailed(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("record fold of %q: %w", customer, err)
	}
	if getN(out.Attributes, "cno") != st.No {
		return false, nil // a concurrent first fold numbered the customer: fold again with its number
	}
	return getN(out.Attributes, "n") == st.N, nil
}

func (s *Store) allocateCustomerNo(ctx context.Context, ws string) (int64, error) {
	out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 &s.table,
		Key:                       key(counterPK(ws), "CUSTOMERS"),
		UpdateExpression:          aws.String("ADD n :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1)},
		ReturnValues:              types.ReturnValueUpdatedNew,
	})
	if err != nil {
		return 0, fmt.Errorf("allocate customer number: %w", err)
	}
	return getN(out.Attributes, "n"), nil
}

// putDerived writes a derived item unless a fold with a newer view already did.
func (s *Store) putDerived(ctx context.Context, ws, customer string, it derivedItem, version int64) error {
	item := key(customerPK(ws, customer), it.sk)
	for k, v := range it.attrs {
		item[k] = v
	}
	item["h"] = str(it.hash)
	item["v"] = num(version)
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:                 &s.table,
		Item:                      item,
		ConditionExpression:       aws.String("attribute_not_exists(v) OR v < :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(version)},
	})
	if err != nil && !isConditionFailed(err) {
		return fmt.Errorf("write %s of %q: %w", it.sk, customer, err)
	}
	return nil
}

// tombstone marks a derived item that no longer exists (its session was merged
// or split by a late event). It keeps its version so stale folds cannot revive it.
func (s *Store) tombstone(ctx context.Context, ws, customer, sk string, version int64) error {
	item := key(customerPK(ws, customer), sk)
	item["del"] = &types.AttributeValueMemberBOOL{Value: true}
	item["v"] = num(version)
	item[attrTTL] = num(s.now().Add(tombstoneTTL).Unix())
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:                 &s.table,
		Item:                      item,
		ConditionExpression:       aws.String("attribute_not_exists(v) OR v < :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(version)},
	})
	if err != nil && !isConditionFailed(err) {
		return fmt.Errorf("tombstone %s of %q: %w", sk, customer, err)
	}
	return nil
}

// readTimeline reads #STATE and every fold input of a customer in one strongly
// consistent query.
func (s *Store) readTimeline(ctx context.Context, ws, customer string) (customerState, domain.Timeline, error) {
	st := customerState{Hashes: map[string]string{}}
	tl := domain.Timeline{CustomerID: customer}
	var profiles []domain.CustomerProfile
	err := s.queryAll(ctx, &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("pk = :p AND sk < :end"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":p":   str(customerPK(ws, customer)),
			":end": str(foldInputsEnd),
		},
		ConsistentRead: aws.Bool(true),
	}, func(item map[string]types.AttributeValue) error {
		sk := getS(item, attrSK)
		switch {
		case sk == skState:
			st.N, st.Folded, st.No, st.FirstIn = getN(item, "n"), getN(item, "folded"), getN(item, "cno"), getN(item, "fi")
			if h := getS(item, "h"); h != "" {
				if err := json.Unmarshal([]byte(h), &st.Hashes); err != nil {
					return fmt.Errorf("decode fold hashes: %w", err)
				}
			}
		case strings.HasPrefix(sk, prefixMessage):
			if m, ok, err := decodeMessage(item); err != nil {
				return err
			} else if ok {
				tl.Messages = append(tl.Messages, m)
			}
		case strings.HasPrefix(sk, prefixSurvey):
			var sv domain.Survey
			if err := decodeData(item, &sv); err != nil {
				return err
			}
			tl.Surveys = append(tl.Surveys, sv)
		case strings.HasPrefix(sk, prefixEvent):
			var r domain.Record
			if err := decodeData(item, &r); err != nil {
				return err
			}
			profiles = addToTimeline(&tl, profiles, r)
		}
		return nil
	})
	if err != nil {
		return st, tl, fmt.Errorf("read timeline of %q: %w", customer, err)
	}
	tl.Profile = latestProfile(profiles)
	return st, tl, nil
}

func addToTimeline(tl *domain.Timeline, profiles []domain.CustomerProfile, r domain.Record) []domain.CustomerProfile {
	switch {
	case r.Assignment != nil:
		tl.Assignments = append(tl.Assignments, *r.Assignment)
	case r.Resolve != nil:
		tl.Resolves = append(tl.Resolves, *r.Resolve)
	case r.Labeling != nil:
		tl.Labelings = append(tl.Labelings, *r.Labeling)
	case r.Call != nil:
		tl.Calls = append(tl.Calls, *r.Call)
	case r.Profile != nil:
		profiles = append(profiles, *r.Profile)
	}
	return profiles
}

// latestProfile is the newest customer.upserted, carrying the newest non-empty name.
func latestProfile(profiles []domain.CustomerProfile) *domain.CustomerProfile {
	if len(profiles) == 0 {
		return nil
	}
	sort.Slice(profiles, func(i, j int) bool { return profileNewer(profiles[j], profiles[i]) })
	p := profiles[len(profiles)-1]
	for i := len(profiles) - 1; i >= 0 && p.Name == ""; i-- {
		p.Name = profiles[i].Name
	}
	return &p
}

func profileNewer(a, b domain.CustomerProfile) bool {
	if !a.At.Equal(b.At) {
		return a.At.After(b.At)
	}
	return a.EventID > b.EventID
}

func hashOf(parts ...any) (string, error) {
	h := sha256.New()
	for _, p := range parts {
		b, err := json.Marshal(p)
		if err != nil {
			return "", fmt.Errorf("hash derived item: %w", err)
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
