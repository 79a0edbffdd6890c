package cli

import (
	"context"
	"errors"
	"syscall"
	"testing"
	"time"
)

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

func TestInterruptsStoppedUnusedStayQuiet(t *testing.T) {
	ctx, stop := Interrupts()
	stop()
	if ctx.Err() != nil {
		t.Errorf("a context stopped unused reports %v", ctx.Err())
	}
	select {
	case <-ctx.Done():
		t.Error("a context stopped unused is done")
	default:
	}
}
