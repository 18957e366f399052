package awsclients

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Local stand-in settings.
const (
	// LocalRegion is the region used with local endpoints.
	LocalRegion = "us-east-1"
	// LocalAccessKey is the static access key used with local endpoints (s3rver's default).
	LocalAccessKey = "S3RVER"
	// LocalSecretKey is the static secret key used with local endpoints (s3rver's default).
	LocalSecretKey = "S3RVER"
	// localMaxAttempts bounds retries against a local server.
	localMaxAttempts = 3
)

// Clients are the AWS clients and resource names a program uses.
type Clients struct {
	Dynamo *dynamodb.Client
	S3     *s3.Client
	Table  string
	Bucket string
}

// FromEnv builds Clients from SettingsFromEnv.
func FromEnv(ctx context.Context) (*Clients, error) {
	return New(ctx, SettingsFromEnv())
}

// New builds Clients from s.
func New(ctx context.Context, s Settings) (*Clients, error) {
	d, err := NewDynamo(ctx, s.DynamoEndpoint)
	if err != nil {
		return nil, err
	}
	c, err := NewS3(ctx, s.S3Endpoint)
	if err != nil {
		return nil, err
	}
	return &Clients{Dynamo: d, S3: c, Table: s.TableName, Bucket: s.BucketName}, nil
}

// NewDynamo builds a DynamoDB client: for endpoint when it is not empty,
// otherwise from the default AWS configuration.
func NewDynamo(ctx context.Context, endpoint string) (*dynamodb.Client, error) {
	if endpoint == "" {
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			return nil, fmt.Errorf("load aws config for dynamodb: %w", err)
		}
		return dynamodb.NewFromConfig(cfg), nil
	}
	return dynamodb.NewFromConfig(LocalConfig(), func(o *dynamodb.Options) {
		o.BaseEndpoint = aws.String(endpoint)
	}), nil
}

// NewS3 builds an S3 client: for endpoint (path-style) when it is not empty,
// otherwise from the default AWS configuration.
func NewS3(ctx context.Context, endpoint string) (*s3.Client, error) {
	if endpoint == "" {
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			return nil, fmt.Errorf("load aws config for s3: %w", err)
		}
		return s3.NewFromConfig(cfg), nil
	}
	return s3.NewFromConfig(LocalConfig(), func(o *s3.Options) {
		o.BaseEndpoint = aws.String(endpoint)
		o.UsePathStyle = true
	}), nil
}

// LocalConfig is the AWS configuration for local servers: region us-east-1,
// static credentials, no shared config files, few fast retries and short
// connect timeouts so a dead endpoint fails in seconds.
func LocalConfig() aws.Config {
	dialer := &net.Dialer{Timeout: 2 * time.Second, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		DialContext:           dialer.DialContext,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   100,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
	}
	return aws.Config{
		Region:      LocalRegion,
		Credentials: credentials.NewStaticCredentialsProvider(LocalAccessKey, LocalSecretKey, ""),
		HTTPClient:  &http.Client{Transport: transport},
		Retryer: func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts = localMaxAttempts
				o.MaxBackoff = 200 * time.Millisecond
				o.RateLimiter = ratelimit.None
			})
		},
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	}
}
