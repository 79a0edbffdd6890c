package wizard

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/clip"
)

const (
	ethID = "e3c7fdd8-b1fc-4e51-85ae-bb276e075611"
	solID = "0291810a-5947-424d-9a59-e88bb33e999d"
)

// fillDeposit walks a deposit to the preview: user, Ethereum USDC, an address.
func fillDeposit(h *harness) {
	h.t.Helper()
	h.chooseUseCase(mesh.UseDeposit)
	h.wantScreen("Details")
	h.typ("user-42")
	h.focusField("transferOptions.generatePayLink")
	h.press("enter")
	h.wantScreen("Networks")
	h.typ("ethereum")
	h.press("space", "enter")
	h.wantScreen("Destinations")
	h.focusField("transferOptions.toAddresses[0].address")
	h.typ("0x1111111111111111111111111111111111111111")
	h.focusField("transferOptions.toAddresses[0].minAmountInFiat")
	h.press("enter")
	h.wantScreen("Preview")
}

func TestDepositForwardAndBackKeepsEverything(t *testing.T) {
	h := newHarness(t)
	fillDeposit(h)
	h.wantView(`"userId": "user-42"`, `"networkId": "`+ethID+`"`, `"symbol": "ETH"`, "ready to send")

	// back through every step: each shows what was entered
	h.press("esc")
	h.wantScreen("Destinations")
	h.wantView("0x1111111111111111111111111111111111111111", "ETH")
	h.press("esc")
	h.wantScreen("Networks")
	h.wantView("Filter: ethereum", "[x] Ethereum")
	h.press("esc")
	h.wantScreen("Details")
	h.wantView("user-42")
	h.press("esc")
	h.wantScreen("Use case")
	if strings.Contains(h.view(), "esc back") {
		t.Error("the first step offers esc back")
	}
	h.press("esc") // nothing before the first step
	h.wantScreen("Use case")

	// and forward again: nothing was lost
	h.press("enter")
	h.wantScreen("Details")
	h.focusField("transferOptions.generatePayLink")
	h.press("enter", "enter")
	h.wantScreen("Destinations")
	h.focusField("transferOptions.toAddresses[0].minAmountInFiat")
	h.press("enter")
	h.wantScreen("Preview")
	h.wantView(`"address": "0x1111111111111111111111111111111111111111"`)

	// send, get a token from the demo server, come back to the preview
	previewed := top[*previewScreen](h).body
	h.press("enter")
	h.wantScreen("Token")
	h.wantView("link token from the demo server", "valid for 10:00 more", "single use", "Link URL", "DEMO")
	reqs := h.srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("demo server got %d requests", len(reqs))
	}
	var sent mesh.LinkTokenRequest
	if err := json.Unmarshal(reqs[0].Body, &sent); err != nil {
		t.Fatal(err)
	}
	if got := sent.TransferOptions.ToAddresses[0].Address; got != "0x1111111111111111111111111111111111111111" {
		t.Errorf("sent address %q", got)
	}
	if want := previewed + "\n"; string(reqs[0].Body) != want {
		t.Errorf("sent %s\nwant %s", reqs[0].Body, want)
	}
	h.press("esc")
	h.wantScreen("Preview")
}

