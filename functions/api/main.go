// Command api is the Lambda behind the report API (`/v1/...`, `/healthz`).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/inboxmetrics/inbox-metrics/shared/app"
)

func main() {
	ctx := context.Background()
	env, err := app.FromEnv(ctx)
	if err != nil {
		slog.Error("start api function", "err", err)
		os.Exit(1)
	}
	h, err := app.NewAPIHandler(ctx, env)
	if err != nil {
		slog.Error("start api function", "err", err)
		os.Exit(1)
	}
	lambda.Start(h.Handle)
}
