package wizard

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/presets/history"
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
		"",       // advanced options: no
		"2", "0", // networks: Solana, done
		"", // token: keep
		"7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", // address
		"",  // minimum
		"",  // minimum in USD
		"",  // another destination: no
		"y", // send
		"n", // copy
	)
	if got.UserID != "user-9" || got.TransferOptions.ToAddresses[0].NetworkID != solID || got.TransferOptions.ToAddresses[0].Address != "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj" {
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
		"",        // advanced options: no
		"Sign me", // message
		"3",       // the second network of the catalog (Solana); 1 is "any"
		"7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", // allowed addresses
		"y", // send
		"n", // copy
	)
	v := got.VerifyWalletOptions
	if v == nil || v.NetworkID != solID || v.NetworkType != "" || v.Message != "Sign me" || len(v.Addresses) != 1 {
		t.Errorf("body %+v\n%s", got, out)
	}
}

// The accessible wizard starts, as the full-screen one does, with the
// newest fetches of the history.
func TestAccessibleListsRecentFetches(t *testing.T) {
	log := &history.Log{Dir: t.TempDir()}
	tok := &mesh.LinkToken{ExpiresAt: fixedNow.Add(9 * time.Minute)}
	log.Append(history.NewEntry(history.Fetch{Time: fixedNow.Add(-time.Minute), Environment: mesh.EnvDemo,
		Request: mesh.NewRequest(mesh.UseWithdrawal, "earlier-user"), Token: tok}))
	var out strings.Builder
	err := Run(context.Background(), Options{
		In: iotest.OneByteReader(strings.NewReader("")), Out: &out, Env: mesh.EnvDemo, Accessible: true, History: log,
		Getenv: func(string) string { return "" }, Now: func() time.Time { return fixedNow },
	})
	if err == nil {
		t.Fatal("no answers, yet the wizard ended well")
	}
	if !strings.Contains(out.String(), "Recent fetches") || !strings.Contains(out.String(), "earlier-user") {
		t.Errorf("no recent fetches:\n%s", out.String())
	}
}

// ctrl+c ends the accessible wizard at any prompt: the terminal's SIGINT
// cancels the context, and Run returns at once although huh still reads.
func TestAccessibleCtrlCQuitsAtAPrompt(t *testing.T) {
	in, w := io.Pipe() // a prompt that never gets an answer
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out strings.Builder
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{In: in, Out: &syncWriter{w: &out}, Env: mesh.EnvDemo, Accessible: true,
			Getenv: func(string) string { return "" }, Now: func() time.Time { return fixedNow }})
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, ErrInterrupted) {
			t.Errorf("Run = %v, want ErrInterrupted", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ctrl+c did not end the accessible wizard")
	}
}