func TestVerifyFlowsWalkTheVerifyStep(t *testing.T) {
	for _, u := range []mesh.UseCase{mesh.UseVerify, mesh.UsePaymentVerify} {
		if got := flow(u); got[len(got)-2] != stepVerify {
			t.Errorf("%s: flow %v lacks the verify step before the preview", u, got)
		}
	}
	h := newHarness(t)
	h.chooseUseCase(mesh.UseVerify)
	h.typ("u1")
	h.focusField("restrictMultipleAccounts")
	h.press("down") // integration
	h.typ("p")      // type-ahead: Phantom
	h.press("enter")
	h.wantScreen("Verify options")
	h.typ("I own this wallet")
	h.press("down", "right") // a network
	h.press("down", "right") // and a network type: Mesh's guide says not both
	h.wantView("is given together with networkId")
	h.focusField("verifyWalletOptions.networkType")
	h.press("left") // back to (none)
	h.focusField("verifyWalletOptions.addresses")
	h.typ("0xabc, 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") // the first is no EVM address
	h.press("enter")
	h.wantScreen("Verify options") // blocked by the error
	h.wantView("has 3 hex digits after 0x")
	h.focusField("verifyWalletOptions.addresses")
	h.press("ctrl+u")
	h.typ("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359, 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
	h.press("enter")
	h.wantScreen("Preview")
	r := buildRequest(h.setup())
	if r.IntegrationID == "" || r.VerifyWalletOptions.NetworkID == "" || r.VerifyWalletOptions.NetworkType != "" {
		t.Errorf("verify body: %+v %+v", r, r.VerifyWalletOptions)
	}
	if got := r.VerifyWalletOptions.Addresses; len(got) != 2 || got[1] != "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed" {
		t.Errorf("addresses %q", got)
	}
	if r.TransferOptions != nil {
		t.Error("a verify-only body has transferOptions")
	}
	h.press("esc")
	h.wantScreen("Verify options")
	h.press("esc")
	h.wantScreen("Details")
}

// Verifying a wallet moves no funds: its details do not ask what a
// transfer should do; a deposit's do.
func TestVerifyDetailsAskNothingOfATransfer(t *testing.T) {
	h := newHarness(t)
	h.chooseUseCase(mesh.UseVerify)
	h.wantScreen("Details")
	if strings.Contains(h.view(), "transfer") {
		t.Errorf("verify's details speak of a transfer:\n%s", h.view())
	}
	h.press("esc")
	h.chooseUseCase(mesh.UseDeposit)
	h.wantView("what should the transfer do?")
}

func TestWithdrawalSkipsNetworks(t *testing.T) {
	h := newHarness(t)
	h.chooseUseCase(mesh.UseWithdrawal)
	h.typ("u1")
	h.focusField("restrictMultipleAccounts")
	h.press("enter")
	h.wantScreen("Preview")
	h.press("esc")
	h.wantScreen("Details")
}

func TestEscKeepsInvalidEntries(t *testing.T) {
	h := newHarness(t)
	h.chooseUseCase(mesh.UseOnramp)
	h.focusField("transferOptions.amountInFiat")
	h.typ("12abc")
	h.wantView(`"12abc" is not a number`)
	h.press("esc") // back although the field is invalid
	h.wantScreen("Use case")
	h.press("enter")
	h.wantScreen("Details")
	h.wantView("12abc", `"12abc" is not a number`)

	// payment: an invalid amount on the destinations step survives esc too
	h.press("esc")
	h.chooseUseCase(mesh.UsePayment)
	h.typ("u")
	h.focusField("transferOptions.generatePayLink")
	h.press("enter")
	h.typ("solana")
	h.press("space", "enter")
	h.focusField("transferOptions.toAddresses[0].amount")
	h.typ("-5")
	h.wantView("must be greater than zero")
	h.press("esc", "enter")
	h.wantScreen("Destinations")
	h.wantView("-5", "must be greater than zero")
}

func TestValidationShowsInlineAsTheUserTypes(t *testing.T) {
	h := newHarness(t)
	h.chooseUseCase(mesh.UsePayment)
	h.typ("someone@example.com")
	h.wantView("looks like an e-mail address")
	// required fields complain only once touched or on going on
	h.press("ctrl+u")
	if strings.Contains(h.view(), "required: a unique") {
		// the field was touched by typing, so the error shows: fine
	} else {
		t.Error("clearing the user id shows no error")
	}
	h.typ("u1")
	h.focusField("transferOptions.generatePayLink")
	h.press("space") // pay link needs a transaction id
	h.focusField("transferOptions.transactionId")
	h.press("ctrl+u")
	h.wantView("required when generatePayLink is true")
	if h.setup().FreshTxID {
		t.Error("a typed transaction id is still new each run")
	}
	h.press("ctrl+g")
	if !mesh.IsUUID(h.setup().TransactionID) {
		t.Errorf("ctrl+g gave %q", h.setup().TransactionID)
	}
	h.focusField("transferOptions.generatePayLink")
	h.press("enter")
	h.typ("ethereum")
	h.press("space", "enter")
	// the payment's amount is required: going on shows the error next to it
	for _, f := range h.form().fields {
		if f.info().path == "transferOptions.toAddresses[0].minAmountInFiat" {
			t.Error("a payment offers minAmountInFiat")
		}
	}
	h.focusLast()
	h.press("enter")
	h.wantScreen("Destinations")
	h.wantView("required for payments", "required for transfers: the destination address", "fix 2 errors")
	if f := h.form().focused(); f.info().path != "transferOptions.toAddresses[0].address" {
		t.Errorf("focus on %s, want the first error", f.info().path)
	}
}

func TestIrrelevantFieldsNeverReachTheBody(t *testing.T) {
	h := newHarness(t)
	h.chooseUseCase(mesh.UseOnramp)
	h.typ("u1")
	h.focusField("integrationId")
	h.press("right")
	h.focusField("transferOptions.amountInFiat")
	h.typ("50")
	h.press("esc")
	h.chooseUseCase(mesh.UseDeposit)
	h.wantScreen("Details")
	b, err := body(buildRequest(h.setup()))
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"amountInFiat", `"isInclusiveFeeEnabled": true`} {
		if strings.Contains(b, leak) {
			t.Errorf("deposit body holds %s:\n%s", leak, b)
		}
	}
	// the onramp's values are kept for when the user comes back
	if h.setup().AmountInFiat != "50" || h.setup().IntegrationID == "" {
		t.Errorf("onramp entries lost: %+v", h.setup())
	}
	h.press("esc")
	h.chooseUseCase(mesh.UseOnramp)
	h.wantView("50")
}

