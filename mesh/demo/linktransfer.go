package demo

import (
	"cmp"
	"crypto/rand"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/meshlink/meshlink/mesh"
)

// The transfer steps of a Link session: what the persona may send, the
// preview with its fees, and the confirmed transfer in the books.

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
	id               string
	option           transferOption
	amount           float64 // what the user sends, in the symbol
	gas, institution Fee
	receive          float64 // what the destination gets
	source           float64 // what leaves the account
	totalInFiat      float64 // what the user pays, fees included
	amountTyped      string  // as typed, for Back
}

func (p *preview) amountInFiat() float64 { return round(p.amount*price(p.option.to.Symbol), 2) }

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
	hash := demoHash(p.option.network.NetworkType) // the books show it once the transfer succeeds
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
		Hash:                     hash,
		TransferType:             string(s.useCase.TransferType()),
		IsFeeIncluded:            o.IsInclusiveFeeEnabled != nil && *o.IsInclusiveFeeEnabled,
		SourceAmount:             &p.source,
		DestinationAmount:        &p.receive,
		DestinationAddress:       to.Address,
		GasFee:                   &mesh.TransferFee{Fee: fee.Fee, FeeCurrency: fee.FeeCurrency, FeeInFiat: fee.FeeInFiat},
	}, outcome)
	s.transfer = &t
	if outcome == mesh.TransferFailed {
		why := s.integration.Name + " rejected the transfer (" + FailingPersona + "'s transfers always fail)."
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
		NetworkName: p.option.network.Name, TxHash: hash, TransferID: t.ID,
	}
	finished.Status = "success"
	return []Message{{Type: EvtTransferExecuted, Payload: executed}, {Type: MsgTransferFinished, Payload: finished}}
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
