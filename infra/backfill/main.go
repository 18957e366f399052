// Command backfill finalizes the day summaries of one workspace over a range
// of local days (jobs.Backfill), e.g. after a bulk import or a settings change:
//
//	go run ./infra/backfill -workspace demo -from 2026-10-01 -to 2026-10-31
//
// The table comes from DYNAMODB_ENDPOINT and TABLE_NAME. When they are unset it
// asks a running `make run` (GET http://127.0.0.1:${PORT:-8080}/_local/config)
// for them; DYNAMODB_ENDPOINT unset and no local server means real AWS with the
// default configuration. -from defaults to 30 days before -to, -to to yesterday
// in the workspace's time zone; days that have not ended are refused.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/inboxmetrics/inbox-metrics/shared/awsclients"
	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/jobs"
	"github.com/inboxmetrics/inbox-metrics/shared/store"
)

func main() {
	workspace := flag.String("workspace", "", "workspace id (required)")
	fromFlag := flag.String("from", "", "first local day YYYY-MM-DD (default: 30 days before -to)")
	toFlag := flag.String("to", "", "last local day YYYY-MM-DD (default: yesterday in the workspace's zone)")
	flag.Parse()
	if *workspace == "" {
		fmt.Fprintln(os.Stderr, "backfill: -workspace is required")
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *workspace, *fromFlag, *toFlag); err != nil {
		fmt.Fprintln(os.Stderr, "backfill:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, workspace, fromFlag, toFlag string) error {
	endpoint, table, err := target(ctx)
	if err != nil {
		return err
	}
	dyn, err := awsclients.NewDynamo(ctx, endpoint)
	if err != nil {
		return err
	}
	s := store.New(dyn, table)
	ws, err := s.GetWorkspace(ctx, workspace)
	if err != nil {
		return fmt.Errorf("workspace %q in table %s: %w", workspace, table, err)
	}
	cal, err := calendar.New(ws.Timezone, ws.BusinessHours)
	if err != nil {
		return fmt.Errorf("workspace %q: %w", workspace, err)
	}
	from, to, err := dayRange(fromFlag, toFlag, cal.Today(time.Now()))
	if err != nil {
		return err
	}
	total := calendar.DaysBetween(from, to) + 1
	bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription("finalize "+workspace), progressbar.OptionShowCount(), progressbar.OptionSetWidth(30))
	start := time.Now()
	err = jobs.Backfill(ctx, s, ws, from, to, func(done, _ int) { _ = bar.Set(done) })
	_ = bar.Finish()
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return err
	}
	fmt.Printf("finalized %d days (%s..%s, %s) of workspace %s in %s\n", total, from, to, ws.Timezone, workspace,
		time.Since(start).Round(time.Millisecond))
	return nil
}

// dayRange parses -from and -to with their defaults; the range must have ended before today.
func dayRange(fromFlag, toFlag string, today calendar.Date) (from, to calendar.Date, err error) {
	to = today.AddDays(-1)
	if toFlag != "" {
		if to, err = calendar.ParseDate(toFlag); err != nil {
			return from, to, fmt.Errorf("-to: %w", err)
		}
	}
	from = to.AddDays(-29)
	if fromFlag != "" {
		if from, err = calendar.ParseDate(fromFlag); err != nil {
			return from, to, fmt.Errorf("-from: %w", err)
		}
	}
	switch {
	case from.After(to):
		return from, to, fmt.Errorf("-from %s is after -to %s", from, to)
	case !to.Before(today):
		return from, to, fmt.Errorf("-to %s has not ended yet (today is %s in the workspace's zone)", to, today)
	}
	return from, to, nil
}

// localConfig is the answer of GET /_local/config of the local server.
type localConfig struct {
	DynamoDBEndpoint string `json:"dynamodb_endpoint"`
	Table            string `json:"table"`
}

// target returns the DynamoDB endpoint ("" = AWS) and table: the environment
// first, else the running local server's configuration.
func target(ctx context.Context) (endpoint, table string, err error) {
	env := awsclients.SettingsFromEnv()
	endpoint, table = env.DynamoEndpoint, env.TableName
	if endpoint != "" && table != "" {
		return endpoint, table, nil
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	url := "http://127.0.0.1:" + port + "/_local/config"
	cfg, lerr := fetchLocalConfig(ctx, url)
	if lerr == nil {
		if endpoint == "" {
			endpoint = cfg.DynamoDBEndpoint
		}
		if table == "" {
			table = cfg.Table
		}
	}
	if table == "" {
		return "", "", errors.Join(fmt.Errorf("set %s (and %s for a local server), or start `make run`",
			awsclients.EnvTableName, awsclients.EnvDynamoEndpoint), lerr)
	}
	return endpoint, table, nil
}

func fetchLocalConfig(ctx context.Context, url string) (localConfig, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return localConfig{}, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return localConfig{}, fmt.Errorf("ask the local server: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return localConfig{}, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	var cfg localConfig
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		return localConfig{}, fmt.Errorf("GET %s: %w", url, err)
	}
	return cfg, nil
}