func TestBuildRequestPerUseCase(t *testing.T) {
	s := newSetup(mesh.UseOnramp, sequentialIDs())
	s.UserID, s.TransactionID = "u", "tx"
	s.AmountInFiat = "25.50"
	s.IntegrationID = "5620bf49-3240-4f85-8b4f-9dd6261597e2"
	s.Dests = []destination{{NetworkID: ethID, Symbol: "USDC", Address: "0xa", Amount: "1.5", DisplayAmountInFiat: "2", MinAmount: "0.1", MinAmountInFiat: "1", AddressTag: ""}}
	s.Verify = verifyValues{Message: "m", NetworkType: "evm", Addresses: "a b"}
	tests := []struct {
		u          mesh.UseCase
		has, lacks []string
	}{
		{mesh.UseDeposit, []string{`"minAmount":0.1`, `"minAmountInFiat":1`, `"transferType":"deposit"`, "integrationId"}, []string{"amountInFiat\":25", `"amount":`, "verifyWalletOptions", "displayAmountInFiat"}},
		{mesh.UsePayment, []string{`"amount":1.5`, `"displayAmountInFiat":2`}, []string{`"minAmount"`, `"amountInFiat"`}},
		{mesh.UseOnramp, []string{`"amountInFiat":25.50`, "integrationId", `"isInclusiveFeeEnabled":true`}, []string{`"amount":`, "verifyWalletOptions"}},
		{mesh.UseWithdrawal, []string{`"userId":"u"`, "integrationId"}, []string{"transferOptions", "verifyWalletOptions"}},
		{mesh.UseVerify, []string{"integrationId", `"networkType":"evm"`, `"addresses":["a","b"]`}, []string{"transferOptions"}},
		{mesh.UseDepositVerify, []string{`"transferType":"deposit"`, "verifyWalletOptions", "integrationId"}, []string{`"amountInFiat"`}},
	}
	for _, tt := range tests {
		t.Run(string(tt.u), func(t *testing.T) {
			s := s
			s.UseCase = tt.u
			b, err := json.Marshal(buildRequest(s))
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range tt.has {
				if !strings.Contains(string(b), x) {
					t.Errorf("body lacks %s: %s", x, b)
				}
			}
			for _, x := range tt.lacks {
				if strings.Contains(string(b), x) {
					t.Errorf("body holds %s: %s", x, b)
				}
			}
			// and reading it back gives the same body
			back := setupFromRequest(buildRequest(s))
			b2, _ := json.Marshal(buildRequest(back))
			if string(b2) != string(b) {
				t.Errorf("round trip:\n%s\n%s", b, b2)
			}
		})
	}
}

