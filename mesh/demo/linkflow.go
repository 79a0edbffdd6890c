package demo

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// The pages of the stand-in, as SessionSummary.page names them:
// transferExecutedPage and integrationConnectedPage are Mesh's names, the
// others the stand-in's own.
const (
	PageCatalog     = "catalogPage"
	PageCredentials = "credentialsPage"
	PageMFA         = "mfaPage"
	PageVerify      = "verifyWalletPage"
	PageConfigure   = "transferConfigurePage"
	PagePreview     = "transferPreviewPage"
	PageExecuted    = "transferExecutedPage"
	PageConnected   = "integrationConnectedPage"
	PageVerified    = "verifyDonePage"
	PageNoAssets    = "transferNoEligibleAssetsPage"
	PageError       = "errorPage"
)

// actionsOn are the steps each page offers besides close.
var actionsOn = map[string][]string{
	PageCatalog:     {"integration"},
	PageCredentials: {"credentials"},
	PageMFA:         {"mfa"},
	PageVerify:      {"sign", "reject"},
	PageConfigure:   {"preview"},
	PagePreview:     {"confirm", "back"},
	PageExecuted:    {"done"},
	PageConnected:   {"done", "another"},
	PageVerified:    {"done"},
}

// linkSession is one run of the stand-in. Its fields change only under mu.
type linkSession struct {
	mu      sync.Mutex
	id      string
	books   *Books
	catalog *mesh.Catalog
	now     func() time.Time
	script  Script

	req          *mesh.LinkTokenRequest
	useCase      mesh.UseCase
	page         string
	notice       string // said on the catalog page
	err          string // what the page says went wrong with the last step
	fatal        string // why Link cannot go on: close's errorMessage
	integrations []mesh.Integration
	integration  *mesh.Integration
	persona      *persona
	account      Account
	options      []transferOption
	preview      *preview
	transfer     *mesh.Transfer
	addresses    []string // to verify
	signed       string
	closed       bool
	closedWith   string
}

func (s *linkSession) fail(why string) {
	s.page, s.fatal, s.err = PageError, why, why
}

// start begins the session a token asked for.
func (s *linkSession) start(req *mesh.LinkTokenRequest) {
	s.req, s.useCase = req, mesh.UseCaseOf(req)
	if why := s.script.refuses(s.useCase); why != "" {
		s.fail(why)
		return
	}
	if s.useCase.Verifies() {
		s.page = PageVerify
		s.addresses = s.verifyAddresses()
		return
	}
	if s.useCase.TransferType() != "" && len(req.TransferOptions.ToAddresses) == 0 {
		s.fail("The token's transferOptions has no toAddresses: Link has nowhere to send the transfer.")
		return
	}
	s.toCatalog()
}

// toCatalog shows the integrations the session may use, or goes straight
// to the one the token names.
func (s *linkSession) toCatalog() {
	s.integration, s.persona, s.options, s.preview = nil, nil, nil, nil
	s.integrations = s.integrations[:0]
	for _, in := range s.catalog.Integrations {
		if in.Type != "deFiWallet" && !slices.Contains(in.Categories, "deFiWallet") {
			s.integrations = append(s.integrations, in)
		}
	}
	s.page = PageCatalog
	if id := s.req.IntegrationID; id != "" {
		if in, ok := s.catalog.Integration(id); ok && strings.EqualFold(in.ID, id) {
			s.integration = &in
			s.page = PageCredentials
			return
		}
		s.notice = "The token's integrationId " + id + " is not in the demo catalog: choose an integration."
	}
}

func (s *linkSession) verifyAddresses() []string {
	v := s.req.VerifyWalletOptions
	if len(v.Addresses) > 0 {
		return v.Addresses
	}
	netType := v.NetworkType
	if n, ok := s.catalog.Network(v.NetworkID); ok && netType == "" {
		netType = n.NetworkType
	}
	return []string{demoAddress(netType)}
}

// act plays one step. An error means the step is not one the session
// offers now; a step the user got wrong (a password, an amount) says so on
// the page instead.
func (s *linkSession) act(action string, form map[string]string) ([]Message, error) {
	if s.closed {
		return nil, errors.New("this Link session is closed: open a new one with a new link token")
	}
	if action == "close" {
		return []Message{s.exit(MsgClose)}, nil
	}
	offered := actionsOn[s.page]
	if !slices.Contains(offered, action) {
		return nil, fmt.Errorf("%q is not a step of %s, which offers %s", action, s.page, strings.Join(append(slices.Clone(offered), "close"), ", "))
	}
	s.err = ""
	switch action {
	case "integration":
		return s.chooseIntegration(form["integrationId"]), nil
	case "credentials":
		return s.signIn(form["username"], form["password"]), nil
	case "mfa":
		return s.enterCode(form["code"]), nil
	case "sign":
		return s.sign(form["address"]), nil
	case "reject":
		s.fail("The wallet's owner declined to sign the message: the wallet is not verified.")
		return []Message{{Type: EvtVerifyWalletRejected}}, nil
	case "preview":
		return s.previewTransfer(form["option"], form["amount"]), nil
	case "back":
		s.page = PageConfigure
		return nil, nil
	case "confirm":
		return s.confirm(), nil
	case "another":
		if s.restricted() {
			return nil, errors.New("the token's restrictMultipleAccounts allows one account per session")
		}
		s.toCatalog()
		return nil, nil
	}
	return []Message{s.exit(MsgDone)}, nil // "done"
}

