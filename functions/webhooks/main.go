// Command webhooks is the Lambda behind the WhatsApp and helpdesk webhooks.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/inboxmetrics/inbox-metrics/shared/app"
)

func main() {
	env, err := app.FromEnv(context.Background())
	if err != nil {
		slog.Error("start webhooks function", "err", err)
		os.Exit(1)
	}
	lambda.Start(app.NewWebhooksHandler(env).Handle)
}
