// Command export is the scheduled Lambda that writes finished local days to
// the Athena lake (Parquet) and their download copies under exports/.
package main

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/inboxmetrics/inbox-metrics/shared/app"
	"github.com/inboxmetrics/inbox-metrics/shared/exports"
)

// scheduledEvent is the Input the EventBridge schedule sends.
type scheduledEvent struct {
	ScheduledTime time.Time `json:"scheduled_time"`
}

func main() {
	env, err := app.FromEnv(context.Background())
	if err != nil {
		slog.Error("start export job", "err", err)
		os.Exit(1)
	}
	lake := app.NewLake(app.NewStore(env.Options), env.Clients.S3, env.Clients.Bucket, slog.Default())
	lambda.Start(func(ctx context.Context, ev scheduledEvent) (exports.LakeResult, error) {
		now := ev.ScheduledTime
		if now.IsZero() {
			now = time.Now()
		}
		return lake.RunScheduled(ctx, now)
	})
}
