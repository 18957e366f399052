package localstack

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

const orphanChildEnv = "LOCALSTACK_ORPHAN_CHILD"

// TestServersDieWithParent starts a stack in a child test process, kills that
// process with SIGKILL (no Stop) and checks that both servers die too.
func TestServersDieWithParent(t *testing.T) {
	if os.Getenv(orphanChildEnv) == "1" {
		st, err := Start(context.Background(), Options{})
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(1)
		}
		fmt.Println("PIDS", st.servers[0].cmd.Process.Pid, st.servers[1].cmd.Process.Pid, st.tmpDir)
		time.Sleep(time.Hour)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestServersDieWithParent$", "-test.count=1")
	cmd.Env = append(os.Environ(), orphanChildEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	var pids []int
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 && f[0] == "ERR" {
			t.Fatalf("child: %s", sc.Text())
		}
		if len(f) == 4 && f[0] == "PIDS" {
			t.Cleanup(func() { os.RemoveAll(f[3]) })
			for _, s := range f[1:3] {
				pid, err := strconv.Atoi(s)
				if err != nil {
					t.Fatal(err)
				}
				pids = append(pids, pid)
			}
			break
		}
	}
	if len(pids) != 2 {
		t.Fatalf("child printed no server pids (scan err %v)", sc.Err())
	}
	for _, pid := range pids {
		if !alive(pid) {
			t.Fatalf("server %d not running while its parent lives", pid)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	for _, pid := range pids {
		// The kernel signals at once; give the reaper a moment (bounded, not a timing assertion).
		for i := 0; i < 200 && alive(pid); i++ {
			time.Sleep(50 * time.Millisecond)
		}
		if alive(pid) {
			t.Errorf("server %d outlived its killed parent", pid)
		}
	}
}

// alive reports whether pid exists and is not a zombie.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] != 'Z'
}
