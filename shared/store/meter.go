package store

import (
	"context"
	"math"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// IndexModel estimates the write units DynamoDB charges on the global
// secondary indexes, which dynalite does not report: it reads the item before
// and after every write (through the unmetered client) and applies DynamoDB's
// rules — an index entry appears, disappears, moves (delete + put), or is
// rewritten when a projected attribute changes; each costs one unit per
// started KB of the projected entry. Failed conditional writes cost one unit of
// the table, as on DynamoDB. It is meant for benchmarks, not production: it
// doubles the calls.
type IndexModel struct {
	Metered
	Table string
	// Items counts write units by item kind (see ItemKind).
	Items map[string]float64
}

// NewIndexModel wraps db; capacity lands in cap.
func NewIndexModel(db DB, cap *Capacity, table string) *IndexModel {
	return &IndexModel{Metered: Metered{DB: db, Cap: cap}, Table: table, Items: map[string]float64{}}
}

// PutItem implements DB.
func (m *IndexModel) PutItem(ctx context.Context, in *dynamodb.PutItemInput, o ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	k := key(getS(in.Item, attrPK), getS(in.Item, attrSK))
	old := m.peek(ctx, k)
	out, err := m.Metered.PutItem(ctx, in, o...)
	m.account(ctx, k, old, err)
	return out, err
}

// UpdateItem implements DB.
func (m *IndexModel) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	old := m.peek(ctx, in.Key)
	out, err := m.Metered.UpdateItem(ctx, in, o...)
	m.account(ctx, in.Key, old, err)
	return out, err
}

func (m *IndexModel) peek(ctx context.Context, k map[string]types.AttributeValue) map[string]types.AttributeValue {
	out, err := m.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: &m.Table, Key: k, ConsistentRead: boolPtr(true)})
	if err != nil {
		return nil
	}
	return out.Item
}

func boolPtr(b bool) *bool { return &b }

func (m *IndexModel) account(ctx context.Context, k map[string]types.AttributeValue, old map[string]types.AttributeValue, err error) {
	kind := ItemKind(getS(k, attrPK), getS(k, attrSK))
	var cur map[string]types.AttributeValue
	if err == nil {
		cur = m.peek(ctx, k)
	}
	m.Cap.mu.Lock()
	defer m.Cap.mu.Unlock()
	if err != nil {
		if isConditionFailed(err) {
			u := units(itemSize(old))
			m.Cap.Write["table"] += u
			m.Items[kind+" (condition failed)"] += u
		}
		return
	}
	m.Items[kind] += units(max(itemSize(old), itemSize(cur)))
	for _, ix := range tables.Indexes {
		u := indexWrite(ix, old, cur)
		if u > 0 {
			m.Cap.Write[ix.Name] += u
			m.Items[kind+" → "+ix.Name] += u
		}
	}
}

// indexWrite is the write units one index charges for an item changing from old to cur.
func indexWrite(ix tables.Index, old, cur map[string]types.AttributeValue) float64 {
	in := func(it map[string]types.AttributeValue) bool {
		return getS(it, ix.PartitionKey) != "" && getS(it, ix.SortKey) != ""
	}
	size := func(it map[string]types.AttributeValue) int {
		if ix.Projection == tables.ProjectionAll {
			return itemSize(it)
		}
		n := 0
		for _, a := range []string{attrPK, attrSK, ix.PartitionKey, ix.SortKey} {
			n += len(a) + len(getS(it, a))
		}
		return n
	}
	switch oldIn, newIn := in(old), in(cur); {
	case !oldIn && !newIn:
		return 0
	case !oldIn:
		return units(size(cur))
	case !newIn:
		return units(size(old))
	case getS(old, ix.PartitionKey) != getS(cur, ix.PartitionKey) || getS(old, ix.SortKey) != getS(cur, ix.SortKey):
		return units(size(old)) + units(size(cur))
	case ix.Projection == tables.ProjectionAll && !sameItem(old, cur):
		return units(size(cur))
	default:
		return 0
	}
}

func units(bytes int) float64 { return math.Max(1, math.Ceil(float64(bytes)/1024)) }

// itemSize approximates DynamoDB's item size: attribute names plus values.
func itemSize(it map[string]types.AttributeValue) int {
	n := 0
	for name, v := range it {
		n += len(name)
		switch x := v.(type) {
		case *types.AttributeValueMemberS:
			n += len(x.Value)
		case *types.AttributeValueMemberN:
			n += len(x.Value)/2 + 1
		case *types.AttributeValueMemberB:
			n += len(x.Value)
		default:
			n += 1
		}
	}
	return n
}

func sameItem(a, b map[string]types.AttributeValue) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !sameValue(v, w) {
			return false
		}
	}
	return true
}

func sameValue(a, b types.AttributeValue) bool {
	switch x := a.(type) {
	case *types.AttributeValueMemberS:
		y, ok := b.(*types.AttributeValueMemberS)
		return ok && x.Value == y.Value
	case *types.AttributeValueMemberN:
		y, ok := b.(*types.AttributeValueMemberN)
		return ok && x.Value == y.Value
	case *types.AttributeValueMemberB:
		y, ok := b.(*types.AttributeValueMemberB)
		return ok && string(x.Value) == string(y.Value)
	case *types.AttributeValueMemberBOOL:
		y, ok := b.(*types.AttributeValueMemberBOOL)
		return ok && x.Value == y.Value
	}
	return false
}

// ItemKind names the kind of item a key belongs to, for capacity breakdowns.
func ItemKind(pk, sk string) string {
	switch {
	case strings.HasPrefix(pk, "C#"):
		switch {
		case sk == skState:
			return "customer state"
		case strings.HasPrefix(sk, prefixMessage):
			return "message"
		case strings.HasPrefix(sk, prefixEvent):
			return "timeline event"
		case strings.HasPrefix(sk, prefixSurvey):
			return "survey copy"
		case strings.HasPrefix(sk, prefixSession):
			return "session/ticket"
		case strings.HasPrefix(sk, prefixSurveyF):
			return "survey fact"
		}
	case strings.HasPrefix(pk, "Q#"):
		return "survey master"
	case strings.HasPrefix(pk, "X#"):
		return "event claim / access log"
	case strings.HasSuffix(pk, "#AGENTS"):
		return "agent"
	case strings.HasSuffix(pk, "#CTR"):
		return "customer counter"
	case strings.HasSuffix(pk, "#DAY"):
		return "day summary"
	case strings.HasPrefix(pk, "WS#"):
		return "workspace"
	}
	return "other"
}
