package awsclients

import (
	"context"
	"net"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

func TestSettingsFromEnv(t *testing.T) {
	t.Setenv(EnvTableName, "tbl")
	t.Setenv(EnvBucketName, "bkt")
	t.Setenv(EnvDynamoEndpoint, "http://127.0.0.1:4567")
	t.Setenv(EnvS3Endpoint, "http://127.0.0.1:4568")
	want := Settings{TableName: "tbl", BucketName: "bkt",
		DynamoEndpoint: "http://127.0.0.1:4567", S3Endpoint: "http://127.0.0.1:4568"}
	if got := SettingsFromEnv(); got != want {
		t.Fatalf("SettingsFromEnv = %+v, want %+v", got, want)
	}
	c, err := FromEnv(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Table != "tbl" || c.Bucket != "bkt" {
		t.Errorf("names %q %q", c.Table, c.Bucket)
	}
	if got := aws.ToString(c.Dynamo.Options().BaseEndpoint); got != want.DynamoEndpoint {
		t.Errorf("dynamo endpoint %q", got)
	}
}

func TestLocalClients(t *testing.T) {
	ctx := context.Background()
	d, err := NewDynamo(ctx, "http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewS3(ctx, "http://127.0.0.1:2")
	if err != nil {
		t.Fatal(err)
	}
	creds, err := s.Options().Credentials.Retrieve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"dynamo region", d.Options().Region, LocalRegion},
		{"dynamo endpoint", aws.ToString(d.Options().BaseEndpoint), "http://127.0.0.1:1"},
		{"s3 region", s.Options().Region, LocalRegion},
		{"s3 endpoint", aws.ToString(s.Options().BaseEndpoint), "http://127.0.0.1:2"},
		{"s3 path style", s.Options().UsePathStyle, true},
		{"access key", creds.AccessKeyID, "S3RVER"},
		{"secret key", creds.SecretAccessKey, "S3RVER"},
		{"dynamo attempts", d.Options().Retryer.MaxAttempts(), localMaxAttempts},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestDeadEndpointFails(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	d, err := NewDynamo(context.Background(), "http://"+addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.ListTables(context.Background(), &dynamodb.ListTablesInput{}); err == nil {
		t.Fatal("ListTables against a closed port succeeded")
	}
}
