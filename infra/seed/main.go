// Command seed fills an Inbox Metrics workspace with realistic demo traffic through its signed
// webhooks:
//
//	go run ./infra/seed -base http://127.0.0.1:8080 -workspace demo \
//	    -events-secret "$EVENTS_SECRET" -whatsapp-secret "$WHATSAPP_APP_SECRET"
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/seed"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "base URL of the product's HTTP API")
	workspace := flag.String("workspace", "", "workspace id (required)")
	eventsSecret := flag.String("events-secret", os.Getenv("EVENTS_SECRET"), "helpdesk events secret (default $EVENTS_SECRET)")
	waSecret := flag.String("whatsapp-secret", os.Getenv("WHATSAPP_APP_SECRET"), "WhatsApp app secret (default $WHATSAPP_APP_SECRET)")
	days := flag.Int("days", seed.DefaultDays, "days of traffic ending now")
	customers := flag.Int("customers", seed.DefaultCustomers, "number of customers")
	seedN := flag.Int64("seed", 1, "random seed (same seed and time → same traffic)")
	tz := flag.String("tz", seed.DefaultTimezone, "workspace IANA time zone")
	concurrency := flag.Int("concurrency", 4, "parallel requests")
	flag.Parse()
	if *workspace == "" || *eventsSecret == "" || *waSecret == "" {
		fmt.Fprintln(os.Stderr, "seed: -workspace, -events-secret and -whatsapp-secret are required")
		flag.Usage()
		os.Exit(2)
	}
	if _, err := time.LoadLocation(*tz); err != nil {
		fmt.Fprintf(os.Stderr, "seed: bad -tz: %v\n", err)
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	plan := seed.Generate(seed.Config{Seed: *seedN, Days: *days, Customers: *customers, Timezone: *tz, Now: time.Now()})
	slog.Info("seed plan", "requests", len(plan.Requests), "events", plan.EventCount(),
		"sessions", plan.Stats.Sessions, "tickets", plan.Stats.Tickets, "from", plan.Start, "to", plan.End)
	res, err := seed.Send(ctx, *base, *workspace,
		seed.Secrets{EventsSecret: *eventsSecret, WhatsAppAppSecret: *waSecret},
		plan, seed.SendOptions{Concurrency: *concurrency, Progress: os.Stderr})
	fmt.Printf("requests=%d events=%d accepted=%d duplicates=%d elapsed=%s\n",
		res.Requests, res.Events, res.Accepted, res.Duplicates, res.Elapsed.Round(time.Millisecond))
	if err != nil {
		fmt.Fprintf(os.Stderr, "seed: %v\n", err)
		os.Exit(1)
	}
}
