package localstack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// Entry files of the npm packages, relative to <repo>/infra/node_modules.
const (
	// DynaliteEntry is dynalite's CLI script.
	DynaliteEntry = "dynalite/cli.js"
	// S3rverEntry is s3rver's CLI script.
	S3rverEntry = "s3rver/bin/s3rver.js"
	// npmStamp is written by npm at the end of an install.
	npmStamp = ".package-lock.json"
)

// NodeModulesDir is <repoRoot>/infra/node_modules.
func NodeModulesDir(repoRoot string) string {
	return filepath.Join(repoRoot, "infra", "node_modules")
}

// installed reports whether both packages and npm's stamp are present.
func installed(repoRoot string) bool {
	nm := NodeModulesDir(repoRoot)
	for _, f := range []string{DynaliteEntry, S3rverEntry, npmStamp} {
		if _, err := os.Stat(filepath.Join(nm, f)); err != nil {
			return false
		}
	}
	return true
}

// EnsureNodeModules runs `npm ci` in <repoRoot>/infra unless dynalite and
// s3rver are installed. A file lock under <repoRoot>/.local keeps parallel
// processes (test binaries) from installing at the same time. A nil log means slog.Default().
func EnsureNodeModules(ctx context.Context, repoRoot string, log *slog.Logger) error {
	if installed(repoRoot) {
		return nil
	}
	if log == nil {
		log = slog.Default()
	}
	unlock, err := lockFile(ctx, filepath.Join(repoRoot, ".local", "npm-ci.lock"))
	if err != nil {
		return fmt.Errorf("lock npm ci: %w", err)
	}
	defer unlock()
	if installed(repoRoot) {
		return nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return fmt.Errorf("npm ci: npm is not installed: %w", err)
	}
	log.Info("installing local AWS stand-ins", "cmd", "npm ci", "dir", filepath.Join(repoRoot, "infra"))
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = filepath.Join(repoRoot, "infra")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci in %s: %w\n%s", cmd.Dir, err, out)
	}
	if !installed(repoRoot) {
		return errors.New("npm ci finished but dynalite/s3rver are still missing from infra/node_modules")
	}
	return nil
}

// lockFile takes an exclusive flock on path, polling so ctx can cancel the wait.
func lockFile(ctx context.Context, path string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("lock dir: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				_ = f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			_ = f.Close()
			return nil, fmt.Errorf("flock %s: %w", path, err)
		}
		select {
		case <-ctx.Done():
			_ = f.Close()
			return nil, fmt.Errorf("wait for lock %s: %w", path, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}