func (s *linkSession) restricted() bool {
	return s.req.RestrictMultipleAccounts == nil || *s.req.RestrictMultipleAccounts
}

func (s *linkSession) chooseIntegration(id string) []Message {
	i := slices.IndexFunc(s.integrations, func(in mesh.Integration) bool { return in.ID == id })
	if i < 0 {
		s.err = "Choose one of the integrations listed."
		return nil
	}
	s.integration, s.page, s.notice = &s.integrations[i], PageCredentials, ""
	return []Message{{Type: EvtIntegrationSelected, Payload: s.integrationEvent()}}
}

func (s *linkSession) integrationEvent() IntegrationEvent {
	return IntegrationEvent{IntegrationType: s.integration.Type, IntegrationName: s.integration.Name}
}

func (s *linkSession) signIn(username, password string) []Message {
	p, ok := findPersona(username)
	if !ok || password != PersonaPassword {
		s.err = "Wrong username or password. Sign in as a sandbox persona (listed above) with the password " + PersonaPassword + "."
		return []Message{{Type: EvtIntegrationConnectionError, Payload: ErrorEvent{ErrorMessage: "Invalid username or password"}}}
	}
	s.persona, s.page = p, PageMFA
	return []Message{{Type: EvtCredentialsEntered}, {Type: EvtIntegrationMfaRequired}}
}

func (s *linkSession) enterCode(code string) []Message {
	if strings.TrimSpace(code) != PersonaCode {
		s.err = "Wrong code: the sandbox's code is " + PersonaCode + "."
		return nil
	}
	p := s.persona
	fund := p.cash
	for sym, n := range p.holdings {
		fund += n * price(sym)
	}
	s.account = Account{AccountID: "demo-account-" + randomHex(6), AccountName: s.integration.Name + " (" + p.username + ")", Fund: round(fund, 2), Cash: p.cash}
	msgs := []Message{{Type: EvtIntegrationMfaEntered}, {Type: MsgBrokerageAccountAccessToken, Payload: AccessTokenPayload{
		AccountTokens:                []AccountToken{{Account: s.account, AccessToken: "demo-access-" + randomHex(16), RefreshToken: "demo-refresh-" + randomHex(16)}},
		ExpiresInSeconds:             3600,
		RefreshTokenExpiresInSeconds: 30 * 24 * 3600,
		BrokerType:                   s.integration.Type,
		BrokerName:                   s.integration.Name,
	}}}
	if s.useCase.TransferType() == "" {
		s.page = PageConnected
		return msgs
	}
	msgs = append(msgs, Message{Type: EvtTransferStarted, Payload: s.integrationEvent()})
	s.options = s.eligible()
	if len(s.options) == 0 {
		s.page = PageNoAssets
		held := []TokenHeld{}
		for _, sym := range sortedSymbols(p.holdings) {
			held = append(held, TokenHeld{Symbol: sym, Amount: p.holdings[sym], AmountInFiat: round(p.holdings[sym]*price(sym), 2)})
		}
		return append(msgs, Message{Type: EvtTransferNoEligibleAssets, Payload: NoEligibleAssetsPayload{IntegrationEvent: s.integrationEvent(), ArrayOfTokensHeld: held}})
	}
	s.page = PageConfigure
	return msgs
}

func sortedSymbols(h map[string]float64) []string {
	syms := make([]string, 0, len(h))
	for sym := range h {
		syms = append(syms, sym)
	}
	slices.Sort(syms)
	return syms
}

func (s *linkSession) sign(index string) []Message {
	i, err := strconv.Atoi(index)
	if err != nil || i < 0 || i >= len(s.addresses) {
		s.err = "Choose one of the addresses listed."
		return nil
	}
	s.signed = s.addresses[i]
	msgs := []Message{{Type: EvtWalletMessageSigned, Payload: WalletMessageSignedPayload{
		SignedMessageHash: "0x" + randomHex(65),
		Message:           s.verifyMessage(),
		Address:           s.signed,
		TimeStamp:         s.now().UnixMilli(),
		IsVerified:        true,
		VerifiedAddresses: []string{s.signed},
	}}}
	if s.useCase == mesh.UseVerify {
		s.page = PageVerified
		return append(msgs, Message{Type: EvtVerifyDonePage})
	}
	s.toCatalog()
	return msgs
}

func (s *linkSession) verifyMessage() string {
	if m := s.req.VerifyWalletOptions.Message; m != "" {
		return m
	}
	return "I own this wallet (meshlink demo)"
}

// exit ends the session with close or done and the session's summary.
func (s *linkSession) exit(kind string) Message {
	sum := SessionSummary{Page: s.page, ErrorMessage: s.fatal}
	if in := s.integration; in != nil {
		sum.SelectedIntegration = &SelectedIntegration{ID: in.ID, Name: in.Name, IntegrationType: in.Type}
	}
	if p := s.preview; p != nil {
		sum.Transfer = &SummaryTransfer{PreviewID: p.id, Symbol: p.option.to.Symbol, Amount: p.amount, AmountInFiat: p.amountInFiat(), NetworkID: p.option.to.NetworkID}
		if s.transfer != nil {
			sum.Transfer.TransactionID = s.transfer.ID
		}
	}
	s.closed, s.closedWith = true, kind
	return Message{Type: kind, Payload: sum}
}
