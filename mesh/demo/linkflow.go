package demo

import (
	"cmp"
	"crypto/rand"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

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

// transferOption is a destination of the token's toAddresses the persona
// can send to.
type transferOption struct {
	to      mesh.ToAddress
	network mesh.Network
	fixed   float64 // a payment's amount; 0 when the user types it
	min     float64
	minFiat float64
}

func (o transferOption) networkName() string {
	if o.network.Name != "" {
		return o.network.Name
	}
	return "network " + o.to.NetworkID
}

// preview is a transfer the user is about to confirm.
type preview struct {
	id                string
	option            transferOption
	amount            float64 // what the user sends, in the symbol
	gas, institution  Fee
	receive           float64 // what the destination gets
	source            float64 // what leaves the account
	totalInFiat       float64 // what the user pays, fees included
	amountTyped, fiat string  // as typed, for Back
}

func (p *preview) amountInFiat() float64 { return round(p.amount*price(p.option.to.Symbol), 2) }

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

// eligible are the toAddresses the persona can send to: a symbol it holds
// enough of, or for an onramp, cash to buy with.
func (s *linkSession) eligible() []transferOption {
	var out []transferOption
	o := s.req.TransferOptions
	fiat := number(o.AmountInFiat)
	for _, to := range o.ToAddresses {
		opt := transferOption{to: to, min: number(to.MinAmount), minFiat: number(to.MinAmountInFiat)}
		opt.network, _ = s.catalog.Network(to.NetworkID)
		held := s.persona.holdings[strings.ToUpper(to.Symbol)]
		switch s.useCase.TransferType() {
		case mesh.TransferPayment:
			opt.fixed = number(to.Amount)
			if held < opt.fixed || held == 0 {
				continue
			}
		case mesh.TransferOnramp:
			if s.persona.cash == 0 || s.persona.cash < fiat {
				continue
			}
		default:
			if held == 0 || held < opt.min {
				continue
			}
		}
		out = append(out, opt)
	}
	return out
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

func (s *linkSession) previewTransfer(option, typed string) []Message {
	i, err := strconv.Atoi(option)
	if err != nil || i < 0 || i >= len(s.options) {
		s.err = "Choose one of the destinations listed."
		return nil
	}
	opt := s.options[i]
	sym := opt.to.Symbol
	px := price(sym)
	p := &preview{id: uuid.NewString(), option: opt, amountTyped: typed}
	onramp := s.useCase.TransferType() == mesh.TransferOnramp
	switch {
	case opt.fixed > 0:
		p.amount = opt.fixed
	case onramp:
		fiat := number(s.req.TransferOptions.AmountInFiat)
		if fiat == 0 {
			if fiat, s.err = parseAmount(typed); s.err != "" {
				return nil
			}
		}
		if fiat > s.persona.cash {
			s.err = fmt.Sprintf("%s has only %s in cash.", s.persona.username, dollars(s.persona.cash))
			return nil
		}
		p.amount = round(fiat/px, 8)
	default:
		if p.amount, s.err = parseAmount(typed); s.err != "" {
			return nil
		}
	}
	held := s.persona.holdings[strings.ToUpper(sym)]
	switch {
	case p.amount < opt.min:
		s.err = fmt.Sprintf("The minimum is %s %s (the token's minAmount).", amountText(opt.min), sym)
	case p.amount*px < opt.minFiat:
		s.err = fmt.Sprintf("The minimum is %s (the token's minAmountInFiat).", dollars(opt.minFiat))
	case !onramp && p.amount > held:
		s.err = fmt.Sprintf("%s holds only %s %s.", s.persona.username, amountText(held), sym)
	}
	if s.err != "" {
		return nil
	}
	gasSymbol := cmp.Or(opt.network.NativeSymbol, nativeSymbols[opt.network.NetworkType], sym)
	p.gas = Fee{Fee: round(0.5/price(gasSymbol), 8), FeeCurrency: gasSymbol, FeeInFiat: 0.5}
	inst := round(p.amount*0.001, 8)
	p.institution = Fee{Fee: inst, FeeCurrency: sym, FeeInFiat: round(inst*px, 2)}
	fees := p.gas.FeeInFiat + p.institution.FeeInFiat
	if o := s.req.TransferOptions; o.IsInclusiveFeeEnabled != nil && *o.IsInclusiveFeeEnabled {
		p.source, p.receive, p.totalInFiat = p.amount, round(p.amount-fees/px, 8), p.amountInFiat()
	} else {
		p.source, p.receive, p.totalInFiat = round(p.amount+inst, 8), p.amount, round(p.amountInFiat()+fees, 2)
	}
	s.preview, s.page = p, PagePreview
	to := opt.to
	return []Message{
		{Type: EvtTransferAssetSelected, Payload: map[string]string{"symbol": sym}},
		{Type: EvtTransferNetworkSelected, Payload: map[string]string{"id": to.NetworkID, "name": opt.networkName()}},
		{Type: EvtTransferAmountEntered},
		{Type: EvtTransferPreviewed, Payload: TransferPreviewedPayload{
			Amount: p.amount, Symbol: sym, ToAddress: to.Address, NetworkID: to.NetworkID, PreviewID: p.id,
			NetworkName: opt.network.Name, AmountInFiat: p.amountInFiat(), FiatCurrency: "USD",
			IntegrationType: s.integration.Type, IntegrationName: s.integration.Name,
			EstimatedNetworkGasFee: p.gas, InstitutionTransferFee: p.institution,
			UserID: s.req.UserID, ClientTransactionID: s.req.TransferOptions.TransactionID,
		}},
	}
}

// confirm makes the previewed transfer: the books record it pending, and
// it settles as the persona's transfers do.
func (s *linkSession) confirm() []Message {
	p, o := s.preview, s.req.TransferOptions
	to, sym := p.option.to, p.option.to.Symbol
	fee := p.gas
	outcome := mesh.TransferSucceeded
	if s.persona.transfersFail {
		outcome = mesh.TransferFailed
	}
	t := s.books.Record(mesh.Transfer{
		ClientTransactionID:      o.TransactionID,
		InstitutionTransactionID: "demo-tx-" + randomHex(8),
		UserID:                   s.req.UserID,
		AmountInFiat:             p.amountInFiat(),
		AmountToReceiveInFiat:    round(p.receive*price(sym), 2),
		AmountInFiatCurrencyCode: "USD",
		Amount:                   p.amount,
		AmountToReceive:          p.receive,
		Symbol:                   sym,
		NetworkName:              p.option.network.Name,
		NetworkID:                to.NetworkID,
		From:                     &mesh.TransferIntegration{ID: s.integration.ID, Type: s.integration.Type, Name: s.integration.Name},
		Hash:                     demoHash(p.option.network.NetworkType),
		TransferType:             string(s.useCase.TransferType()),
		IsFeeIncluded:            o.IsInclusiveFeeEnabled != nil && *o.IsInclusiveFeeEnabled,
		SourceAmount:             &p.source,
		DestinationAmount:        &p.receive,
		DestinationAddress:       to.Address,
		GasFee:                   &mesh.TransferFee{Fee: fee.Fee, FeeCurrency: fee.FeeCurrency, FeeInFiat: fee.FeeInFiat},
	}, outcome)
	s.transfer = &t
	if outcome == mesh.TransferFailed {
		why := s.integration.Name + " rejected the withdrawal (" + FailingPersona + "'s transfers always fail)."
		s.fail(why)
		return []Message{{Type: EvtTransferExecutionError, Payload: ErrorEvent{ErrorMessage: why}}}
	}
	s.page = PageExecuted
	executed := TransferExecutedPayload{
		Status: "pending", TxID: t.InstitutionTransactionID, FromAddress: demoAddress(p.option.network.NetworkType),
		ToAddress: to.Address, Symbol: sym, Amount: p.amount, NetworkID: to.NetworkID,
		UserID: s.req.UserID, ClientTransactionID: o.TransactionID,
	}
	finished := TransferFinishedPayload{
		TransferExecutedPayload: executed, AmountInFiat: p.amountInFiat(), TotalAmountInFiat: p.totalInFiat,
		NetworkName: p.option.network.Name, TxHash: t.Hash, TransferID: t.ID,
	}
	finished.Status = "success"
	return []Message{{Type: EvtTransferExecuted, Payload: executed}, {Type: MsgTransferFinished, Payload: finished}}
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

// number reads an amount of the request; the demo server validated it.
func number(d mesh.Decimal) float64 {
	f, _ := strconv.ParseFloat(string(d), 64)
	return f
}

// parseAmount reads an amount the user typed, or says what is wrong.
func parseAmount(typed string) (float64, string) {
	d, err := mesh.ParseDecimal(typed)
	if err != nil {
		return 0, "Type the amount as a number, like 25 or 0.5."
	}
	f := number(d)
	if f <= 0 {
		return 0, "The amount must be more than 0."
	}
	return f, ""
}

func round(x float64, places int) float64 {
	k := math.Pow10(places)
	return math.Round(x*k) / k
}

func amountText(x float64) string { return strconv.FormatFloat(round(x, 8), 'f', -1, 64) }

func dollars(x float64) string { return "$" + strconv.FormatFloat(x, 'f', 2, 64) }

// nativeSymbols pay a network type's fees where the catalog names none.
var nativeSymbols = map[string]string{"evm": "ETH", "solana": "SOL", "bitcoin": "BTC", "tron": "TRX", "ripple": "XRP", "stellar": "XLM"}

// demoAddress makes up an address of the network type's shape.
func demoAddress(networkType string) string {
	switch networkType {
	case "solana":
		return randomFrom(base58, 44)
	case "bitcoin":
		return "bc1q" + randomFrom("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 38)
	case "evm", "":
		return "0x" + randomHex(20)
	}
	return "demo" + randomHex(16)
}

// demoHash makes up a transaction hash of the network type's shape.
func demoHash(networkType string) string {
	switch networkType {
	case "solana":
		return randomFrom(base58, 88)
	case "evm", "":
		return "0x" + randomHex(32)
	}
	return randomHex(32)
}

const base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

func randomFrom(alphabet string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
