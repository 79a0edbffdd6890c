package demo_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

const ethereumID = "e3c7fdd8-b1fc-4e51-85ae-bb276e075611"

// linkRequest is a request for u to user-1, transaction order-42, USDC on
// Solana (1 USDC for a payment).
func linkRequest(u mesh.UseCase) *mesh.LinkTokenRequest {
	r := mesh.NewRequest(u, "user-1")
	if o := r.TransferOptions; o != nil {
		o.TransactionID = "order-42"
		o.ToAddresses = []mesh.ToAddress{{NetworkID: solanaID, Symbol: "USDC", Address: "So1ana1111111111111111111111111111111111111"}}
		switch u {
		case mesh.UsePayment, mesh.UsePaymentVerify:
			o.ToAddresses[0].Amount = "1"
		case mesh.UseOnramp:
			o.AmountInFiat = "50"
		}
	}
	return r
}

// issue asks s for a link token for r.
func issue(t *testing.T, s *demo.Server, r *mesh.LinkTokenRequest) string {
	t.Helper()
	body, err := mesh.EncodeBody(r)
	if err != nil {
		t.Fatal(err)
	}
	code, _, env := call(t, s, "POST", mesh.PathLinkToken, string(body), creds...)
	if code != 200 {
		t.Fatalf("token: %d %s", code, env.Message)
	}
	var c struct{ LinkToken string }
	if err := json.Unmarshal(env.Content, &c); err != nil {
		t.Fatal(err)
	}
	return c.LinkToken
}

func play(t *testing.T, token string, script demo.Script) []demo.View {
	t.Helper()
	views, err := demo.Play(context.Background(), http.DefaultClient, token, script)
	if err != nil {
		t.Fatal(err)
	}
	return views
}

func types(msgs []demo.Message) string {
	var ts []string
	for _, m := range msgs {
		ts = append(ts, m.Type)
	}
	return strings.Join(ts, " ")
}

