package wizard

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/meshlink/meshlink/mesh"
)

// TestTeatestDemoDeposit runs the wizard in a real Bubble Tea program, keys
// typed as a user would, against the demo server.
func TestTeatestDemoDeposit(t *testing.T) {
	srv := startDemo(t)
	m := newModel(context.Background(), Options{
		Out: io.Discard, Env: mesh.EnvDemo, NoColor: true,
		Getenv:  func(string) string { return "" },
		Connect: demoConnect(srv),
	})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	wait := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	key := func(k tea.KeyType) { tm.Send(tea.KeyMsg{Type: k}) }

	wait("What should the link token do?")
	key(tea.KeyEnter) // deposit
	wait("Who is the user")
	tm.Type("user-7")
	key(tea.KeyEnter) // the other fields keep their defaults
	wait("Which networks")
	tm.Type("solana")
	wait("2 of 33")
	tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	key(tea.KeyEnter)
	wait("Where should the funds go")
	key(tea.KeyDown)
	tm.Type("7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU")
	key(tea.KeyEnter)
	wait("ready to send")
	key(tea.KeyEnter)
	wait("link token from the demo server")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})

	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if final.result == nil || final.result.Token.LinkURL == "" {
		t.Fatalf("quit on %s with %+v", final.top().title(), final.result)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	var got mesh.LinkTokenRequest
	if err := json.Unmarshal(reqs[0].Body, &got); err != nil {
		t.Fatal(err)
	}
	if got.UserID != "user-7" || got.TransferOptions.ToAddresses[0].NetworkID != solID || got.TransferOptions.ToAddresses[0].Symbol != "SOL" {
		t.Errorf("body %s", reqs[0].Body)
	}
}
