package localserver

import (
	"context"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// MaxBodyBytes is the largest request body accepted (the Lambda payload limit); 413 above.
const MaxBodyBytes = 6 << 20

// HandlerFunc is the API Gateway v2 handler the Lambdas register.
type HandlerFunc func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// JobFunc runs a job for one local date YYYY-MM-DD and returns a JSON-able summary.
type JobFunc func(ctx context.Context, date string) (any, error)

// Options configure the local server.
type Options struct {
	// JWTSecret is DEV_JWT_SECRET: bearer tokens must be HS256 JWTs signed with it.
	JWTSecret string
	// S3Endpoint, DynamoDBEndpoint, Bucket and Table are reported by GET /_local/config.
	S3Endpoint       string
	DynamoDBEndpoint string
	Bucket           string
	Table            string
	// Jobs are runnable with POST /_local/jobs/{name}?date=YYYY-MM-DD.
	Jobs map[string]JobFunc
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Now defaults to time.Now (request times in the events).
	Now func() time.Time
}
