// Command rollup is the scheduled Lambda that finalizes day summaries.
package main

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/inboxmetrics/inbox-metrics/shared/app"
	"github.com/inboxmetrics/inbox-metrics/shared/jobs"
)

// scheduledEvent is the Input the EventBridge schedule sends.
type scheduledEvent struct {
	ScheduledTime time.Time `json:"scheduled_time"`
}

func main() {
	env, err := app.FromEnv(context.Background())
	if err != nil {
		slog.Error("start rollup job", "err", err)
		os.Exit(1)
	}
	st := app.NewStore(env.Options)
	lambda.Start(func(ctx context.Context, ev scheduledEvent) (jobs.RollupResult, error) {
		now := ev.ScheduledTime
		if now.IsZero() {
			now = time.Now()
		}
		return jobs.RunRollup(ctx, st, now, slog.Default())
	})
}
