package cli

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// Interrupts returns a context that SIGINT or SIGTERM cancels, and the
// function that stops listening for them. It starts listening the first time
// something waits on it: listening costs the process two threads at start,
// and a command that never waits (a dry run, --version, a list) ends before
// a ctrl+c could matter; until then an interrupt ends the process as usual.
func Interrupts() (context.Context, func()) {
	c := &interruptContext{}
	return c, c.close
}

type interruptContext struct {
	once sync.Once
	ctx  context.Context
	stop context.CancelFunc
}

func (c *interruptContext) listen() context.Context {
	c.once.Do(func() { c.ctx, c.stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM) })
	return c.ctx
}

func (c *interruptContext) close() {
	c.once.Do(func() { c.ctx = context.Background() })
	if c.stop != nil {
		c.stop()
	}
}

func (c *interruptContext) Deadline() (time.Time, bool) { return time.Time{}, false }
func (c *interruptContext) Done() <-chan struct{}       { return c.listen().Done() }
func (c *interruptContext) Err() error                  { return c.listen().Err() }
func (c *interruptContext) Value(any) any               { return nil }
