package main

import (
	"context"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// itemCounter counts the items every read call returns.
type itemCounter struct {
	store.DB
	items atomic.Int64
}

// take returns the items counted since the last take.
func (c *itemCounter) take() int64 { return c.items.Swap(0) }

// Query implements store.DB.
func (c *itemCounter) Query(ctx context.Context, in *dynamodb.QueryInput, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	out, err := c.DB.Query(ctx, in, o...)
	if err == nil {
		c.items.Add(int64(len(out.Items)))
	}
	return out, err
}

// GetItem implements store.DB.
func (c *itemCounter) GetItem(ctx context.Context, in *dynamodb.GetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	out, err := c.DB.GetItem(ctx, in, o...)
	if err == nil && out.Item != nil {
		c.items.Add(1)
	}
	return out, err
}

// BatchGetItem implements store.DB.
func (c *itemCounter) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	out, err := c.DB.BatchGetItem(ctx, in, o...)
	if err == nil {
		for _, items := range out.Responses {
			c.items.Add(int64(len(items)))
		}
	}
	return out, err
}
