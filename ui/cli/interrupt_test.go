package cli

import "testing"

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
