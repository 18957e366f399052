package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// TicketQuery filters a ticket listing (newest opened_at first).
type TicketQuery struct {
	Statuses []string  // empty = all
	From, To time.Time // opened_at in [From, To); zero = unbounded
	AgentIDs []string  // nil = all; else the ticket's current agent must be one of these
	Query    string    // lower-case substring of the customer name
	Limit    int
	Cursor   string
}

// ListTickets pages through the workspace's tickets by opened_at, newest first.
func (s *Store) ListTickets(ctx context.Context, ws string, q TicketQuery) ([]domain.Ticket, string, error) {
	if q.AgentIDs != nil && len(q.AgentIDs) == 0 {
		return nil, "", nil
	}
	lo, hi := "0", "9"
	if !q.From.IsZero() {
		lo = timeKey(q.From)
	}
	if !q.To.IsZero() {
		lo2, hi2 := rangeKeys(q.From, q.To)
		if !q.From.IsZero() {
			lo = lo2
		}
		hi = hi2
	}
	vals := map[string]types.AttributeValue{}
	var filters []string
	if len(q.Statuses) > 0 {
		filters = append(filters, inList("st", "s", q.Statuses, vals))
	}
	if q.AgentIDs != nil {
		filters = append(filters, inList("ag", "a", q.AgentIDs, vals))
	}
	if q.Query != "" {
		filters = append(filters, "contains(cn, :q)")
		vals[":q"] = str(strings.ToLower(q.Query))
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	var items []domain.Ticket
	_, next, err := s.page(ctx, pageRequest{
		indexPK: idxTickets(ws), lo: lo, hi: hi, limit: limit, cursor: q.Cursor,
		filter: strings.Join(filters, " AND "), vals: vals,
		keep: func(it map[string]types.AttributeValue) (bool, error) {
			var rec SessionRecord
			if err := decodeData(it, &rec); err != nil {
				return false, err
			}
			if rec.Session.Ticket == nil {
				return false, nil
			}
			items = append(items, *rec.Session.Ticket)
			return true, nil
		},
	})
	if err != nil {
		return nil, "", fmt.Errorf("list tickets: %w", err)
	}
	return items, next, nil
}

// GetTicket returns a ticket and the transcript of its session, or domain.ErrNotFound.
func (s *Store) GetTicket(ctx context.Context, ws, ticketID string) (domain.Ticket, []domain.Message, error) {
	customer, ok := domain.CustomerOfSession(ticketID)
	if !ok {
		return domain.Ticket{}, nil, domain.ErrNotFound
	}
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table,
		Key:       key(customerPK(ws, customer), prefixSession+ticketID),
	})
	if err != nil {
		return domain.Ticket{}, nil, fmt.Errorf("get ticket %q: %w", ticketID, err)
	}
	if out.Item == nil || out.Item["del"] != nil || out.Item[attrData] == nil {
		return domain.Ticket{}, nil, domain.ErrNotFound
	}
	var rec SessionRecord
	if err := decodeData(out.Item, &rec); err != nil {
		return domain.Ticket{}, nil, err
	}
	if rec.Session.Ticket == nil {
		return domain.Ticket{}, nil, domain.ErrNotFound
	}
	msgs, err := s.customerMessages(ctx, ws, customer, rec.Session.MessageIDs)
	if err != nil {
		return domain.Ticket{}, nil, err
	}
	return *rec.Session.Ticket, msgs, nil
}

// customerMessages reads the named messages of a customer, in time order.
func (s *Store) customerMessages(ctx context.Context, ws, customer string, ids []string) ([]domain.Message, error) {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var msgs []domain.Message
	err := s.queryAll(ctx, &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("pk = :p AND begins_with(sk, :m)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":p": str(customerPK(ws, customer)),
			":m": str(prefixMessage),
		},
	}, func(item map[string]types.AttributeValue) error {
		m, ok, err := decodeMessage(item)
		if err != nil || !ok || !want[m.ID] {
			return err
		}
		msgs = append(msgs, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read transcript: %w", err)
	}
	sort.SliceStable(msgs, func(i, j int) bool {
		if !msgs[i].At.Equal(msgs[j].At) {
			return msgs[i].At.Before(msgs[j].At)
		}
		return msgs[i].ID < msgs[j].ID
	})
	return msgs, nil
}

func inList(attr, prefix string, values []string, vals map[string]types.AttributeValue) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = fmt.Sprintf(":%s%d", prefix, i)
		vals[names[i]] = str(v)
	}
	return attr + " IN (" + strings.Join(names, ", ") + ")"
}

// cursor is the opaque next_cursor: the index key of the last item returned.
type cursor struct {
	PK, SK, IPK, ISK string
}

func encodeCursor(item map[string]types.AttributeValue) string {
	b, _ := json.Marshal(cursor{getS(item, attrPK), getS(item, attrSK), getS(item, attrGSI1PK), getS(item, attrGSI1SK)})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, wantIndexPK string) (map[string]types.AttributeValue, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, domain.ErrBadCursor
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil || c.IPK != wantIndexPK || c.PK == "" || c.SK == "" || c.ISK == "" {
		return nil, domain.ErrBadCursor
	}
	return map[string]types.AttributeValue{
		attrPK: str(c.PK), attrSK: str(c.SK), attrGSI1PK: str(c.IPK), attrGSI1SK: str(c.ISK),
	}, nil
}
