package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/events"

	"github.com/inboxmetrics/inbox-metrics/shared/awsclients"
)

// Env is what a Lambda entry point needs: clients from the environment and a JSON logger.
type Env struct {
	Clients *awsclients.Clients
	Options Options
}

// FromEnv builds the clients and options of a Lambda function from its
// environment (TABLE_NAME, BUCKET_NAME, optional local endpoints) and installs
// a JSON slog logger as the default.
func FromEnv(ctx context.Context) (Env, error) {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	slog.SetDefault(logger)
	settings := awsclients.SettingsFromEnv()
	if settings.TableName == "" {
		return Env{}, fmt.Errorf("%s is not set", awsclients.EnvTableName)
	}
	clients, err := awsclients.New(ctx, settings)
	if err != nil {
		return Env{}, fmt.Errorf("aws clients: %w", err)
	}
	return Env{Clients: clients, Options: Options{DB: clients.Dynamo, Table: settings.TableName, Logger: logger}}, nil
}

// Handler is what a Lambda entry point registers.
type Handler interface {
	Handle(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)
}

// NewAPIHandler is the handler of the api function: every route, exports
// handed to the exporter function by an asynchronous invoke.
func NewAPIHandler(ctx context.Context, env Env) (Handler, error) {
	st := NewStore(env.Options)
	runner, err := LambdaExportRunner(ctx)
	if err != nil {
		return nil, err
	}
	opts := env.Options
	opts.Extra = append(opts.Extra, ReportRoutes(st, opts.Clock)...)
	opts.Extra = append(opts.Extra, ExportRoutes(st, env.Clients.S3, env.Clients.Bucket, runner, opts.Clock)...)
	return NewHandler(opts, st), nil
}

// NewWebhooksHandler is the handler of the webhooks function. It has every
// route too (the gateway only sends it the webhook routes), without exports.
func NewWebhooksHandler(env Env) Handler {
	st := NewStore(env.Options)
	return NewHandler(env.Options, st)
}