// payload decodes a message's payload into v, by way of JSON as the page
// would post it.
func payload(t *testing.T, m demo.Message, v any) {
	t.Helper()
	b, err := json.Marshal(m.Payload)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func find(msgs []demo.Message, typ string) (demo.Message, bool) {
	for _, m := range msgs {
		if m.Type == typ {
			return m, true
		}
	}
	return demo.Message{}, false
}

const (
	connect    = "loaded integrationSelected credentialsEntered integrationMfaRequired integrationMfaEntered brokerageAccountAccessToken"
	toPreview  = connect + " transferStarted transferAssetSelected transferNetworkSelected transferAmountEntered transferPreviewed"
	signed     = "walletMessageSigned"
	succeeded  = toPreview + " transferExecuted transferFinished done"
	failedTail = toPreview + " transferExecutionError close"
)

// The message sequences of every script for every use case: what the
// page posts, so what Mesh's SDK hands the integrator's callbacks.
func TestLinkScriptsPostLinksMessagesInOrder(t *testing.T) {
	s := start(t)
	v := "loaded " + signed
	tests := []struct {
		use    mesh.UseCase
		script demo.Script
		want   string
	}{
		{mesh.UseDeposit, demo.ScriptSucceeds, succeeded},
		{mesh.UsePayment, demo.ScriptSucceeds, succeeded},
		{mesh.UseOnramp, demo.ScriptSucceeds, succeeded},
		{mesh.UseWithdrawal, demo.ScriptSucceeds, connect + " done"},
		{mesh.UseVerify, demo.ScriptSucceeds, v + " verifyDonePage done"},
		{mesh.UseDepositVerify, demo.ScriptSucceeds, v + strings.TrimPrefix(succeeded, "loaded")},
		{mesh.UsePaymentVerify, demo.ScriptSucceeds, v + strings.TrimPrefix(succeeded, "loaded")},
		{mesh.UseDeposit, demo.ScriptFails, failedTail},
		{mesh.UsePayment, demo.ScriptFails, failedTail},
		{mesh.UseOnramp, demo.ScriptFails, failedTail},
		{mesh.UseDeposit, demo.ScriptNoAssets, connect + " transferStarted transferNoEligibleAssets close"},
		{mesh.UseOnramp, demo.ScriptNoAssets, connect + " transferStarted transferNoEligibleAssets close"},
		{mesh.UseDeposit, demo.ScriptUserExits, "loaded integrationSelected close"},
		{mesh.UseWithdrawal, demo.ScriptUserExits, "loaded integrationSelected close"},
		{mesh.UseVerify, demo.ScriptUserExits, "loaded close"},
		{mesh.UseVerify, demo.ScriptVerifyRejected, "loaded verifyWalletRejected close"},
		{mesh.UseDepositVerify, demo.ScriptVerifyRejected, "loaded verifyWalletRejected close"},
		{mesh.UseWithdrawal, demo.ScriptFails, "loaded close"},
		{mesh.UseVerify, demo.ScriptNoAssets, "loaded close"},
		{mesh.UseDeposit, demo.ScriptVerifyRejected, "loaded close"},
	}
	for _, tt := range tests {
		t.Run(string(tt.use)+"/"+string(tt.script), func(t *testing.T) {
			views := play(t, issue(t, s, linkRequest(tt.use)), tt.script)
			msgs := demo.Messages(views)
			if got := types(msgs); got != tt.want {
				t.Fatalf("messages:\n got %s\nwant %s", got, tt.want)
			}
			last := views[len(views)-1]
			if !last.Closed || last.Next != nil {
				t.Fatalf("the last view is not closed: %+v", last)
			}
			var sum demo.SessionSummary
			payload(t, msgs[len(msgs)-1], &sum)
			wantError := tt.script == demo.ScriptFails || tt.script == demo.ScriptVerifyRejected || strings.HasPrefix(tt.want, "loaded close") && tt.script != demo.ScriptUserExits
			if (sum.ErrorMessage != "") != wantError {
				t.Errorf("summary %+v: errorMessage wanted: %v", sum, wantError)
			}
			if strings.HasSuffix(tt.want, "transferFinished done") && sum.Page != demo.PageExecuted {
				t.Errorf("summary page %q, want transferExecutedPage (Mesh's success page)", sum.Page)
			}
		})
	}
}

// A finished transfer is in the books with the token's transaction id and
// user, and the callbacks carry the same ids as the books.
func TestLinkTransferIsRecordedInTheBooks(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	s, err := demo.StartWith(demo.Options{SettleAfter: -1, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := linkRequest(mesh.UseDeposit)
	r.TransferOptions.ToAddresses[0].MinAmount = "10"
	msgs := demo.Messages(play(t, issue(t, s, r), demo.ScriptSucceeds))
	got := s.Books.Transfers()
	if len(got) != 1 {
		t.Fatalf("books hold %d transfers, want 1", len(got))
	}
	tr := got[0]
	if tr.Status != mesh.TransferPending || tr.ClientTransactionID != "order-42" || tr.UserID != "user-1" || tr.Symbol != "USDC" ||
		tr.NetworkID != solanaID || tr.NetworkName != "Solana" || tr.Amount != 10 || tr.AmountInFiat != 10 || tr.Hash != "" ||
		tr.CreatedTimestamp != now.Unix() || tr.From == nil || tr.From.Name == "" || tr.TransferType != "deposit" ||
		tr.DestinationAddress != r.TransferOptions.ToAddresses[0].Address {
		t.Fatalf("recorded %+v", tr)
	}
	m, _ := find(msgs, demo.MsgTransferFinished)
	var fin demo.TransferFinishedPayload
	payload(t, m, &fin)
	s.Books.Settle()
	if settled := s.Books.Transfers()[0]; settled.Hash == "" || fin.TxHash != settled.Hash {
		t.Errorf("a settled transfer has hash %q, transferFinished said %q", settled.Hash, fin.TxHash)
	}
	if fin.Status != "success" || fin.TransferID != tr.ID || fin.ClientTransactionID != "order-42" ||
		fin.UserID != "user-1" || fin.Amount != 10 || fin.Symbol != "USDC" || fin.NetworkID != solanaID || fin.ToAddress != tr.DestinationAddress {
		t.Errorf("transferFinished %+v does not match the books' %+v", fin, tr)
	}
	var sum demo.SessionSummary
	payload(t, msgs[len(msgs)-1], &sum)
	if sum.Transfer == nil || sum.Transfer.TransactionID != tr.ID || sum.SelectedIntegration == nil || sum.SelectedIntegration.Name != tr.From.Name {
		t.Errorf("summary %+v", sum)
	}
	s.Books.Settle()
	if st := s.Books.Transfers()[0].Status; st != mesh.TransferSucceeded {
		t.Errorf("settled as %q", st)
	}

	demo.Messages(play(t, issue(t, s, linkRequest(mesh.UsePayment)), demo.ScriptFails))
	s.Books.Settle()
	if failed := s.Books.Transfers()[1]; failed.Status != mesh.TransferFailed || failed.Amount != 1 || failed.ClientTransactionID != "order-42" {
		t.Errorf("the failing persona's transfer: %+v", failed)
	}
}

// stepper drives one session by hand over HTTP.
type stepper struct {
	t    *testing.T
	s    *demo.Server
	view demo.View
}

func open(t *testing.T, s *demo.Server, token string) *stepper {
	t.Helper()
	st := &stepper{t: t, s: s}
	st.view = st.post("/demo/link/sessions", `{"linkToken":"`+token+`"}`, 200)
	return st
}

func (st *stepper) post(path, body string, wantCode int) demo.View {
	st.t.Helper()
	code, _, env := call(st.t, st.s, "POST", path, body, "Content-Type", "application/json")
	if code != wantCode {
		st.t.Fatalf("POST %s %s: %d %s, want %d", path, body, code, env.Message, wantCode)
	}
	var v demo.View
	if code == 200 {
		if err := json.Unmarshal(env.Content, &v); err != nil {
			st.t.Fatal(err)
		}
	}
	return v
}

// do plays action with body and returns the new view.
func (st *stepper) do(action, body string) demo.View {
	st.t.Helper()
	st.view = st.post("/demo/link/sessions/"+st.view.Session+"/"+action, body, 200)
	return st.view
}

func (st *stepper) signIn(username string) {
	st.t.Helper()
	if st.view.Page == demo.PageCatalog {
		st.do("integration", `{"integrationId":"`+st.view.Picks.Options[0].Value+`"}`)
	}
	st.do("credentials", `{"username":"`+username+`","password":"Pass123"}`)
	if v := st.do("mfa", `{"code":"123456"}`); v.Error != "" {
		st.t.Fatalf("sign in as %s: %s", username, v.Error)
	}
}

func TestLinkTokenIsSingleUseAndExpires(t *testing.T) {
	var mu sync.Mutex
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s, err := demo.StartWith(demo.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	used := issue(t, s, linkRequest(mesh.UseDeposit))
	if first := open(t, s, used); first.view.Page != demo.PageCatalog {
		t.Fatalf("first use: %+v", first.view)
	}
	fresh := issue(t, s, linkRequest(mesh.UseDeposit))
	mu.Lock()
	now = now.Add(mesh.TokenLifetime)
	mu.Unlock()
	if v := open(t, s, fresh).view; v.Page != demo.PageCatalog {
		t.Fatalf("a token at exactly its lifetime is still good: %+v", v)
	}
	expired := issue(t, s, linkRequest(mesh.UseDeposit))
	mu.Lock()
	now = now.Add(mesh.TokenLifetime + time.Second)
	mu.Unlock()

	for name, tt := range map[string]struct{ token, says string }{
		"reused":  {used, "Link token already used"},
		"expired": {expired, "Link token expired"},
		"unknown": {"aHR0cDovL2V4YW1wbGUvP2F1dGhfY29kZT1ERU1PLW5vcGU=", "Link token not recognised"},
	} {
		t.Run(name, func(t *testing.T) {
			st := open(t, s, tt.token)
			if st.view.Page != demo.PageError || types(st.view.Messages) != "loaded" || !strings.Contains(st.view.Lines[0], tt.says) {
				t.Fatalf("view %+v, want Link's error saying %q", st.view, tt.says)
			}
			v := st.do("close", "")
			var sum demo.SessionSummary
			payload(t, v.Messages[0], &sum)
			if v.Messages[0].Type != "close" || !strings.HasPrefix(sum.ErrorMessage, tt.says) || sum.Page != demo.PageError {
				t.Fatalf("closed with %+v", v.Messages)
			}
		})
	}
}

func TestLinkPersonas(t *testing.T) {
	s := start(t)

	t.Run("wrong_password_says_the_sandbox's", func(t *testing.T) {
		st := open(t, s, issue(t, s, linkRequest(mesh.UseDeposit)))
		st.do("integration", `{"integrationId":"`+st.view.Picks.Options[0].Value+`"}`)
		v := st.do("credentials", `{"username":"Mesh","password":"pass123"}`)
		if v.Page != demo.PageCredentials || !strings.Contains(v.Error, "Pass123") || types(v.Messages) != "integrationConnectionError" {
			t.Fatalf("%+v", v)
		}
		if v = st.do("credentials", `{"username":"mesh","password":"Pass123"}`); v.Page != demo.PageMFA {
			t.Fatalf("usernames are read in any case: %+v", v)
		}
		if v = st.do("mfa", `{"code":"000000"}`); v.Page != demo.PageMFA || !strings.Contains(v.Error, "123456") || len(v.Messages) != 0 {
			t.Fatalf("wrong code: %+v", v)
		}
	})
	t.Run("Mesh3_has_cash_only", func(t *testing.T) {
		st := open(t, s, issue(t, s, linkRequest(mesh.UseDeposit)))
		st.signIn("Mesh3")
		if st.view.Page != demo.PageNoAssets {
			t.Fatalf("a deposit as Mesh3: %+v", st.view)
		}
		m, _ := find(st.view.Messages, demo.EvtTransferNoEligibleAssets)
		var p demo.NoEligibleAssetsPayload
		payload(t, m, &p)
		if p.IntegrationName == "" || p.ArrayOfTokensHeld == nil || len(p.ArrayOfTokensHeld) != 0 {
			t.Errorf("payload %+v", p)
		}
		st = open(t, s, issue(t, s, linkRequest(mesh.UseOnramp)))
		st.signIn("Mesh3")
		if st.view.Page != demo.PageConfigure {
			t.Fatalf("an onramp as Mesh3: %+v", st.view)
		}
	})
	t.Run("a_single_asset_persona_sends_only_it", func(t *testing.T) {
		r := linkRequest(mesh.UseDeposit)
		r.TransferOptions.ToAddresses = append(r.TransferOptions.ToAddresses, mesh.ToAddress{NetworkID: ethereumID, Symbol: "ETH", Address: "0x0Ff0000f0A0f0000F0F000000000ffFf00f0F0f0"})
		st := open(t, s, issue(t, s, r))
		st.signIn("MeshETH")
		if f := st.view.Fields[0]; len(f.Options) != 1 || !strings.HasPrefix(f.Options[0].Label, "ETH on Ethereum to 0x0Ff") {
			t.Fatalf("options %+v", f.Options)
		}
	})
}

func TestLinkAmounts(t *testing.T) {
	s := start(t)
	r := linkRequest(mesh.UseDeposit)
	r.TransferOptions.ToAddresses[0].MinAmount = "10"
	st := open(t, s, issue(t, s, r))
	st.signIn("Mesh")
	if st.view.Fields[1].Value != "10" {
		t.Errorf("the amount starts at %q, want the minimum 10", st.view.Fields[1].Value)
	}
	for amount, says := range map[string]string{
		"9.99":    "The minimum is 10 USDC",
		"lots":    "Type the amount as a number",
		"0":       "more than 0",
		"1000000": "Mesh holds only 100000 USDC",
	} {
		if v := st.do("preview", `{"option":"0","amount":"`+amount+`"}`); v.Page != demo.PageConfigure || !strings.Contains(v.Error, says) || len(v.Messages) != 0 {
			t.Errorf("amount %s: %+v, want %q", amount, v, says)
		}
	}
	v := st.do("preview", `{"option":"0","amount":"25"}`)
	m, _ := find(v.Messages, demo.EvtTransferPreviewed)
	var p demo.TransferPreviewedPayload
	payload(t, m, &p)
	if p.Amount != 25 || p.AmountInFiat != 25 || p.PreviewID == "" || p.ClientTransactionID != "order-42" || p.EstimatedNetworkGasFee.FeeInFiat == 0 || p.InstitutionTransferFee.Fee != 0.025 {
		t.Errorf("previewed %+v", p)
	}
	if v = st.do("back", ""); v.Fields[1].Value != "25" {
		t.Errorf("back keeps the amount typed: %+v", v.Fields)
	}

	pay := open(t, s, issue(t, s, linkRequest(mesh.UsePayment)))
	pay.signIn("Mesh")
	if len(pay.view.Fields) != 1 || !strings.HasPrefix(pay.view.Fields[0].Options[0].Label, "1 USDC on Solana") {
		t.Fatalf("a payment's amount is the token's, not typed: %+v", pay.view.Fields)
	}
	v = pay.do("preview", `{"option":"0","amount":"500"}`)
	if m, _ = find(v.Messages, demo.EvtTransferPreviewed); m.Payload.(map[string]any)["amount"] != 1.0 {
		t.Errorf("a payment previewed %+v", m.Payload)
	}

	ramp := open(t, s, issue(t, s, linkRequest(mesh.UseOnramp)))
	ramp.signIn("Mesh")
	if f := ramp.view.Fields[1]; f.Value != "50" || !f.ReadOnly {
		t.Fatalf("an onramp's amountInFiat is the token's: %+v", f)
	}
	v = ramp.do("preview", `{"option":"0","amount":"50"}`)
	if m, _ = find(v.Messages, demo.EvtTransferPreviewed); m.Payload.(map[string]any)["amountInFiat"] != 50.0 {
		t.Errorf("an onramp previewed %+v", m.Payload)
	}
}

func TestLinkStepsOutOfTurnAreRefused(t *testing.T) {
	s := start(t)
	st := open(t, s, issue(t, s, linkRequest(mesh.UseDeposit)))
	path := "/demo/link/sessions/" + st.view.Session
	_, _, env := call(t, s, "POST", path+"/confirm", "{}")
	if !strings.Contains(env.Message, `"confirm" is not a step of catalogPage, which offers integration, close`) {
		t.Errorf("out of turn: %q", env.Message)
	}
	st.post(path+"/integration", `{"integrationId": 5}`, 400)
	st.post("/demo/link/sessions/ls_nope/close", "", 404)
	st.post("/demo/link/sessions", `{}`, 400)
	st.post("/demo/link/sessions", `{"authCode":"","script":"dance"}`, 400)
	if v := st.do("integration", `{"integrationId":"not-listed"}`); v.Page != demo.PageCatalog || v.Error == "" {
		t.Errorf("an integration not listed: %+v", v)
	}
	st.do("close", "")
	st.post(path+"/close", "", 409)
	code, _, env := call(t, s, "GET", path, "")
	var v demo.View
	_ = json.Unmarshal(env.Content, &v)
	if code != 200 || !v.Closed || len(v.Messages) != 0 {
		t.Errorf("GET a closed session: %d %+v", code, v)
	}
}

func TestLinkHonoursTheToken(t *testing.T) {
	s := start(t)
	r := linkRequest(mesh.UseWithdrawal)
	r.IntegrationID = "47624467-e52e-4938-a41a-7926b6c27acf" // Coinbase
	r.RestrictMultipleAccounts = mesh.Bool(false)
	st := open(t, s, issue(t, s, r))
	if st.view.Page != demo.PageCredentials || st.view.Title != "Sign in to Coinbase" {
		t.Fatalf("integrationId goes straight to the integration: %+v", st.view)
	}
	st.signIn("Mesh")
	if st.view.Page != demo.PageConnected || len(st.view.Actions) != 2 {
		t.Fatalf("restrictMultipleAccounts false offers another account: %+v", st.view)
	}
	if v := st.do("another", ""); v.Page != demo.PageCredentials {
		t.Fatalf("another: %+v", v)
	}

	r.IntegrationID = "00000000-0000-0000-0000-000000000000"
	r.RestrictMultipleAccounts = nil
	st = open(t, s, issue(t, s, r))
	if st.view.Page != demo.PageCatalog || !strings.Contains(st.view.Lines[0], "not in the demo catalog") {
		t.Fatalf("an integrationId the catalog lacks: %+v", st.view)
	}
	for _, o := range st.view.Picks.Options {
		if o.Label == "MetaMask" {
			t.Errorf("a wallet offered for a withdrawal: %+v", st.view.Picks)
		}
	}
	st.signIn("Mesh")
	if len(st.view.Actions) != 1 {
		t.Errorf("restrictMultipleAccounts (default true) offers no other account: %+v", st.view.Actions)
	}

	vr := linkRequest(mesh.UseVerify)
	vr.VerifyWalletOptions.Message = "prove it"
	vr.VerifyWalletOptions.Addresses = []string{"0xAAA", "0xBBB"}
	st = open(t, s, issue(t, s, vr))
	v := st.do("sign", `{"address":"1"}`)
	var w demo.WalletMessageSignedPayload
	payload(t, v.Messages[0], &w)
	if w.Address != "0xBBB" || w.Message != "prove it" || !w.IsVerified || w.SignedMessageHash == "" || w.TimeStamp == 0 {
		t.Errorf("walletMessageSigned %+v", w)
	}
}

// The server's autoplay plays every session a page opens.
func TestLinkAutoplayOption(t *testing.T) {
	if _, err := demo.StartWith(demo.Options{Autoplay: "dance"}); err == nil || !strings.Contains(err.Error(), "transfer-succeeds") {
		t.Fatalf("an unknown script: %v", err)
	}
	s, err := demo.StartWith(demo.Options{Autoplay: demo.ScriptUserExits})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st := open(t, s, issue(t, s, linkRequest(mesh.UseDeposit)))
	if n := st.view.Next; n == nil || n.Action != "integration" {
		t.Fatalf("next %+v", n)
	}
	if v := st.do("integration", `{"integrationId":"`+st.view.Next.Body["integrationId"]+`"}`); v.Next == nil || v.Next.Action != "close" {
		t.Fatalf("user-exits closes at sign-in: %+v", v.Next)
	}
}

// A test suite can change the script of one running server between tests.
func TestLinkAutoplayCanChange(t *testing.T) {
	s := start(t)
	code, _, env := call(t, s, "POST", "/demo/link/autoplay", `{"script":"no-eligible-assets"}`)
	if code != 200 {
		t.Fatalf("%d %s", code, env.Message)
	}
	st := open(t, s, issue(t, s, linkRequest(mesh.UseDeposit)))
	if st.view.Next == nil {
		t.Fatal("no script after POST /demo/link/autoplay")
	}
	for st.view.Next != nil && st.view.Page != demo.PageCredentials {
		st.do(st.view.Next.Action, `{"integrationId":"`+st.view.Next.Body["integrationId"]+`"}`)
	}
	if st.view.Next.Body["username"] != "Mesh2" {
		t.Errorf("next %+v", st.view.Next)
	}
	if code, _, _ = call(t, s, "POST", "/demo/link/autoplay", `{"script":"dance"}`); code != 400 {
		t.Errorf("an unknown script: %d", code)
	}
	call(t, s, "POST", "/demo/link/autoplay", `{"script":""}`)
	if st = open(t, s, issue(t, s, linkRequest(mesh.UseDeposit))); st.view.Next != nil {
		t.Errorf("the script stayed: %+v", st.view.Next)
	}
}

// The demo server's log hears each step of a Link session.
func TestLinkStepsAreHeard(t *testing.T) {
	s := start(t)
	var mu sync.Mutex
	var heard []string
	s.OnLinkStep = func(st demo.LinkStep) {
		mu.Lock()
		defer mu.Unlock()
		heard = append(heard, st.Action+" → "+st.Page+": "+strings.Join(st.Messages, " "))
	}
	play(t, issue(t, s, linkRequest(mesh.UseWithdrawal)), demo.ScriptUserExits)
	mu.Lock()
	defer mu.Unlock()
	want := "open → catalogPage: loaded|integration → credentialsPage: integrationSelected|close → credentialsPage: close"
	if got := strings.Join(heard, "|"); got != want {
		t.Errorf("heard %s\nwant  %s", got, want)
	}
}
