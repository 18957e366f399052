//go:build !linux

package localstack

import "syscall"

// procAttr puts the child in its own process group (no parent-death signal outside Linux).
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
