package localstack

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// FindRepoRoot walks up from dir to the nearest folder holding go.mod.
func FindRepoRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find repo root from %s: %w", dir, err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("find repo root: %w", err)
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("find repo root: no go.mod above %s", abs)
		}
	}
}
