// Command bench measures what day summaries buy on a large workspace: it starts
// its own local stack (dynalite in memory), bulk-loads a synthetic workspace
// (store.BulkLoad; default 200,000 tickets over 90 days, 50 agents), finalizes
// the days (jobs.Backfill) and then measures the 90-day agents report and the
// 90-day overview (with its previous window), each built from the finalized
// summaries and from the raw facts: read capacity units, calls, items read and
// the median wall time of several runs.
//
//	go run ./infra/bench                      # 200,000 tickets, 90 days, 50 agents (about 20 minutes)
//	go run ./infra/bench -sizes 20000,50000   # one fresh table per size, to show the scaling
//
// Timings are those of dynalite on this machine, not of DynamoDB; units are
// the ones dynalite reports (table capacity, 4 KB per unit, strongly
// consistent reads count double).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/localstack"
)

// config holds the command-line flags.
type config struct {
	sizes    []int
	days     int
	agents   int
	seed     uint64
	runs     int
	rawRuns  int
	workers  int
	timezone string
}

func main() {
	var cfg config
	tickets := flag.Int("tickets", 200_000, "tickets to load (ignored when -sizes is set)")
	sizes := flag.String("sizes", "", "comma-separated ticket counts, one fresh table each (e.g. 20000,50000,100000)")
	flag.IntVar(&cfg.days, "days", 90, "local days the tickets span; the reports cover them all")
	flag.IntVar(&cfg.agents, "agents", 50, "agents")
	flag.Uint64Var(&cfg.seed, "seed", 1, "generator seed")
	flag.IntVar(&cfg.runs, "runs", 5, "runs of each report from summaries (the median time is reported)")
	flag.IntVar(&cfg.rawRuns, "raw-runs", 1, "runs of each report from raw facts (about 3 minutes each at 200,000 tickets)")
	flag.IntVar(&cfg.workers, "workers", 4, "concurrent BatchWriteItem callers of the bulk load")
	flag.StringVar(&cfg.timezone, "timezone", "Asia/Jakarta", "workspace time zone")
	flag.Parse()
	cfg.sizes = []int{*tickets}
	if *sizes != "" {
		cfg.sizes = nil
		for _, s := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n <= 0 {
				fmt.Fprintf(os.Stderr, "bench: bad size %q in -sizes\n", s)
				os.Exit(2)
			}
			cfg.sizes = append(cfg.sizes, n)
		}
	}
	if cfg.runs < 1 || cfg.rawRuns < 1 {
		fmt.Fprintln(os.Stderr, "bench: -runs and -raw-runs must be at least 1")
		os.Exit(2)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, log); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config, log *slog.Logger) error {
	fmt.Printf("machine: %d CPUs (GOMAXPROCS %d), %s/%s, %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version())
	start := time.Now()
	stack, err := localstack.Start(ctx, localstack.Options{FastTables: true, Logger: log})
	if err != nil {
		return fmt.Errorf("start local stack: %w", err)
	}
	defer stack.Stop()
	fmt.Printf("local stack: dynalite in memory at %s (started in %s)\n", stack.DynamoEndpoint, time.Since(start).Round(time.Millisecond))
	var results []sizeResult
	for i, n := range cfg.sizes {
		r, err := benchSize(ctx, stack.DynamoEndpoint, cfg, n, fmt.Sprintf("bench-%d-%d", i, n))
		if err != nil {
			return err
		}
		r.print()
		results = append(results, r)
	}
	if len(results) > 1 {
		printScaling(results)
	}
	return nil
}
