//go:build unix

package demo

import "syscall"

func init() { mkfifo = func(p string) { _ = syscall.Mkfifo(p, 0o600) } }
