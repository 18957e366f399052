package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/inboxmetrics/inbox-metrics/shared/app"
	"github.com/inboxmetrics/inbox-metrics/shared/awsclients"
	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/httpapi"
	"github.com/inboxmetrics/inbox-metrics/shared/jobs"
	"github.com/inboxmetrics/inbox-metrics/shared/localserver"
	"github.com/inboxmetrics/inbox-metrics/shared/localstack"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

func run(ctx context.Context, cfg settings, log *slog.Logger) error {
	root, err := localstack.FindRepoRoot(".")
	if err != nil {
		return err
	}
	dataDir := cfg.dataDir
	if !filepath.IsAbs(dataDir) {
		dataDir = filepath.Join(root, dataDir)
	}
	if !cfg.keepData {
		if err := os.RemoveAll(dataDir); err != nil {
			return fmt.Errorf("clear %s: %w", dataDir, err)
		}
	}
	stack, err := localstack.Start(ctx, localstack.Options{RepoRoot: root, DataDir: dataDir, FastTables: true, Logger: log})
	if err != nil {
		return fmt.Errorf("start local AWS stack: %w", err)
	}
	defer stack.Stop()

	dyn, err := awsclients.NewDynamo(ctx, stack.DynamoEndpoint)
	if err != nil {
		return err
	}
	s3c, err := awsclients.NewS3(ctx, stack.S3Endpoint)
	if err != nil {
		return err
	}
	if err := tables.CreateTable(ctx, dyn, cfg.table); err != nil {
		return err
	}
	if err := tables.CreateBucket(ctx, s3c, cfg.bucket); err != nil {
		return err
	}
	capacity := store.NewCapacity()
	opts := app.Options{DB: store.Metered{DB: dyn, Cap: capacity}, Table: cfg.table, Logger: log}
	st := app.NewStore(opts)
	opts.Extra = localRoutes(st, s3c, cfg, log)
	handler := app.NewHandler(opts, st)

	srv := &http.Server{
		Handler: localserver.New(handler.Handle, localserver.Options{
			JWTSecret:        cfg.jwtSecret,
			S3Endpoint:       stack.S3Endpoint,
			DynamoDBEndpoint: stack.DynamoEndpoint,
			Bucket:           cfg.bucket,
			Table:            cfg.table,
			Jobs:             localJobs(st, s3c, cfg, log),
			Logger:           log,
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", cfg.port))
	if err != nil {
		return fmt.Errorf("listen on port %d: %w", cfg.port, err)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	log.Info("API listening", "url", base)

	if cfg.demo {
		if err := seedDemo(ctx, base, st, app.NewLake(st, s3c, cfg.bucket, log), capacity, cfg, log); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	} else {
		fmt.Printf("\nInbox Metrics is running on %s (no demo data; DEMO=0)\n", base)
	}
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// localJobs are the jobs POST /_local/jobs/{name}?date= runs at once.
func localJobs(st *store.Store, s3c *s3.Client, cfg settings, log *slog.Logger) map[string]localserver.JobFunc {
	lake := app.NewLake(st, s3c, cfg.bucket, log)
	return map[string]localserver.JobFunc{
		"rollup": func(ctx context.Context, date string) (any, error) {
			day, err := calendar.ParseDate(date)
			if err != nil {
				return nil, err
			}
			return jobs.RollupDay(ctx, st, day, time.Now())
		},
		"export": func(ctx context.Context, date string) (any, error) {
			day, err := calendar.ParseDate(date)
			if err != nil {
				return nil, err
			}
			return lake.RunDay(ctx, day, time.Now())
		},
	}
}

// localRoutes are the extra routes (reports, exports) of the local server;
// exports run in goroutines of this process.
func localRoutes(st *store.Store, s3c *s3.Client, cfg settings, log *slog.Logger) []httpapi.Route {
	runner := app.NewLocalExportRunner(st, s3c, cfg.bucket, log)
	return append(app.ReportRoutes(st, nil), app.ExportRoutes(st, s3c, cfg.bucket, runner, nil)...)
}
