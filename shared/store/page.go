package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// pageRequest reads one page of a gsi1 partition, newest first.
type pageRequest struct {
	indexPK string
	lo, hi  string // sort-key bounds, inclusive
	limit   int
	cursor  string
	filter  string // optional FilterExpression
	vals    map[string]types.AttributeValue
	// keep decodes an item and reports whether it belongs on the page.
	keep func(map[string]types.AttributeValue) (bool, error)
}

// page returns up to limit kept items and the cursor of the next page ("" at the end).
func (s *Store) page(ctx context.Context, r pageRequest) (int, string, error) {
	vals := map[string]types.AttributeValue{":p": str(r.indexPK), ":lo": str(r.lo), ":hi": str(r.hi)}
	for k, v := range r.vals {
		vals[k] = v
	}
	in := &dynamodb.QueryInput{
		TableName:                 &s.table,
		IndexName:                 aws.String(indexGSI1),
		KeyConditionExpression:    aws.String("gsi1pk = :p AND gsi1sk BETWEEN :lo AND :hi"),
		ExpressionAttributeValues: vals,
		ScanIndexForward:          aws.Bool(false),
		Limit:                     aws.Int32(int32(max(r.limit+1, 100))),
	}
	if r.filter != "" {
		in.FilterExpression = aws.String(r.filter)
	}
	if r.cursor != "" {
		start, err := decodeCursor(r.cursor, r.indexPK)
		if err != nil {
			return 0, "", err
		}
		in.ExclusiveStartKey = start
	}
	n := 0
	for {
		out, err := s.db.Query(ctx, in)
		if err != nil {
			return n, "", fmt.Errorf("page %s: %w", r.indexPK, err)
		}
		for i, it := range out.Items {
			if it["del"] != nil {
				continue
			}
			ok, err := r.keep(it)
			if err != nil {
				return n, "", err
			}
			if !ok {
				continue
			}
			n++
			if n == r.limit {
				if i == len(out.Items)-1 && len(out.LastEvaluatedKey) == 0 {
					return n, "", nil
				}
				return n, encodeCursor(it), nil
			}
		}
		if len(out.LastEvaluatedKey) == 0 {
			return n, "", nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}