func TestNetworkFilterMatchesTokens(t *testing.T) {
	h := newHarness(t)
	h.send(catalogLoadedMsg{cat: &mesh.Catalog{Source: mesh.SourceSnapshot, FetchedAt: mesh.SnapshotDate, Networks: []mesh.Network{
		{ID: ethID, Name: "Ethereum", NetworkType: "evm", SupportedTokens: []string{"ETH", "USDC", "WBTC"}},
		{ID: "11111111-1111-1111-1111-111111111111", Name: "Bitcoin", NetworkType: "bitcoin", SupportedTokens: []string{"BTC"}},
		{ID: solID, Name: "Solana", NetworkType: "solana", SupportedTokens: []string{"SOL", "usdc"}},
		{ID: "22222222-2222-2222-2222-222222222222", Name: "Dogecoin", NetworkType: "dogecoin", SupportedTokens: []string{"DOGE"}},
	}}})
	h.chooseUseCase(mesh.UseDeposit)
	h.typ("u")
	h.focusField("transferOptions.generatePayLink")
	h.press("enter")
	h.wantScreen("Networks")
	h.typ("usdc")
	var names []string
	nets := top[*networksScreen](h)
	for _, i := range nets.list.visible {
		names = append(names, nets.cat.Networks[i].Name)
	}
	if strings.Join(names, ",") != "Ethereum,Solana" {
		t.Errorf("usdc lists %v", names)
	}
	h.wantView("2 of 4")
	if strings.Contains(h.view(), "Bitcoin") {
		t.Error("Bitcoin listed for usdc")
	}
	// choosing from a token filter preselects that token
	h.press("down", "space")
	if got := h.setup().Dests[0].Symbol; got != "usdc" {
		t.Errorf("symbol %q, want the filtered token", got)
	}
	h.press("backspace", "backspace", "backspace", "backspace")
	h.wantView("4 of 4")

	// whole-word matches lead: "btc" is Bitcoin before Ethereum's WBTC
	h.typ("btc")
	if first, _ := nets.list.current(); nets.cat.Networks[first].Name != "Bitcoin" || len(nets.list.visible) != 2 {
		t.Errorf("btc: first %q of %d", nets.cat.Networks[first].Name, len(nets.list.visible))
	}
	h.press("backspace", "backspace", "backspace")
	h.typ("?")
	if !h.m.help.ShowAll {
		t.Error("? does not show all keys on the networks step")
	}
}

// slowServer answers nothing until the request is cancelled.
func slowServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // only then does the server notice the client leaving
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestEscCancelsTheFetch(t *testing.T) {
	slow := slowServer(t)
	h := newHarness(t)
	h.connect = func(tg mesh.Target) (*mesh.Client, error) {
		env := tg.Env
		return &mesh.Client{BaseURL: slow.URL, Env: env, Credentials: mesh.Credentials{ClientID: "x", ClientSecret: "y"}, MaxAttempts: 1}, nil
	}
	fillDeposit(h)
	before := h.setup().TransactionID
	cmd := h.pressHolding("enter")
	h.wantScreen("Fetching")
	h.wantView("asking the built-in demo server", "esc cancels")
	done := make(chan tea.Msg, 1)
	go func() { // the request is in flight
		for _, c := range cmd().(tea.BatchMsg) {
			if c == nil {
				continue
			}
			if msg, ok := c().(fetchFailedMsg); ok {
				done <- msg
			}
		}
	}()
	h.press("esc")
	h.wantScreen("Preview")
	h.wantView("cancelled", `"userId": "user-42"`)
	select {
	case msg := <-done:
		h.send(msg) // the late answer is stale: ignored
	case <-time.After(5 * time.Second):
		t.Fatal("the request was not cancelled")
	}
	h.wantScreen("Preview")
	if h.setup().UserID != "user-42" {
		t.Error("cancel lost entries")
	}
	// the cancelled request may have reached Mesh: the next send's id is new
	if h.setup().TransactionID == before {
		t.Error("after a cancelled send the preview still shows the transactionId it carried")
	}
	h.wantView("with a new transactionId")
}

