//go:build unix

package cli

import (
	"context"
	"errors"
	"syscall"
	"testing"
	"time"
)

// Windows has no SIGINT to send to oneself: ctrl+c reaches a console
// process as an event, which os/signal turns into os.Interrupt.
func TestInterruptsCancelOnceWaitedOn(t *testing.T) {
	ctx, stop := Interrupts()
	defer stop()
	derived, cancel := context.WithCancel(ctx) // derived contexts wait on it too
	defer cancel()
	if err := ctx.Err(); err != nil {
		t.Fatalf("Err before any signal = %v", err)
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-derived.Done():
	case <-time.After(time.Minute): // only a hang fails here
		t.Fatal("SIGINT did not cancel the context")
	}
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("Err after SIGINT = %v", ctx.Err())
	}
}
