package store

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// A survey's request and response may arrive in any order and only the response
// knows nothing of the customer, so both meet in one master item per survey;
// whoever completes it copies the merged survey into the customer's partition
// (V#<csat_id>) where the fold reads it.

func responseRank(r *domain.SurveyResponse) string { return timeKey(r.At) + "#" + r.EventID }

func (s *Store) putSurveyRequest(ctx context.Context, ws string, r domain.Record) (bool, error) {
	req := r.SurveyRequest
	if req == nil {
		return false, fmt.Errorf("record %q: survey request missing", r.EventID)
	}
	body, err := jsonAttr(req)
	if err != nil {
		return false, err
	}
	out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        &s.table,
		Key:              key(surveyPK(ws, req.CSATID), "Q"),
		UpdateExpression: aws.String("SET req = :req, cust = :c"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":req": body,
			":c":   str(req.CustomerID),
		},
		ReturnValues: types.ReturnValueAllOld,
	})
	if err != nil {
		return false, fmt.Errorf("store survey request %q: %w", req.CSATID, err)
	}
	dup := out.Attributes["req"] != nil
	merged := out.Attributes
	if merged == nil {
		merged = map[string]types.AttributeValue{}
	}
	merged["req"] = body
	return dup, s.copySurvey(ctx, ws, req.CustomerID, merged)
}

// putSurveyResponse keeps the latest response of a survey (by time, then event id).
func (s *Store) putSurveyResponse(ctx context.Context, ws string, r domain.Record) (bool, string, error) {
	resp := r.SurveyResponse
	if resp == nil {
		return false, "", fmt.Errorf("record %q: survey response missing", r.EventID)
	}
	body, err := jsonAttr(resp)
	if err != nil {
		return false, "", err
	}
	rk := responseRank(resp)
	k := key(surveyPK(ws, resp.CSATID), "Q")
	out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           &s.table,
		Key:                 k,
		UpdateExpression:    aws.String("SET resp = :resp, rk = :rk"),
		ConditionExpression: aws.String("attribute_not_exists(rk) OR rk < :rk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":resp": body,
			":rk":   str(rk),
		},
		ReturnValues: types.ReturnValueAllNew,
	})
	dup := false
	var item map[string]types.AttributeValue
	switch {
	case isConditionFailed(err):
		got, gerr := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: k, ConsistentRead: aws.Bool(true)})
		if gerr != nil {
			return false, "", fmt.Errorf("read survey %q: %w", resp.CSATID, gerr)
		}
		if getS(got.Item, "rk") != rk {
			return false, "", nil // an older response than the one kept: accepted, changes nothing
		}
		dup, item = true, got.Item // retried: make sure the copy exists
	case err != nil:
		return false, "", fmt.Errorf("store survey response %q: %w", resp.CSATID, err)
	default:
		item = out.Attributes
	}
	cust := getS(item, "cust")
	if cust == "" {
		return dup, "", nil // the request has not arrived yet; it will copy the survey
	}
	return dup, cust, s.copySurvey(ctx, ws, cust, item)
}

// copySurvey writes the merged survey into the customer's partition; a copy
// that knows more (the request, a later response) always wins.
func (s *Store) copySurvey(ctx context.Context, ws, customer string, master map[string]types.AttributeValue) error {
	var sv domain.Survey
	if err := decodeAttr(master, "req", &sv); err != nil {
		return fmt.Errorf("decode survey request: %w", err)
	}
	rank := "1|"
	if master["resp"] != nil {
		var resp domain.SurveyResponse
		if err := decodeAttr(master, "resp", &resp); err != nil {
			return fmt.Errorf("decode survey response: %w", err)
		}
		sv.Responded, sv.RespondedAt, sv.Rating, sv.Comment, sv.ResponseEventID = true, resp.At, resp.Rating, resp.Comment, resp.EventID
		rank += responseRank(&resp)
	}
	body, err := jsonAttr(sv)
	if err != nil {
		return err
	}
	if err := s.setIfNewer(ctx, key(customerPK(ws, customer), prefixSurvey+sv.CSATID), attrData, body, "sr", rank); err != nil {
		return fmt.Errorf("copy survey %q: %w", sv.CSATID, err)
	}
	return nil
}
