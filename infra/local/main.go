// Command local runs Inbox Metrics on this machine: it starts the local AWS
// stand-ins (dynalite, s3rver), creates the table and bucket, serves the same
// handlers the Lambdas run on 127.0.0.1:$PORT, seeds a demo workspace through
// the real signed webhooks, runs the jobs, and prints how to try it.
//
// Settings (environment): PORT (8080), DEV_JWT_SECRET, DATA_DIR (.local/data),
// KEEP_DATA=1 to keep the previous run's data, DEMO=0 to skip the demo,
// DEMO_DAYS (30), DEMO_CUSTOMERS (300), DEMO_SEED (7), DEMO_TZ (Asia/Jakarta).
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	slog.SetDefault(log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, loadSettings(), log); err != nil {
		fmt.Fprintln(os.Stderr, "local:", err)
		os.Exit(1)
	}
}
