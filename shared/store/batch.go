package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// batchGetSize is DynamoDB's limit of keys per BatchGetItem.
const batchGetSize = 100

// batchGet reads the items of keys (eventually consistent) and calls fn for
// each one found, in no particular order.
func (s *Store) batchGet(ctx context.Context, keys []map[string]types.AttributeValue, fn func(map[string]types.AttributeValue) error) error {
	seen := map[string]bool{}
	var uniq []map[string]types.AttributeValue
	for _, k := range keys {
		id := getS(k, attrPK) + "\x00" + getS(k, attrSK)
		if !seen[id] {
			seen[id] = true
			uniq = append(uniq, key(getS(k, attrPK), getS(k, attrSK)))
		}
	}
	for len(uniq) > 0 {
		n := min(batchGetSize, len(uniq))
		pending := map[string]types.KeysAndAttributes{s.table: {Keys: uniq[:n]}}
		uniq = uniq[n:]
		for attempt := 0; len(pending) > 0; attempt++ {
			if attempt > 10 {
				return fmt.Errorf("batch get: unprocessed keys after %d attempts", attempt)
			}
			out, err := s.db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: pending})
			if err != nil {
				return fmt.Errorf("batch get: %w", err)
			}
			for _, it := range out.Responses[s.table] {
				if err := fn(it); err != nil {
					return err
				}
			}
			pending = out.UnprocessedKeys
		}
	}
	return nil
}

func indexRange(index, pkAttr, skAttr, pk, lo, hi string) *dynamodb.QueryInput {
	return &dynamodb.QueryInput{
		IndexName:              &index,
		KeyConditionExpression: strPtr(fmt.Sprintf("%s = :p AND %s BETWEEN :lo AND :hi", pkAttr, skAttr)),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":p": str(pk), ":lo": str(lo), ":hi": str(hi),
		},
	}
}

func strPtr(s string) *string { return &s }
