package main

import (
	"os"
	"strconv"
)

// settings of a local run, from the environment.
type settings struct {
	port          int
	jwtSecret     string
	dataDir       string
	keepData      bool
	demo          bool
	demoDays      int
	demoCustomers int
	demoSeed      int64
	demoTZ        string
	table, bucket string
}

// defaultJWTSecret signs local tokens when DEV_JWT_SECRET is not set. It is
// for this machine only; AWS verifies real tokens with the JWT authorizer.
const defaultJWTSecret = "local-dev-secret-not-for-production"

func loadSettings() settings {
	return settings{
		port:          envInt("PORT", 8080),
		jwtSecret:     envStr("DEV_JWT_SECRET", defaultJWTSecret),
		dataDir:       envStr("DATA_DIR", ".local/data"),
		keepData:      os.Getenv("KEEP_DATA") == "1",
		demo:          os.Getenv("DEMO") != "0",
		demoDays:      envInt("DEMO_DAYS", 30),
		demoCustomers: envInt("DEMO_CUSTOMERS", 300),
		demoSeed:      int64(envInt("DEMO_SEED", 7)),
		demoTZ:        envStr("DEMO_TZ", "Asia/Jakarta"),
		table:         "inbox-metrics",
		bucket:        "inbox-metrics-local",
	}
}

func envStr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}
