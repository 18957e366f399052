package localstack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Host is the address both servers listen on.
const Host = "127.0.0.1"

// Default ports of the servers (their own defaults), for `make run`.
const (
	// DefaultDynamoPort is dynalite's default port.
	DefaultDynamoPort = 4567
	// DefaultS3Port is s3rver's default port.
	DefaultS3Port = 4568
)

// Options configure Start. The zero value runs both servers in memory on free ports.
type Options struct {
	// RepoRoot holds go.mod and infra/; empty: found by walking up from the working directory.
	RepoRoot string
	// DataDir keeps dynalite's LevelDB (dynamodb/), s3rver's files (s3/) and the logs
	// (dynalite.log, s3rver.log), e.g. <repo>/.local/data. Empty: DynamoDB in memory, S3
	// files and logs in a temporary folder removed by Stop.
	DataDir string
	// DynamoPort and S3Port are the ports to listen on; 0 picks free ones.
	DynamoPort int
	S3Port     int
	// FastTables makes dynalite switch table states (CREATING→ACTIVE...) at once instead of after 500 ms.
	FastTables bool
	// Verbose makes s3rver log every request.
	Verbose bool
	// StartTimeout bounds the wait for each server to answer (default 30 s); npm ci is bounded by ctx only.
	StartTimeout time.Duration
	// Logger receives progress messages (default slog.Default()).
	Logger *slog.Logger
}

// Stack is a running pair of local servers.
type Stack struct {
	// DynamoEndpoint is dynalite's URL, e.g. http://127.0.0.1:4567.
	DynamoEndpoint string
	// S3Endpoint is s3rver's URL, e.g. http://127.0.0.1:4568.
	S3Endpoint string
	// LogDir holds dynalite.log and s3rver.log.
	LogDir string

	servers  []*server
	tmpDir   string
	stopOnce sync.Once
	log      *slog.Logger
}

// Start installs the servers if needed (npm ci), starts dynalite and s3rver and
// waits until both answer. Call Stop when done.
func Start(ctx context.Context, o Options) (*Stack, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = 30 * time.Second
	}
	if o.RepoRoot == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("localstack: %w", err)
		}
		if o.RepoRoot, err = FindRepoRoot(wd); err != nil {
			return nil, fmt.Errorf("localstack: %w", err)
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("localstack: node is not installed: %w", err)
	}
	if err := EnsureNodeModules(ctx, o.RepoRoot, o.Logger); err != nil {
		return nil, fmt.Errorf("localstack: %w", err)
	}
	st := &Stack{log: o.Logger}
	dataDir := o.DataDir
	if dataDir == "" {
		if st.tmpDir, err = os.MkdirTemp("", "inbox-metrics-localstack-"); err != nil {
			return nil, fmt.Errorf("localstack: temp dir: %w", err)
		}
		dataDir = st.tmpDir
	}
	st.LogDir = dataDir
	if err := st.startAll(ctx, o, node, dataDir); err != nil {
		st.Stop()
		return nil, fmt.Errorf("localstack: %w", err)
	}
	o.Logger.Info("local AWS stack ready", "dynamodb", st.DynamoEndpoint, "s3", st.S3Endpoint, "logs", st.LogDir)
	return st, nil
}

// startAll starts dynalite then s3rver.
func (st *Stack) startAll(ctx context.Context, o Options, node, dataDir string) error {
	nm := NodeModulesDir(o.RepoRoot)
	s3Dir := filepath.Join(dataDir, "s3")
	for _, d := range []string{dataDir, s3Dir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("data dir: %w", err)
		}
	}
	dynArgs := func(port int) []string {
		a := []string{filepath.Join(nm, DynaliteEntry), "--host", Host, "--port", strconv.Itoa(port)}
		if o.DataDir != "" {
			a = append(a, "--path", filepath.Join(dataDir, "dynamodb"))
		}
		if o.FastTables {
			a = append(a, "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
		}
		return a
	}
	s3Args := func(port int) []string {
		a := []string{filepath.Join(nm, S3rverEntry), "--directory", s3Dir, "--address", Host,
			"--port", strconv.Itoa(port), "--no-vhost-buckets"}
		if !o.Verbose {
			a = append(a, "--silent")
		}
		return a
	}
	dyn, err := st.startOne(ctx, o, "dynalite", node, dynArgs, o.DynamoPort, filepath.Join(dataDir, "dynalite.log"))
	if err != nil {
		return err
	}
	st.DynamoEndpoint = dyn.endpoint
	s3s, err := st.startOne(ctx, o, "s3rver", node, s3Args, o.S3Port, filepath.Join(dataDir, "s3rver.log"))
	if err != nil {
		return err
	}
	st.S3Endpoint = s3s.endpoint
	return nil
}

// startOne starts one server and waits for it; with port 0 it retries on fresh
// free ports in case another process took the chosen one meanwhile.
func (st *Stack) startOne(ctx context.Context, o Options, name, node string, args func(int) []string,
	port int, logPath string) (*server, error) {
	attempts := 1
	if port == 0 {
		attempts = 3
	}
	var lastErr error
	for i := 0; i < attempts; i++ {
		p := port
		if p == 0 {
			var err error
			if p, err = freePort(); err != nil {
				return nil, err
			}
		} else if err := checkPortFree(p); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		s, err := startServer(name, node, args(p), o.RepoRoot, logPath, endpointFor(p))
		if err != nil {
			return nil, err
		}
		st.servers = append(st.servers, s)
		wctx, cancel := context.WithTimeout(ctx, o.StartTimeout)
		err = s.waitReady(wctx)
		cancel()
		if err == nil {
			return s, nil
		}
		lastErr = err
		if ctx.Err() != nil || !s.exited() {
			break
		}
	}
	return nil, lastErr
}

// checkPortFree fails when something already listens on 127.0.0.1:port.
func checkPortFree(port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort(Host, strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("port %d is not free: %w", port, err)
	}
	return l.Close()
}

// Stop kills both servers (their process groups) and removes the temporary
// folder of an in-memory stack. It is safe to call more than once.
func (st *Stack) Stop() {
	st.stopOnce.Do(func() {
		var errs []error
		for i := len(st.servers) - 1; i >= 0; i-- {
			errs = append(errs, st.servers[i].stop(5*time.Second))
		}
		if st.tmpDir != "" {
			errs = append(errs, os.RemoveAll(st.tmpDir))
		}
		if err := errors.Join(errs...); err != nil {
			st.log.Warn("local AWS stack stop", "err", err)
		}
	})
}
