package store

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DB is the part of the DynamoDB client the store uses.
type DB interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
}

// Capacity sums the consumed capacity of every call made through a Metered DB,
// broken down by table and index.
type Capacity struct {
	mu    sync.Mutex
	Read  map[string]float64 // "table" or index name → read capacity units
	Write map[string]float64 // "table" or index name → write capacity units
	Calls map[string]int     // operation name → calls
}

// NewCapacity returns an empty Capacity.
func NewCapacity() *Capacity {
	return &Capacity{Read: map[string]float64{}, Write: map[string]float64{}, Calls: map[string]int{}}
}

// Totals returns the read and write units summed over the table and its indexes.
func (c *Capacity) Totals() (read, write float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, v := range c.Read {
		read += v
	}
	for _, v := range c.Write {
		write += v
	}
	return read, write
}

// Snapshot returns copies of the per-part figures.
func (c *Capacity) Snapshot() (read, write map[string]float64, calls map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	read, write, calls = map[string]float64{}, map[string]float64{}, map[string]int{}
	for k, v := range c.Read {
		read[k] = v
	}
	for k, v := range c.Write {
		write[k] = v
	}
	for k, v := range c.Calls {
		calls[k] = v
	}
	return read, write, calls
}

// Reset zeroes every figure.
func (c *Capacity) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Read, c.Write, c.Calls = map[string]float64{}, map[string]float64{}, map[string]int{}
}

func (c *Capacity) add(op string, write bool, ccs ...types.ConsumedCapacity) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Calls[op]++
	target := c.Read
	if write {
		target = c.Write
	}
	for _, cc := range ccs {
		if cc.Table != nil && cc.Table.CapacityUnits != nil {
			target["table"] += *cc.Table.CapacityUnits
		} else if cc.Table == nil && cc.CapacityUnits != nil && len(cc.GlobalSecondaryIndexes) == 0 {
			target["table"] += *cc.CapacityUnits
		}
		for name, idx := range cc.GlobalSecondaryIndexes {
			if idx.CapacityUnits != nil {
				target[name] += *idx.CapacityUnits
			}
		}
	}
}

// Metered wraps a DB so that every call asks for consumed capacity (INDEXES)
// and adds it to cap.
type Metered struct {
	DB  DB
	Cap *Capacity
}

var indexes = types.ReturnConsumedCapacityIndexes

// GetItem implements DB.
func (m Metered) GetItem(ctx context.Context, in *dynamodb.GetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	in.ReturnConsumedCapacity = indexes
	out, err := m.DB.GetItem(ctx, in, o...)
	if err == nil && out.ConsumedCapacity != nil {
		m.Cap.add("GetItem", false, *out.ConsumedCapacity)
	}
	return out, err
}

// PutItem implements DB.
func (m Metered) PutItem(ctx context.Context, in *dynamodb.PutItemInput, o ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	in.ReturnConsumedCapacity = indexes
	out, err := m.DB.PutItem(ctx, in, o...)
	if err == nil && out.ConsumedCapacity != nil {
		m.Cap.add("PutItem", true, *out.ConsumedCapacity)
	} else if err != nil {
		m.Cap.add("PutItem(failed)", true)
	}
	return out, err
}

// UpdateItem implements DB.
func (m Metered) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	in.ReturnConsumedCapacity = indexes
	out, err := m.DB.UpdateItem(ctx, in, o...)
	if err == nil && out.ConsumedCapacity != nil {
		m.Cap.add("UpdateItem", true, *out.ConsumedCapacity)
	} else if err != nil {
		m.Cap.add("UpdateItem(failed)", true)
	}
	return out, err
}

// Query implements DB.
func (m Metered) Query(ctx context.Context, in *dynamodb.QueryInput, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	in.ReturnConsumedCapacity = indexes
	out, err := m.DB.Query(ctx, in, o...)
	if err == nil && out.ConsumedCapacity != nil {
		m.Cap.add("Query", false, *out.ConsumedCapacity)
	}
	return out, err
}

// BatchGetItem implements DB.
func (m Metered) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	in.ReturnConsumedCapacity = indexes
	out, err := m.DB.BatchGetItem(ctx, in, o...)
	if err == nil {
		m.Cap.add("BatchGetItem", false, out.ConsumedCapacity...)
	}
	return out, err
}

// BatchWriteItem implements DB.
func (m Metered) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	in.ReturnConsumedCapacity = indexes
	out, err := m.DB.BatchWriteItem(ctx, in, o...)
	if err == nil {
		m.Cap.add("BatchWriteItem", true, out.ConsumedCapacity...)
	}
	return out, err
}
