package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/inboxmetrics/inbox-metrics/shared/exports"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

// ExportRoutes are the admin-only export endpoints (POST/GET /v1/exports,
// GET /v1/exports/{id}, GET /v1/exports/{id}/download) over the store, the
// bucket and runner; clock nil means time.Now.
func ExportRoutes(st *store.Store, client *s3.Client, bucket string, runner exports.Runner, clock func() time.Time) []httpapi.Route {
	api := &exports.API{Store: st, Files: exports.NewFiles(client, bucket), Runner: runner, Clock: clock}
	return api.Routes()
}

// NewExporter returns the exporter that builds requested exports.
func NewExporter(st *store.Store, client *s3.Client, bucket string, log *slog.Logger) *exports.Exporter {
	return &exports.Exporter{Store: st, Files: exports.NewFiles(client, bucket), Log: log}
}

// NewLocalExportRunner runs exports in goroutines of this process (local server).
func NewLocalExportRunner(st *store.Store, client *s3.Client, bucket string, log *slog.Logger) *exports.LocalRunner {
	return &exports.LocalRunner{Exporter: NewExporter(st, client, bucket, log)}
}

// LambdaExportRunner invokes the exporter function named by EXPORTER_FUNCTION
// asynchronously (the API function in AWS).
func LambdaExportRunner(ctx context.Context) (exports.LambdaRunner, error) {
	name := os.Getenv(exports.EnvExporterFunction)
	if name == "" {
		return exports.LambdaRunner{}, fmt.Errorf("%s is not set", exports.EnvExporterFunction)
	}
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return exports.LambdaRunner{}, fmt.Errorf("load aws config for lambda: %w", err)
	}
	return exports.LambdaRunner{Client: lambda.NewFromConfig(cfg), Function: name}, nil
}

// NewLake returns the daily lake export job over the store and the bucket.
func NewLake(st *store.Store, client *s3.Client, bucket string, log *slog.Logger) *exports.Lake {
	return &exports.Lake{Store: st, Files: exports.NewFiles(client, bucket), Log: log}
}
