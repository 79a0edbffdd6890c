package cli

import (
	"context"
	"strings"
	"testing"
)

func TestDemoServerWarnsOnlyOffLoopback(t *testing.T) {
	for addr, loopback := range map[string]bool{
		"127.0.0.1:8080": true,
		"127.0.0.2:8080": true,
		"[::1]:8080":     true,
		"localhost:8080": true,
		"0.0.0.0:8080":   false,
		":8080":          false,
		"[::]:8080":      false,
		"10.1.2.3:8080":  false,
	} {
		if got, err := isLoopbackAddr(addr); err != nil || got != loopback {
			t.Errorf("isLoopbackAddr(%q) = %v, %v; want %v", addr, got, err, loopback)
		}
	}
	if _, err := isLoopbackAddr("8080"); err == nil || !strings.Contains(err.Error(), "not host:port") {
		t.Errorf("isLoopbackAddr(8080) = %v", err)
	}

	// [::1] starts without the warning (before, "[" was taken for its host).
	app, _, errb := testApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // only the start-up is under test
	Execute(ctx, app, []string{"demo-server", "--addr", "[::1]:0"})
	if strings.Contains(errb.String(), "reachable from other machines") {
		t.Errorf("warned for [::1]: %q", errb)
	}
}

func TestDemoServerFlagsRefuseMistakes(t *testing.T) {
	for _, tt := range []struct {
		args  []string
		wants []string
	}{
		{[]string{"--down", "Coinbas"}, []string{`--down "Coinbas" is not an integration of the demo catalog`, "Coinbase, "}},
		{[]string{"--settle-after", "-1s"}, []string{"--settle-after -1s"}},
	} {
		app, _, _ := testApp(t)
		err := Execute(context.Background(), app, append([]string{"demo-server", "--addr", "127.0.0.1:0"}, tt.args...))
		wantUsage(t, err, tt.wants...)
	}
}
