package store

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// A day item (pk W#<ws>#DAY, sk YYYY-MM-DD) holds a finalized day summary:
//   sum  the reports.DaySummary, binary
//   dv   change counter, bumped by every late change of the day (markDirty)
//   fv   the dv the summary was computed at
//   cfg  fingerprint of the time zone and business hours it was computed with
// A stored summary is used only while fv == dv and cfg matches the workspace.

// SummarySource counts where the days of a report came from.
type SummarySource struct {
	Stored int // days read from finalized summaries
	Live   int // days computed from raw facts
}

// configPrint fingerprints what a summary depends on besides the events.
func configPrint(ws domain.Workspace) string {
	h, _ := hashOf(ws.Timezone, ws.BusinessHours)
	return h
}

type dayItem struct {
	sum     []byte
	dv, fv  int64
	cfg     string
	present bool
}

func (d dayItem) clean(cfg string) bool {
	return d.present && d.sum != nil && d.dv == d.fv && d.cfg == cfg
}

func (s *Store) readDayItems(ctx context.Context, ws string, from, to calendar.Date) (map[calendar.Date]dayItem, error) {
	out := map[calendar.Date]dayItem{}
	err := s.queryAll(ctx, &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("pk = :p AND sk BETWEEN :a AND :b"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":p": str(daysPK(ws)), ":a": str(from.String()), ":b": str(to.String()),
		},
		ConsistentRead: aws.Bool(true),
	}, func(it map[string]types.AttributeValue) error {
		d, err := calendar.ParseDate(getS(it, attrSK))
		if err != nil {
			return fmt.Errorf("day item: %w", err)
		}
		di := dayItem{dv: getN(it, "dv"), fv: getN(it, "fv"), cfg: getS(it, "cfg"), present: true}
		if b, ok := it["sum"].(*types.AttributeValueMemberB); ok {
			di.sum = b.Value
		}
		out[d] = di
		return nil
	})
	return out, err
}

// DaySummaries returns the summary of every day in from..to: the finalized
// summary where it is still valid, else one computed from the raw facts (today,
// days not yet finalized, and days late events changed).
func (s *Store) DaySummaries(ctx context.Context, ws domain.Workspace, cal *calendar.Calendar, from, to calendar.Date) (map[calendar.Date]*reports.DaySummary, SummarySource, error) {
	var src SummarySource
	items, err := s.readDayItems(ctx, ws.ID, from, to)
	if err != nil {
		return nil, src, fmt.Errorf("read day summaries: %w", err)
	}
	cfg := configPrint(ws)
	out := map[calendar.Date]*reports.DaySummary{}
	var runStart *calendar.Date
	flush := func(end calendar.Date) error {
		if runStart == nil {
			return nil
		}
		facts, err := s.DayFacts(ctx, ws.ID, cal, *runStart, end)
		if err != nil {
			return err
		}
		for d, f := range facts {
			out[d] = reports.Summarize(*f, cal)
			src.Live++
		}
		runStart = nil
		return nil
	}
	var stored []calendar.Date
	for d := from; !d.After(to); d = d.AddDays(1) {
		if it := items[d]; it.clean(cfg) {
			stored = append(stored, d)
			src.Stored++
			if err := flush(d.AddDays(-1)); err != nil {
				return nil, src, err
			}
			continue
		}
		if runStart == nil {
			day := d
			runStart = &day
		}
	}
	decoded, err := decodeSummaries(stored, items)
	if err != nil {
		return nil, src, err
	}
	for d, sum := range decoded {
		out[d] = sum
	}
	if err := flush(to); err != nil {
		return nil, src, err
	}
	return out, src, nil
}

// FinalizeDay computes a day's summary from the raw facts and stores it. It is
// harmless to run again: the same events give the same item. A day that has not
// ended yet in the workspace's zone is refused.
func (s *Store) FinalizeDay(ctx context.Context, ws domain.Workspace, day calendar.Date) error {
	cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
	if err != nil {
		return fmt.Errorf("finalize %s: %w", day, err)
	}
	if !day.Before(cal.Today(s.now())) {
		return fmt.Errorf("finalize %s: the day has not ended in %s", day, ws.Timezone)
	}
	for attempt := 0; attempt < maxFoldAttempts; attempt++ {
		items, err := s.readDayItems(ctx, ws.ID, day, day)
		if err != nil {
			return fmt.Errorf("finalize %s: %w", day, err)
		}
		dv := items[day].dv
		facts, err := s.DayFacts(ctx, ws.ID, cal, day, day)
		if err != nil {
			return fmt.Errorf("finalize %s: %w", day, err)
		}
		b, err := reports.Summarize(*facts[day], cal).MarshalBinary()
		if err != nil {
			return fmt.Errorf("finalize %s: encode summary: %w", day, err)
		}
		item := key(daysPK(ws.ID), day.String())
		item["sum"] = &types.AttributeValueMemberB{Value: b}
		item["dv"], item["fv"] = num(dv), num(dv)
		item["cfg"] = str(configPrint(ws))
		cond := "attribute_not_exists(dv) OR dv = :dv"
		_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
			TableName:                 &s.table,
			Item:                      item,
			ConditionExpression:       aws.String(cond),
			ExpressionAttributeValues: map[string]types.AttributeValue{":dv": num(dv)},
		})
		if isConditionFailed(err) {
			continue // a late event changed the day while we read it: again
		}
		if err != nil {
			return fmt.Errorf("finalize %s: store summary: %w", day, err)
		}
		return nil
	}
	return fmt.Errorf("finalize %s: the day kept changing", day)
}

// StaleDays lists the ended days up to before (exclusive) whose stored summary
// is missing or no longer valid, among the days that have a day item, plus every
// day in [since, before) — the days a scheduled rollup should (re)finalize.
func (s *Store) StaleDays(ctx context.Context, ws domain.Workspace, since, before calendar.Date) ([]calendar.Date, error) {
	cfg := configPrint(ws)
	set := map[calendar.Date]bool{}
	for d := since; d.Before(before); d = d.AddDays(1) {
		set[d] = true
	}
	items, err := s.readDayItems(ctx, ws.ID, calendar.Date{Year: 1, Month: 1, Day: 1}, before.AddDays(-1))
	if err != nil {
		return nil, err
	}
	for d, it := range items {
		if set[d] && it.clean(cfg) {
			delete(set, d)
		} else if !it.clean(cfg) {
			set[d] = true
		}
	}
	out := make([]calendar.Date, 0, len(set))
	for d := range set {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out, nil
}

// decodeSummaries decodes the stored summaries of days on every core (decoding
// the sketches is most of a long report's time).
func decodeSummaries(days []calendar.Date, items map[calendar.Date]dayItem) (map[calendar.Date]*reports.DaySummary, error) {
	out := make([]*reports.DaySummary, len(days))
	errs := make([]error, len(days))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				sum := &reports.DaySummary{}
				if err := sum.UnmarshalBinary(items[days[i]].sum); err != nil {
					errs[i] = fmt.Errorf("decode summary of %s: %w", days[i], err)
				}
				out[i] = sum
			}
		}()
	}
	for i := range days {
		next <- i
	}
	close(next)
	wg.Wait()
	m := make(map[calendar.Date]*reports.DaySummary, len(days))
	for i, d := range days {
		if errs[i] != nil {
			return nil, errs[i]
		}
		m[d] = out[i]
	}
	return m, nil
}