// The cancelled request's answer can come before esc's pop is done (a
// loaded machine): it must not put an error screen over the preview.
func TestEscThenCancelledAnswerFirstStaysOnPreview(t *testing.T) {
	h := newHarness(t)
	fillDeposit(h)
	h.pressHolding("enter")
	id := top[*fetchScreen](h).id
	pop := h.sendOnly(keyMsg("esc"))
	late := h.sendOnly(fetchFailedMsg{id: id, err: context.Canceled}) // before the pop
	h.run(pop)
	h.run(late)
	h.wantScreen("Preview")
	h.wantView("cancelled", `"userId": "user-42"`)
}

// The answer of a cancelled fetch that arrives while a later fetch is
// awaited is dropped: the screen waits for its own answer.
func TestStaleAnswersAreIgnored(t *testing.T) {
	h := newHarness(t)
	fillDeposit(h)
	h.pressHolding("enter")
	old := top[*fetchScreen](h).id
	h.press("esc")
	h.wantScreen("Preview")
	h.pressHolding("enter")
	h.wantScreen("Fetching")
	h.send(tokenFetchedMsg{id: old, token: &mesh.LinkToken{Token: "stale"}})
	h.wantScreen("Fetching")
	h.send(fetchFailedMsg{id: old, err: errors.New("stale failure")})
	h.wantScreen("Fetching")
}

func unauthorizedServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"status":"permissionDenied","message":"Invalid client credentials","errorType":"invalidCredentials"}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestUnauthorizedLeadsToCredentials(t *testing.T) {
	bad := unauthorizedServer(t)
	h := newHarness(t, func(o *Options) {
		o.Env = mesh.EnvSandbox
		o.Credentials = mesh.Credentials{ClientID: "old-id", ClientSecret: "old-secret"}
	})
	var used []mesh.Credentials
	h.connect = func(tg mesh.Target) (*mesh.Client, error) {
		env, c := tg.Env, tg.Credentials
		used = append(used, c)
		return &mesh.Client{BaseURL: bad.URL, Env: env, Credentials: c, MaxAttempts: 1}, nil
	}
	h.wantView("SANDBOX", "keys set")
	fillDeposit(h)
	h.press("enter")
	h.wantScreen("Error")
	h.wantView("401", "Check MESH_CLIENT_ID", "type other keys")
	h.press("enter")
	h.wantScreen("Credentials")
	// the client id given stays, in clear (it is no secret: a wrong one can
	// be seen); the focus is on the secret, which is never drawn; the
	// variables are set, so the dialog does not ask to set them
	h.wantView("  MESH_CLIENT_ID      old-id", "MESH_CLIENT_SECRET, which are set")
	if strings.Contains(h.view(), "to skip this next time") {
		t.Errorf("the dialog asks to set variables that are set:\n%s", h.view())
	}
	h.typ("s3cr3t-value")
	if v := h.view(); strings.Contains(v, "s3cr3t-value") || strings.Contains(v, "old-secret") {
		t.Fatalf("the secret drawn on screen:\n%s", v)
	}
	h.press("enter")
	h.wantScreen("Preview")
	h.wantView(`"userId": "user-42"`, "keys set for this run")
	h.press("enter")
	if got := used[len(used)-1]; got.ClientID != "old-id" || got.ClientSecret != "s3cr3t-value" {
		t.Errorf("sent with %v", got)
	}
	h.wantScreen("Error")
	h.press("enter")
	h.wantScreen("Credentials")
	h.press("shift+tab", "ctrl+u")
	h.typ("new-id")
	h.press("tab")
	h.typ("other-secret")
	if v := h.view(); strings.Contains(v, "other-secret") || !strings.Contains(v, "new-id") {
		t.Fatalf("the secret drawn, or the client id not:\n%s", v)
	}
	h.press("enter", "enter")
	if got := used[len(used)-1]; got.ClientID != "new-id" || got.ClientSecret != "other-secret" {
		t.Errorf("sent with %v", got)
	}
	h.wantScreen("Error")
	h.press("esc")
	h.wantScreen("Preview")
}

