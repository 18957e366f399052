// Command exporter is the Lambda that builds one requested export; the API
// function invokes it asynchronously with {workspace_id, export_id}.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/inboxmetrics/inbox-metrics/shared/app"
	"github.com/inboxmetrics/inbox-metrics/shared/exports"
)

func main() {
	env, err := app.FromEnv(context.Background())
	if err != nil {
		slog.Error("start exporter function", "err", err)
		os.Exit(1)
	}
	x := app.NewExporter(app.NewStore(env.Options), env.Clients.S3, env.Clients.Bucket, slog.Default())
	lambda.Start(func(ctx context.Context, job exports.Job) error {
		return x.Run(ctx, job)
	})
}
