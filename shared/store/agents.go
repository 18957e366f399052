package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// putAgent keeps the latest agent.upserted of each agent (by time, then event id).
func (s *Store) putAgent(ctx context.Context, ws string, r domain.Record) (bool, error) {
	a := r.Agent
	if a == nil {
		return false, fmt.Errorf("record %q: agent missing", r.EventID)
	}
	dup, err := s.claimEvent(ctx, ws, r.EventID, nil)
	if err != nil {
		return false, err
	}
	body, err := jsonAttr(a)
	if err != nil {
		return false, err
	}
	rank := timeKey(a.UpdatedAt) + "#" + r.EventID
	if err := s.setIfNewer(ctx, key(agentsPK(ws), "A#"+a.ID), attrData, body, "uk", rank); err != nil {
		return false, fmt.Errorf("store agent %q: %w", a.ID, err)
	}
	return dup, nil
}

// putAccess stores a login/logout in the access log and moves the agent's
// latest access forward.
func (s *Store) putAccess(ctx context.Context, ws string, r domain.Record) (bool, error) {
	a := r.Access
	if a == nil {
		return false, fmt.Errorf("record %q: access missing", r.EventID)
	}
	body, err := jsonAttr(a)
	if err != nil {
		return false, err
	}
	dup, err := s.claimEvent(ctx, ws, r.EventID, map[string]types.AttributeValue{
		attrData:   body,
		attrGSI1PK: str(idxAccess(ws)),
		attrGSI1SK: str(timeSK(a.At, r.EventID)),
	})
	if err != nil {
		return false, err
	}
	rank := timeKey(a.At) + "#" + r.EventID
	if err := s.setIfNewer(ctx, key(agentsPK(ws), "A#"+a.AgentID), "la", body, "lak", rank); err != nil {
		return false, fmt.Errorf("store access of %q: %w", a.AgentID, err)
	}
	return dup, nil
}

// setIfNewer sets attribute name to value unless the item already holds a value
// of a greater or equal rank (kept in rankAttr): the latest by rank wins,
// whatever the arrival order. A lost race is not an error.
func (s *Store) setIfNewer(ctx context.Context, k map[string]types.AttributeValue, name string, value types.AttributeValue, rankAttr, rank string) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 &s.table,
		Key:                       k,
		UpdateExpression:          aws.String("SET #v = :v, #r = :r"),
		ConditionExpression:       aws.String("attribute_not_exists(#r) OR #r < :r"),
		ExpressionAttributeNames:  map[string]string{"#v": name, "#r": rankAttr},
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": value, ":r": str(rank)},
	})
	if err != nil && !isConditionFailed(err) {
		return err
	}
	return nil
}

// claimEvent writes the event's own item once; it reports a duplicate when the
// item was already there.
func (s *Store) claimEvent(ctx context.Context, ws, eventID string, attrs map[string]types.AttributeValue) (bool, error) {
	item := key(eventPK(ws, eventID), "X")
	for k, v := range attrs {
		item[k] = v
	}
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           &s.table,
		Item:                item,
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	if isConditionFailed(err) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("store event %q: %w", eventID, err)
	}
	return false, nil
}

// ListAgents returns the workspace's agents sorted by id, each with its latest access.
func (s *Store) ListAgents(ctx context.Context, ws string) ([]domain.Agent, error) {
	var out []domain.Agent
	err := s.queryAll(ctx, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("pk = :p"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": str(agentsPK(ws))},
	}, func(item map[string]types.AttributeValue) error {
		var a domain.Agent
		if item[attrData] != nil {
			if err := decodeData(item, &a); err != nil {
				return err
			}
		} else {
			a.ID = getS(item, attrSK)[2:]
		}
		if item["la"] != nil {
			var acc domain.Access
			if err := decodeAttr(item, "la", &acc); err != nil {
				return err
			}
			a.LastAccess = &acc
		}
		out = append(out, a)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}
