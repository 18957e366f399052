package testenv

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

func TestMain(m *testing.M) { Main(m) }

func TestDynamoRoundTrip(t *testing.T) {
	env := New(t)
	ctx := context.Background()

	desc, err := env.Dynamo.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(env.Table)})
	if err != nil {
		t.Fatal(err)
	}
	if desc.Table.TableStatus != types.TableStatusActive || len(desc.Table.GlobalSecondaryIndexes) != len(tables.Indexes) {
		t.Fatalf("table %s: status %s, %d GSIs", env.Table, desc.Table.TableStatus, len(desc.Table.GlobalSecondaryIndexes))
	}

	item := map[string]types.AttributeValue{
		tables.AttrPK:        &types.AttributeValueMemberS{Value: "WS#w1"},
		tables.AttrSK:        &types.AttributeValueMemberS{Value: "TICKET#t1"},
		tables.AttrGSI1PK:    &types.AttributeValueMemberS{Value: "AGENT#a1"},
		tables.AttrGSI1SK:    &types.AttributeValueMemberS{Value: "2026-01-02"},
		tables.AttrExpiresAt: &types.AttributeValueMemberN{Value: "1900000000"},
		"note":               &types.AttributeValueMemberS{Value: "olá"},
	}
	put, err := env.Dynamo.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:              aws.String(env.Table),
		Item:                   item,
		ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes,
	})
	if err != nil {
		t.Fatal(err)
	}
	// dynalite reports the table's share only (real DynamoDB adds 1 WCU for gsi1).
	cc := put.ConsumedCapacity
	if cc == nil || aws.ToString(cc.TableName) != env.Table || aws.ToFloat64(cc.CapacityUnits) != 1 {
		t.Fatalf("put consumed capacity = %+v, want 1 unit on %s", cc, env.Table)
	}
	if cc.Table == nil || aws.ToFloat64(cc.Table.CapacityUnits) != 1 {
		t.Fatalf("put consumed capacity has no INDEXES breakdown: Table = %+v", cc.Table)
	}

	got, err := env.Dynamo.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(env.Table),
		Key: map[string]types.AttributeValue{
			tables.AttrPK: &types.AttributeValueMemberS{Value: "WS#w1"},
			tables.AttrSK: &types.AttributeValueMemberS{Value: "TICKET#t1"},
		},
		ConsistentRead:         aws.Bool(true),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes,
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := got.Item["note"].(*types.AttributeValueMemberS); !ok || n.Value != "olá" {
		t.Fatalf("get note = %#v", got.Item["note"])
	}
	if aws.ToFloat64(got.ConsumedCapacity.CapacityUnits) != 1 {
		t.Errorf("get consumed %v units, want 1", aws.ToFloat64(got.ConsumedCapacity.CapacityUnits))
	}

	q, err := env.Dynamo.Query(ctx, &dynamodb.QueryInput{
		TableName:                aws.String(env.Table),
		IndexName:                aws.String(tables.IndexGSI1),
		ReturnConsumedCapacity:   types.ReturnConsumedCapacityIndexes,
		KeyConditionExpression:   aws.String("#pk = :pk"),
		ExpressionAttributeNames: map[string]string{"#pk": tables.AttrGSI1PK},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: "AGENT#a1"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Items) != 1 {
		t.Fatalf("gsi1 query returned %d items, want 1", len(q.Items))
	}
	if q.ConsumedCapacity == nil {
		t.Fatal("gsi1 query returned no consumed capacity")
	}
	if _, ok := q.ConsumedCapacity.GlobalSecondaryIndexes[tables.IndexGSI1]; !ok {
		t.Errorf("gsi1 query consumed capacity has no %s entry: %+v", tables.IndexGSI1, q.ConsumedCapacity)
	}

	// CreateTable is idempotent.
	if err := tables.CreateTable(ctx, env.Dynamo, env.Table); err != nil {
		t.Fatalf("second CreateTable: %v", err)
	}
}

func TestS3RoundTrip(t *testing.T) {
	env := New(t)
	ctx := context.Background()
	body := bytes.Repeat([]byte("inbox-metrics,"), 1000)
	key := tables.LakePartitionPrefix(tables.DatasetTickets, "w1", "2026-01-02") + "part-0.parquet"
	if _, err := env.S3.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String(env.Bucket), Key: aws.String(key), Body: bytes.NewReader(body),
	}); err != nil {
		t.Fatal(err)
	}
	out, err := env.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(env.Bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(out.Body)
	out.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, body) {
		t.Fatalf("downloaded %d bytes, want the %d uploaded", len(got), len(body))
	}
	list, err := env.S3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{
		Bucket: aws.String(env.Bucket), Prefix: aws.String(tables.LakeDatasetPrefix(tables.DatasetTickets)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Contents) != 1 || aws.ToString(list.Contents[0].Key) != key {
		t.Fatalf("list = %+v, want only %s", list.Contents, key)
	}
	// CreateBucket is idempotent.
	if err := tables.CreateBucket(ctx, env.S3, env.Bucket); err != nil {
		t.Fatalf("second CreateBucket: %v", err)
	}
}

func TestEnvsAreIsolated(t *testing.T) {
	a, b := New(t), New(t)
	if a.Table == b.Table || a.Bucket == b.Bucket {
		t.Fatalf("two envs share names: %s/%s", a.Table, b.Table)
	}
	if a.DynamoEndpoint != b.DynamoEndpoint || a.S3Endpoint != b.S3Endpoint {
		t.Fatalf("two envs use different stacks: %s vs %s", a.DynamoEndpoint, b.DynamoEndpoint)
	}
}

func TestUniqueName(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	tests := []struct {
		testName   string
		wantPrefix string
	}{
		{"TestFoo", "t-testfoo-"},
		{"TestFoo/sub_case#01", "t-testfoo-sub-case-01-"},
		{strings.Repeat("X", 100), "t-" + strings.Repeat("x", 40) + "-"},
		{"Test/---/", "t-test-"},
	}
	for _, tc := range tests {
		got := uniqueName(tc.testName)
		if !strings.HasPrefix(got, tc.wantPrefix) || !valid.MatchString(got) {
			t.Errorf("uniqueName(%q) = %q, want prefix %q and a valid bucket name", tc.testName, got, tc.wantPrefix)
		}
	}
}