// An empty answer to a required question is asked again, never skipped.
func TestAccessibleRequiredIsAskedAgain(t *testing.T) {
	got, out := answerAccessible(t,
		"4",        // withdrawal
		"",         // user id: empty
		"u2",       // asked again
		"", "", "", // restrict, integration, advanced
		"y", "n")
	if got.UserID != "u2" || !strings.Contains(out, "An answer is required.") {
		t.Errorf("user %q\n%s", got.UserID, out)
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// failOnceThenDemo connects the first send to a server that refuses it
// (400, its body kept in first), every later one to srv.
func failOnceThenDemo(t *testing.T, srv *demo.Server, first *mesh.LinkTokenRequest) connectFunc {
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewDecoder(r.Body).Decode(first)
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"status":"badRequest","message":"Network not supported","errorType":"invalidField"}`))
	}))
	t.Cleanup(bad.Close)
	calls := 0
	return func(tg mesh.Target) (*mesh.Client, error) {
		env, c := tg.Env, tg.Credentials
		if calls++; calls == 1 {
			return &mesh.Client{BaseURL: bad.URL, Env: env, Credentials: c, MaxAttempts: 1}, nil
		}
		return demoConnect(srv)(tg)
	}
}

// A request that fails loses no answer: the questions come again with the
// answers as defaults, and the body goes again as it was.
func TestAccessibleFailedRequestKeepsTheAnswers(t *testing.T) {
	srv := startDemo(t)
	connect := failOnceThenDemo(t, srv, &mesh.LinkTokenRequest{})
	answers := []string{
		"4", "user-kept", "", "", "", "y", // withdrawal, user id, restrict, integration, advanced, send
		"y",                  // change the answers and send again
		"", "n", "", "", "y", // user id kept, restrict now no, integration, advanced, send
		"n", // copy
	}
	var out strings.Builder
	err := Run(context.Background(), Options{
		In: iotest.OneByteReader(strings.NewReader(strings.Join(answers, "\n") + "\n")), Out: &out,
		Env: mesh.EnvSandbox, Credentials: mesh.Credentials{ClientID: "id", ClientSecret: "secret"}, Accessible: true, Connect: connect,
		Getenv: func(string) string { return "" }, Now: func() time.Time { return fixedNow },
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("the demo server got %d requests\n%s", len(reqs), out.String())
	}
	var got mesh.LinkTokenRequest
	if err := json.Unmarshal(reqs[0].Body, &got); err != nil || got.UserID != "user-kept" || got.RestrictMultipleAccounts == nil || *got.RestrictMultipleAccounts {
		t.Errorf("sent %s (%v)", reqs[0].Body, err)
	}
	for _, want := range []string{"The request failed", "Network not supported", "Change the answers and send again?", "Link token (single use"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// An input that ends after a failure ends the run with the failure: no
// question goes round for ever on its default.
func TestAccessibleFailureThenEndOfInputStops(t *testing.T) {
	bad := unauthorizedServer(t)
	connect := func(tg mesh.Target) (*mesh.Client, error) {
		env, c := tg.Env, tg.Credentials
		return &mesh.Client{BaseURL: bad.URL, Env: env, Credentials: c, MaxAttempts: 1}, nil
	}
	var out strings.Builder
	err := Run(context.Background(), Options{
		In: iotest.OneByteReader(strings.NewReader("4\nu1\n\n\n\ny\n")), Out: &out,
		Env: mesh.EnvSandbox, Credentials: mesh.Credentials{ClientID: "id", ClientSecret: "secret"}, Accessible: true, Connect: connect,
		Getenv: func(string) string { return "" }, Now: func() time.Time { return fixedNow },
	})
	var ae *mesh.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusUnauthorized {
		t.Errorf("Run = %v, want the 401\n%s", err, out.String())
	}
}

// After a 401 with MESH_CLIENT_* set, the accessible mode asks for other
// keys without asking to set variables that are set.
func TestAccessibleKeysAfterA401(t *testing.T) {
	bad := unauthorizedServer(t)
	connect := func(tg mesh.Target) (*mesh.Client, error) {
		env, c := tg.Env, tg.Credentials
		return &mesh.Client{BaseURL: bad.URL, Env: env, Credentials: c, MaxAttempts: 1}, nil
	}
	answers := []string{
		"4", "u1", "", "", "", "y", // withdrawal, user id, restrict, integration, advanced, send: 401
		"y",                 // change the answers and send again
		"", "", "", "", "y", // as they were, send
		"typed-id", "typed-secret", // the keys asked for: 401 again
		"n", "n", "n", // no more
	}
	var out strings.Builder
	err := Run(context.Background(), Options{
		In: iotest.OneByteReader(strings.NewReader(strings.Join(answers, "\n") + "\n")), Out: &out,
		Env: mesh.EnvSandbox, Credentials: mesh.Credentials{ClientID: "env-id", ClientSecret: "env-secret"}, Accessible: true, Connect: connect,
		Getenv: func(string) string { return "" }, Now: func() time.Time { return fixedNow },
	})
	if err == nil {
		t.Fatal("a 401 ended well")
	}
	o := out.String()
	if !strings.Contains(o, "Mesh keys for sandbox") || !strings.Contains(o, "MESH_CLIENT_SECRET, which are set") || strings.Contains(o, "to skip this") {
		t.Errorf("the keys question:\n%s", o)
	}
}
