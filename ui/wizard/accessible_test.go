package wizard

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// answerAccessible answers the accessible prompts and returns the one body
// the demo server received, and what the wizard printed. huh makes a new
// scanner per prompt, so the input is fed one byte at a time (CHARM-NOTES §2.6).
func answerAccessible(t *testing.T, answers ...string) (mesh.LinkTokenRequest, string) {
	t.Helper()
	srv := startDemo(t)
	var out strings.Builder
	err := Run(context.Background(), Options{
		In: iotest.OneByteReader(strings.NewReader(strings.Join(answers, "\n") + "\n")), Out: &out,
		Env: mesh.EnvDemo, Accessible: true, Connect: demoConnect(srv),
		Getenv: func(string) string { return "" }, Now: func() time.Time { return fixedNow },
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests\n%s", len(reqs), out.String())
	}
	var got mesh.LinkTokenRequest
	if err := json.Unmarshal(reqs[0].Body, &got); err != nil {
		t.Fatal(err)
	}
	return got, out.String()
}

func TestAccessibleDemoDeposit(t *testing.T) {
	got, out := answerAccessible(t,
		"1",      // deposit
		"user-9", // user id
		"",       // transaction id: keep the generated one
		"",       // restrict: keep
		"",       // integration: none
		"",       // fees: keep
		"",       // pay link: keep
		"2", "0", // networks: Solana, done
		"",     // token: keep
		"addr", // address
		"",     // minimum
		"",     // minimum in USD
		"",     // another destination: no
		"y",    // send
		"n",    // copy
	)
	if got.UserID != "user-9" || got.TransferOptions.ToAddresses[0].NetworkID != solID || got.TransferOptions.ToAddresses[0].Address != "addr" {
		t.Errorf("body %+v", got)
	}
	for _, want := range []string{"accessible mode", "Link token (single use", "It opens: http://127.0.0.1"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestAccessibleVerifyOnOneNetwork(t *testing.T) {
	got, out := answerAccessible(t,
		"5",       // verify wallet
		"user-9",  // user id
		"",        // restrict: keep
		"",        // integration: none
		"Sign me", // message
		"3",       // the second network of the catalog (Solana); 1 is "any"
		"addr1",   // allowed addresses
		"y",       // send
		"n",       // copy
	)
	v := got.VerifyWalletOptions
	if v == nil || v.NetworkID != solID || v.NetworkType != "" || v.Message != "Sign me" || len(v.Addresses) != 1 {
		t.Errorf("body %+v\n%s", got, out)
	}
}
