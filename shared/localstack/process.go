package localstack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// server is one running child process (a node server) and its log file.
type server struct {
	name     string
	endpoint string
	logPath  string
	cmd      *exec.Cmd
	done     chan struct{} // closed when the process has exited
	waitErr  error
}

// startServer runs node with args, stdout and stderr appended to logPath.
func startServer(name, node string, args []string, dir, logPath, endpoint string) (*server, error) {
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open %s log: %w", name, err)
	}
	cmd := exec.Command(node, args...)
	cmd.Dir = dir
	cmd.Stdout = logf
	cmd.Stderr = logf
	cmd.SysProcAttr = procAttr()
	if err := cmd.Start(); err != nil {
		_ = logf.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	s := &server{name: name, endpoint: endpoint, logPath: logPath, cmd: cmd, done: make(chan struct{})}
	go func() {
		s.waitErr = cmd.Wait()
		_ = logf.Close()
		close(s.done)
	}()
	return s, nil
}

// waitReady polls the endpoint until it answers HTTP, the process exits or ctx ends.
func (s *server) waitReady(ctx context.Context) error {
	client := &http.Client{Timeout: 500 * time.Millisecond}
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.endpoint+"/", nil)
		if err != nil {
			return fmt.Errorf("%s readiness request: %w", s.name, err)
		}
		if resp, err := client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			return nil
		}
		select {
		case <-s.done:
			return fmt.Errorf("%s exited before answering on %s (%v); log %s:\n%s",
				s.name, s.endpoint, s.waitErr, s.logPath, tail(s.logPath, 2048))
		case <-ctx.Done():
			return fmt.Errorf("%s did not answer on %s: %w; log %s:\n%s",
				s.name, s.endpoint, ctx.Err(), s.logPath, tail(s.logPath, 2048))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// exited reports whether the process has ended.
func (s *server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// stop sends SIGTERM to the process group, then SIGKILL after grace, and waits.
func (s *server) stop(grace time.Duration) error {
	if s.exited() {
		return nil
	}
	pgid := s.cmd.Process.Pid // Setpgid: the child leads its own group
	if err := syscall.Kill(-pgid, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("terminate %s: %w", s.name, err)
	}
	select {
	case <-s.done:
		return nil
	case <-time.After(grace):
	}
	if err := syscall.Kill(-pgid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("kill %s: %w", s.name, err)
	}
	<-s.done
	return nil
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// endpointFor is the http URL of 127.0.0.1:port.
func endpointFor(port int) string {
	return "http://" + net.JoinHostPort(Host, strconv.Itoa(port))
}

// tail returns up to n last bytes of the file at path.
func tail(path string, n int64) string {
	f, err := os.Open(path)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > n {
		_, _ = f.Seek(st.Size()-n, io.SeekStart)
	}
	b, _ := io.ReadAll(f)
	return string(b)
}