func TestOtherErrorsGoBackToThePreview(t *testing.T) {
	h := newHarness(t)
	h.connect = func(tg mesh.Target) (*mesh.Client, error) {
		env, c := tg.Env, tg.Credentials
		return &mesh.Client{BaseURL: "http://127.0.0.1:1", Env: env, Credentials: c, MaxAttempts: 1}, nil
	}
	fillDeposit(h)
	h.press("enter")
	h.wantScreen("Error")
	h.wantView("cannot reach", "back to the preview")
	h.press("enter")
	h.wantScreen("Preview")
	h.wantView(`"userId": "user-42"`)
}

func TestCopyReportsTheMethod(t *testing.T) {
	h := newHarness(t)
	fillDeposit(h)
	h.press("c")
	if got, want := h.m.s.status.text, "sent the body by OSC 52: paste to check; it is on screen"; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	if got := h.copied[len(h.copied)-1]; got != top[*previewScreen](h).body {
		t.Errorf("copied %q", got)
	}
	h.copyAs(clip.Native, nil)
	h.press("u")
	h.wantScreen("curl")
	h.wantView("copied the curl command", "curl --request POST")
	if strings.Contains(h.view(), "it is on screen") {
		t.Error("a confirmed copy says where else the text is")
	}
	h.press("esc")
	h.copyAs(clip.None, clip.ErrOff)
	h.press("enter")
	h.wantScreen("Token")
	h.press("c")
	h.wantView("could not copy the token")
	h.wantView(top[*resultScreen](h).token.Token[:40]) // still on screen to select
}

func TestCurlNamesSecretsByReference(t *testing.T) {
	h := newHarness(t, func(o *Options) {
		o.Env = mesh.EnvSandbox
		o.Credentials = mesh.Credentials{ClientID: "the-id", ClientSecret: "the-secret"}
	})
	fillDeposit(h)
	h.press("u")
	curl := h.copied[len(h.copied)-1]
	if strings.Contains(curl, "the-secret") || strings.Contains(curl, "the-id") || !strings.Contains(curl, "$MESH_CLIENT_SECRET") || !strings.Contains(curl, mesh.SandboxBaseURL) {
		t.Errorf("curl:\n%s", curl)
	}
}

func TestEnvironmentSwitch(t *testing.T) {
	h := newHarness(t)
	h.chooseUseCase(mesh.UseDeposit)
	h.typ("user-1")
	h.press("ctrl+e")
	h.wantScreen("Environment")
	h.press("down", "enter") // sandbox, no keys: asked for
	h.wantScreen("Credentials")
	h.press("esc")
	h.wantScreen("Environment")
	if h.m.s.env != mesh.EnvDemo {
		t.Error("cancelled credentials switched the environment")
	}
	h.press("enter")
	h.typ("id")
	h.press("enter")
	h.typ("secret")
	h.press("enter")
	h.wantScreen("Details")
	h.wantView("SANDBOX", "keys set", "user-1")
	// production asks for its own keys (sandbox's are not reused), and for a
	// typed confirmation to send
	h.press("ctrl+e", "down", "enter")
	h.wantScreen("Credentials")
	h.wantView("Production keys (not sandbox's)")
	h.typ("prod-id")
	h.press("enter")
	h.typ("prod-secret")
	h.press("enter")
	h.wantScreen("Details")
	h.wantView("PRODUCTION", "real money")
	h.focusField("transferOptions.generatePayLink")
	h.press("enter")
	h.typ("ethereum")
	h.press("space", "enter")
	h.focusField("transferOptions.toAddresses[0].address")
	h.typ("0x71C7656EC7ab88b098defB751B7401B5f6d8976F")
	h.focusField("transferOptions.toAddresses[0].minAmountInFiat")
	h.press("enter")
	h.wantScreen("Preview")
	sent := 0
	h.connect = func(tg mesh.Target) (*mesh.Client, error) {
		env, c := tg.Env, tg.Credentials
		sent++
		if env != mesh.EnvProduction || c.ClientID != "prod-id" {
			t.Errorf("sent to %s with %v", env, c)
		}
		return demoConnect(h.srv)(mesh.TargetFor(mesh.EnvDemo, mesh.Credentials{}))
	}
	h.press("enter")
	h.wantScreen("Confirm production")
	h.typ("prod")
	h.press("enter")
	h.wantScreen("Confirm production")
	// it says what was wrong and what to type, and the field is empty for it
	h.wantView(`"prod" is not production: type production, the whole word, then enter`)
	if v := top[*confirmDialog](h).input.Value(); v != "" {
		t.Errorf("the field still holds %q: typing production now would send %q", v, v+"production")
	}
	h.press("esc")
	h.wantScreen("Preview")
	if sent != 0 {
		t.Fatal("sent without confirmation")
	}
	h.press("enter")
	h.typ("production")
	h.press("enter")
	h.wantScreen("Token")
	if sent != 1 {
		t.Errorf("sent %d times", sent)
	}

	// switching to production on the result screen: a fresh token asks again
	h.press("ctrl+e", "up", "up", "enter")
	h.wantView("DEMO")
	h.press("ctrl+e", "down", "down", "enter")
	h.wantView("PRODUCTION")
	h.press("f")
	h.wantScreen("Confirm production")
	if sent != 1 {
		t.Fatal("a fresh token went to production without the typed confirmation")
	}
	h.press("esc")
	h.wantScreen("Token")
}

