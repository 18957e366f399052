package localstack

import "syscall"

// procAttr puts the child in its own process group and has the kernel kill it
// when the parent dies, so no server outlives a crashed test binary.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
