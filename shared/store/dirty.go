package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
)

// A derived item's recorded hash carries the local days its figures belong to
// ("<content hash>|<day>,<day>"), so a fold that changes or removes the item
// knows which days it moves numbers out of as well as into.

func withDays(hash string, cal *calendar.Calendar, instants []time.Time) string {
	set := map[string]bool{}
	for _, t := range instants {
		set[cal.DayOf(t).String()] = true
	}
	days := make([]string, 0, len(set))
	for d := range set {
		days = append(days, d)
	}
	sort.Strings(days)
	return hash + "|" + strings.Join(days, ",")
}

// addDays adds the days named in recorded hashes to set.
func addDays(set map[string]bool, hashes ...string) {
	for _, h := range hashes {
		_, days, ok := strings.Cut(h, "|")
		if !ok || days == "" {
			continue
		}
		for _, d := range strings.Split(days, ",") {
			set[d] = true
		}
	}
}

// markDirty bumps the change counter of every touched day that has ended in
// the workspace's zone (a day that may already be finalized), so reports stop
// trusting its stored summary at once and the next rollup re-finalizes it.
// Today's changes need no mark: today is always computed live.
func (s *Store) markDirty(ctx context.Context, ws string, cal *calendar.Calendar, days map[string]bool) error {
	today := cal.Today(s.now()).String()
	list := make([]string, 0, len(days))
	for d := range days {
		if d < today {
			list = append(list, d)
		}
	}
	sort.Strings(list)
	for _, d := range list {
		if _, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName:                 &s.table,
			Key:                       key(daysPK(ws), d),
			UpdateExpression:          aws.String("ADD dv :one"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1)},
		}); err != nil {
			return fmt.Errorf("mark day %s changed: %w", d, err)
		}
	}
	return nil
}