func TestCtrlCQuitsFromAnyStep(t *testing.T) {
	for _, s := range []func(h *harness){
		func(h *harness) {},
		func(h *harness) { h.chooseUseCase(mesh.UsePayment) },
		func(h *harness) { fillDeposit(h) },
		func(h *harness) { fillDeposit(h); h.press("ctrl+e") },
	} {
		h := newHarness(t)
		s(h)
		cmd := h.sendOnly(keyMsg("ctrl+c"))
		if cmd == nil {
			t.Fatal("ctrl+c returned no command")
		}
		if _, ok := cmd().(tea.QuitMsg); !ok || !h.m.interrupted {
			t.Errorf("ctrl+c on %s did not quit as interrupted", h.m.active().title())
		}
		if h.m.View() != "" {
			t.Error("the last frame is not cleared")
		}
	}
}

func TestResultCountdownAndFreshToken(t *testing.T) {
	now := fixedNow
	h := newHarness(t, func(o *Options) { o.Now = func() time.Time { return now } })
	var ticks []int
	h.m.s.tick = func(id int) tea.Cmd { ticks = append(ticks, id); return nil }
	fillDeposit(h)
	tx := h.setup().TransactionID
	h.press("enter")
	h.wantScreen("Token")
	h.wantView("valid for 10:00 more")
	id := top[*resultScreen](h).tickID
	now = now.Add(61 * time.Second)
	h.send(tickMsg{id: id})
	h.wantView("valid for 8:59 more")
	h.send(tickMsg{id: id - 1}) // a stale chain is not continued
	if n := len(ticks); n != 2 {
		t.Errorf("%d ticks scheduled, want one chain (2)", n)
	}
	now = now.Add(10 * time.Minute)
	h.send(tickMsg{id: id})
	h.wantView("expired")
	h.press("f")
	h.wantScreen("Token")
	if h.setup().TransactionID == tx {
		t.Error("a fresh token reused the generated transaction id")
	}
	if n := len(h.srv.Requests()); n != 2 {
		t.Errorf("%d requests", n)
	}
	h.press("n")
	h.wantScreen("Use case")
	if h.setup().UserID != "" || len(h.m.stack) != 1 {
		t.Error("start over kept the old setup")
	}
	cmd := h.sendOnly(keyMsg("q"))
	if cmd != nil {
		t.Error("q quits only on the result screen")
	}
}

func TestEditedBody(t *testing.T) {
	h := newHarness(t)
	fillDeposit(h)
	h.send(bodyEditedMsg{text: []byte(`{"userId": "x", "bogus": 1}`)})
	h.wantView("bogus: is not a field", `"userId": "user-42"`)
	if top[*previewScreen](h).pendingEdit == "" {
		t.Error("the failed edit is not kept")
	}
	h.send(bodyEditedMsg{text: []byte(`{"userId": "x"} {}`)})
	if !strings.Contains(h.m.s.status.text, "more after the JSON object") {
		t.Errorf("status %q", h.m.s.status.text)
	}
	edited := strings.Replace(top[*previewScreen](h).body, `"user-42"`, `"user-43"`, 1)
	edited = strings.Replace(edited, `"transferType": "deposit"`, `"transferType": "payment"`, 1)
	h.send(bodyEditedMsg{text: []byte(edited)})
	if h.setup().UserID != "user-43" || h.setup().UseCase != mesh.UsePayment {
		t.Errorf("edit not applied: %+v", h.setup())
	}
	h.wantView(`"user-43"`, "required for payments") // re-validated: a payment needs amounts
	h.press("esc")
	h.wantScreen("Destinations")
	h.wantView("Amount")
}

func TestEditorCommand(t *testing.T) {
	c := editorCommand(func(k string) string { return map[string]string{"EDITOR": "code --wait"}[k] }, "/tmp/b.json")
	if strings.Join(c.Args, " ") != "code --wait /tmp/b.json" {
		t.Errorf("args %q", c.Args)
	}
	c = editorCommand(func(string) string { return "" }, "f")
	if c.Args[0] != "vi" {
		t.Errorf("default %q", c.Args)
	}
}

func TestCatalogRefresh(t *testing.T) {
	h := newHarness(t)
	h.chooseUseCase(mesh.UseDeposit)
	h.press("ctrl+r")
	h.wantView("demo server serves only the built-in snapshot")

	dir := t.TempDir()
	h = newHarness(t, func(o *Options) {
		o.Env = mesh.EnvSandbox
		o.Credentials = mesh.Credentials{ClientID: "a", ClientSecret: "b"}
		o.CacheDir = dir
	})
	h.chooseUseCase(mesh.UseDeposit)
	h.focusField("transferOptions.generatePayLink")
	h.typ("") // stay
	h.press("ctrl+r")
	h.wantView("catalog refreshed")
	if h.m.s.catalog.Source != mesh.SourceCache {
		t.Errorf("source %s", h.m.s.catalog.Source)
	}
	c, warns := mesh.LoadCatalog(mesh.CatalogDir(dir, mesh.EnvSandbox, ""))
	if len(warns) > 0 || c.Source != mesh.SourceCache || len(c.Networks) == 0 {
		t.Errorf("cache not saved: %v %v", c.Source, warns)
	}
}

func TestCorruptCacheWarnsOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(mesh.CatalogDir(dir, mesh.EnvSandbox, ""), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(mesh.CatalogDir(dir, mesh.EnvSandbox, "")+"/networks.json", "{broken"); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, func(o *Options) {
		o.CacheDir = dir
		o.Env = mesh.EnvSandbox
		o.Credentials = mesh.Credentials{ClientID: "a", ClientSecret: "b"}
	})
	h.wantView("ignored the unreadable catalog cache")
	h.chooseUseCase(mesh.UseDeposit)
	if strings.Contains(h.view(), "unreadable") {
		t.Error("the warning stays after moving on")
	}
}

func TestLayoutFitsTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		h := newHarness(t)
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		check := func() {
			t.Helper()
			checkFrame(t, h.view(), size[0], size[1])
		}
		check()
		h.chooseUseCase(mesh.UsePaymentVerify)
		h.typ("a-rather-long-user-identifier-that-goes-on@example.com")
		check()
		h.focusField("integrationId")
		h.press("enter", "enter")
		check()
		h.typ("usdc")
		h.press("space", "down", "space", "down", "space", "enter")
		check()
		h.press("enter", "enter", "enter", "enter", "enter", "enter", "enter", "enter", "enter", "enter")
		check()
		h.focusLast()
		h.press("enter") // submitted: every error shows
		check()
		h.press("?")
		check()
	}
}
