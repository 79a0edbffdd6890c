package mesh

// Validate reads a request top-down as Mesh's server would, field by field:
// the user, the transfer and each destination, the wallet to verify, the
// fields only some integrations read. What the catalog knows about
// networks, addresses and integrations is in validate_catalog.go; what a
// validation returns is in problems.go.

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/meshlink/meshlink/mesh/address"
)

// Validate checks r against Mesh's rules and returns every problem at once.
// The catalog, when not nil, turns unknown networks and symbols into warnings.
func Validate(r *LinkTokenRequest, cat *Catalog) Problems {
	v := validator{cat: cat}
	v.request(r)
	return v.problems
}

type validator struct {
	cat      *Catalog
	problems Problems
}

func (v *validator) errorf(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...), Severity: SeverityError})
}

func (v *validator) warnf(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...), Severity: SeverityWarning})
}

func (v *validator) request(r *LinkTokenRequest) {
	if r == nil {
		v.errorf("", "the request is empty")
		return
	}
	v.userID(r.UserID)
	v.uuid("integrationId", r.IntegrationID, "pick one from the integrations catalog")
	v.uuid("subClientId", r.SubClientID, "use the sub-client id from your Mesh dashboard")
	if r.IntegrationID != "" && v.cat != nil && len(v.cat.Integrations) > 0 && IsUUID(r.IntegrationID) {
		if _, ok := v.cat.Integration(r.IntegrationID); !ok {
			v.warnf("integrationId", "%s is not in the integrations catalog; check the id or refresh the catalog", r.IntegrationID)
		}
	}
	if r.BrokerType != "" {
		v.warnf("brokerType", "is deprecated by Mesh in favour of integrationId: give the integration's id from the integrations catalog instead")
	}
	v.accessTokens(r.AccessTokens)
	if r.TransferOptions != nil {
		v.transfer(r.TransferOptions)
		v.binancePay(r)
		v.integrationReach(r)
	}
	if r.VerifyWalletOptions != nil {
		v.verify(r.VerifyWalletOptions, r.TransferOptions)
	}
}

func (v *validator) userID(id string) {
	switch {
	case strings.TrimSpace(id) == "":
		v.errorf("userId", "required: a unique, persistent id of your user (not an e-mail address or phone number)")
	case !v.hidden("userId", id):
	case UTF16Len(id) > maxUserIDLen:
		v.errorf("userId", "%s; Mesh allows at most %d", describeLen(id), maxUserIDLen)
	// The cheap tests first: most ids never need a pattern compiled.
	case strings.Contains(id, "@") && emailPattern.MatchString(id):
		v.warnf("userId", "looks like an e-mail address; Mesh asks for an id that is not personal information")
	case len(id) >= minPhoneLen && phonePattern.MatchString(id):
		v.warnf("userId", "looks like a phone number; Mesh asks for an id that is not personal information")
	}
}

// Mesh's length limits; its .NET server counts UTF-16 code units (UTF16Len).
const (
	maxUserIDLen        = 300
	maxTransactionIDLen = 128
	maxDescriptionLen   = 256
)

var (
	emailPattern = lazyMustCompile(`^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$`)
	// A plain run of digits is a common user id, so only numbers written the
	// way phone numbers are (+country code, or grouped 3-3-4) warn.
	phonePattern = lazyMustCompile(`^(\+[0-9][0-9 ().-]{6,}[0-9]|\(?[0-9]{3}\)?[ .-]?[0-9]{3}[ .-][0-9]{4})$`)
)

// minPhoneLen is the length of the shortest string phonePattern matches.
const minPhoneLen = 9

func (v *validator) uuid(path, s, hint string) {
	if s != "" && v.hidden(path, s) && !IsUUID(s) {
		v.errorf(path, "%q is not a Mesh id (a UUID); %s", s, hint)
	}
}

// accessTokens are taken as input but never sent: no version of Mesh's
// request schema has them. Their home is the front-end SDK.
func (v *validator) accessTokens(tokens []AccessToken) {
	for i, t := range tokens {
		if strings.TrimSpace(t.AccessToken) == "" {
			v.errorf(fmt.Sprintf("accessTokens[%d].accessToken", i), "required: the token Mesh returned for this account")
		}
	}
	if len(tokens) > 0 {
		v.warnf("accessTokens", "not sent: Mesh's link-token request has no such field; they belong in Mesh's front-end SDK, createLink({accessTokens}) on the web (settings.accessTokens in React Native, LinkSettings.accessTokens on iOS, LinkConfiguration.accessTokens on Android)")
	}
}

func (v *validator) transfer(t *TransferOptions) {
	const base = "transferOptions"
	v.hidden(base+".transactionId", t.TransactionID)
	if UTF16Len(t.TransactionID) > maxTransactionIDLen {
		v.errorf(base+".transactionId", "%s; Mesh allows at most %d", describeLen(t.TransactionID), maxTransactionIDLen)
	}
	if UTF16Len(t.Description) > maxDescriptionLen {
		v.errorf(base+".description", "%s; Mesh allows at most %d", describeLen(t.Description), maxDescriptionLen)
	}
	v.transferType(t.TransferType)
	payment := t.TransferType == TransferPayment
	v.positive(base+".amountInFiat", t.AmountInFiat)
	if payment && t.AmountInFiat != "" && slices.ContainsFunc(t.ToAddresses, func(a ToAddress) bool { return a.Amount == "" }) {
		v.warnf(base+".amountInFiat", "prices this payment in USD: Mesh picks the crypto amount at its own rate when the user pays (Mesh's PayLinks guide does this; its link-token guide asks for an exact amount per destination instead)")
	}
	if t.GeneratePayLink != nil && *t.GeneratePayLink && strings.TrimSpace(t.TransactionID) == "" {
		v.errorf(base+".transactionId", "required when generatePayLink is true: give a unique id for this transaction")
	}
	if t.ClientFee != "" {
		if r, ok := t.ClientFee.Rat(); !ok {
			v.errorf(base+".clientFee", "%v", t.ClientFee.Check())
		} else if r.Sign() < 0 || r.Cmp(bigOne) > 0 {
			v.errorf(base+".clientFee", "must be a ratio between 0 and 1 (0.025 is 2.5%%), got %s", t.ClientFee)
		} else if !payment {
			v.warnf(base+".clientFee", "is meant for payments; on a %s it inflates the amount and shows as a fee", t.transferTypeOrDefault())
		}
	}
	if len(t.ToAddresses) == 0 && cryptoTransfer(t.TransferType) {
		v.errorf(base+".toAddresses", "add at least one destination (network, symbol and address)")
	}
	for i, a := range t.ToAddresses {
		v.toAddress(fmt.Sprintf("%s.toAddresses[%d]", base, i), a, t, payment)
	}
}

func (t *TransferOptions) transferTypeOrDefault() TransferType {
	if t.TransferType == "" {
		return TransferDeposit
	}
	return t.TransferType
}

func (v *validator) transferType(t TransferType) {
	const path = "transferOptions.transferType"
	switch t {
	case "", TransferDeposit, TransferPayment, TransferOnramp:
	case TransferFiatOnRamp, TransferFiatOffRamp:
		v.warnf(path, "%s is a bank-transfer flow (SPEI, SEPA …) that Mesh added in June 2026; it may not be enabled for your client yet", t)
	default:
		names := make([]string, len(TransferTypes))
		for i, k := range TransferTypes {
			names[i] = string(k)
		}
		hint := ""
		if near := Nearest(string(t), names); near != "" {
			hint = "; did you mean " + near + "?"
		}
		v.warnf(path, "%q is not a transfer type meshlink knows (%s); it is sent as written, in case Mesh added it since%s", t, strings.Join(names, ", "), hint)
	}
}

// cryptoTransfer reports whether t moves crypto to the request's
// destinations, so that toAddresses are needed.
func cryptoTransfer(t TransferType) bool {
	return t == "" || t == TransferDeposit || t == TransferPayment || t == TransferOnramp
}

func (v *validator) toAddress(path string, a ToAddress, t *TransferOptions, payment bool) {
	v.hidden(path+".symbol", a.Symbol)
	v.hidden(path+".address", a.Address)
	v.hidden(path+".addressTag", a.AddressTag)
	if strings.TrimSpace(a.NetworkID) == "" {
		v.errorf(path+".networkId", "required for transfers: the Mesh id of the destination network")
	} else if v.hidden(path+".networkId", a.NetworkID) {
		v.network(path+".networkId", a.NetworkID, a.Symbol, path+".symbol")
	}
	if strings.TrimSpace(a.Symbol) == "" {
		v.errorf(path+".symbol", "required for transfers: the asset to receive, like USDC")
	}
	if strings.TrimSpace(a.Address) == "" {
		v.errorf(path+".address", "required for transfers: the destination address")
	}
	if payment && a.Amount == "" && t.AmountInFiat == "" {
		v.errorf(path+".amount", "required for payments: the exact amount of %s to pay (or price the payment in USD with transferOptions.amountInFiat)", symbolOr(a.Symbol, "the asset"))
	}
	if a.Amount != "" && t.AmountInFiat != "" {
		v.errorf(path+".amount", "cannot be used together with transferOptions.amountInFiat; keep one of them")
	}
	v.positive(path+".amount", a.Amount)
	v.positive(path+".displayAmountInFiat", a.DisplayAmountInFiat)
	v.positive(path+".minAmount", a.MinAmount)
	v.positive(path+".minAmountInFiat", a.MinAmountInFiat)
	if above(a.MinAmount, a.Amount) {
		v.warnf(path+".minAmount", "%s is above the amount %s: the user could never send enough", a.MinAmount, a.Amount)
	}
	if above(a.MinAmountInFiat, t.AmountInFiat) {
		v.warnf(path+".minAmountInFiat", "%s is above transferOptions.amountInFiat %s: the user could never send enough", a.MinAmountInFiat, t.AmountInFiat)
	}
	if contractLike.MatchString(a.Symbol) {
		v.warnf(path+".symbol", "looks like a contract address; Mesh wants the token's ticker, like USDC")
	}
	v.destination(path, a)
}

func symbolOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func (v *validator) positive(path string, d Decimal) {
	if d == "" {
		return
	}
	if err := d.Check(); err != nil {
		v.errorf(path, "%v", err)
	} else if !d.Positive() {
		v.errorf(path, "must be greater than zero, got %s", d)
	}
}

// above reports whether a and b are both numbers and a > b.
func above(a, b Decimal) bool {
	x, ok1 := a.Rat()
	y, ok2 := b.Rat()
	return ok1 && ok2 && x.Cmp(y) > 0
}

var contractLike = lazyMustCompile(`^0x[0-9a-fA-F]{40}$`)

func (v *validator) verify(o *VerifyWalletOptions, t *TransferOptions) {
	const base = "verifyWalletOptions"
	if len(o.VerificationMethods) == 0 {
		v.errorf(base+".verificationMethods", `required for verification: use ["signedMessage"]`)
	}
	for i, m := range o.VerificationMethods {
		if m != VerifySignedMessage {
			v.errorf(fmt.Sprintf("%s.verificationMethods[%d]", base, i), "%q is not a verification method; Mesh offers only signedMessage", m)
		}
	}
	if o.NetworkID != "" && v.hidden(base+".networkId", o.NetworkID) {
		v.network(base+".networkId", o.NetworkID, "", "")
	}
	switch {
	case o.NetworkType == NetworkTypeUnknown:
		v.warnf(base+".networkType", "%q is in Mesh's schema but names no network type; it is sent as written: leave it out, or use one of %s", o.NetworkType, strings.Join(NetworkTypes, ", "))
	case o.NetworkType != "" && !slices.Contains(NetworkTypes, o.NetworkType):
		v.errorf(base+".networkType", "%q is not a network type; use one of %s", o.NetworkType, strings.Join(NetworkTypes, ", "))
	}
	if o.NetworkID != "" && o.NetworkType != "" {
		v.verifyNetworkPair(o)
	}
	for i, a := range o.Addresses {
		path := fmt.Sprintf("%s.addresses[%d]", base, i)
		if !v.hidden(path, a) {
			continue
		}
		if strings.TrimSpace(a) == "" {
			v.errorf(path, "is empty; remove it or give an address")
			continue
		}
		v.verifyAddress(path, a, o)
	}
	if t != nil && t.TransferType == TransferOnramp {
		v.warnf(base, "Mesh documents wallet verification together with deposits and payments, not onramps")
	}
}

// verifyNetworkPair: Mesh's guide says not to combine networkId and
// networkType, and its own verify example does. Follow the looser one.
func (v *validator) verifyNetworkPair(o *VerifyWalletOptions) {
	const path = "verifyWalletOptions.networkType"
	if n, ok := v.cat.Network(o.NetworkID); ok && IsUUID(o.NetworkID) && n.NetworkType != "" && n.NetworkType != o.NetworkType {
		v.warnf(path, "%s contradicts networkId (%s, %s %s network): the user could not verify on both; keep one", o.NetworkType, n.Name, address.Article(n.NetworkType), n.NetworkType)
		return
	}
	v.warnf(path, "is given together with networkId, which Mesh's guide says not to do (its own verify example does); keep one if Mesh refuses it")
}

// verifyAddress checks an address to verify against the network the
// options name, by id (from the catalog) or by type.
func (v *validator) verifyAddress(path, addr string, o *VerifyWalletOptions) {
	if v.cat == nil {
		return
	}
	n, ok := Network{}, false
	if IsUUID(o.NetworkID) {
		n, ok = v.cat.Network(o.NetworkID)
	}
	if !ok && slices.Contains(NetworkTypes, o.NetworkType) {
		n, ok = Network{Name: address.FamilyName(o.NetworkType), NetworkType: o.NetworkType}, true
	}
	if ok {
		v.address(path, addr, n)
	}
}

// binancePay checks the fields only Binance Pay reads.
func (v *validator) binancePay(r *LinkTokenRequest) {
	t := r.TransferOptions
	for i, g := range t.GoodsDetails {
		if g.GoodsType != "" && g.GoodsType != GoodsTangible && g.GoodsType != GoodsVirtual {
			v.warnf(fmt.Sprintf("transferOptions.goodsDetails[%d].goodsType", i), "%q is not a goods type Mesh lists: %q (tangible goods) or %q (virtual goods)", g.GoodsType, GoodsTangible, GoodsVirtual)
		}
	}
	if t.Description == "" && len(t.GoodsDetails) == 0 {
		return
	}
	if in, ok := v.cat.Integration(r.IntegrationID); ok && r.IntegrationID != "" && in.Type != "" && !strings.EqualFold(in.Type, "binancePay") {
		path := "transferOptions.description"
		if t.Description == "" {
			path = "transferOptions.goodsDetails"
		}
		v.warnf(path, "is read by Binance Pay only; %s ignores it", in.Name)
	}
}

// hidden refuses control and bidirectional-override characters in a value
// that names something (an address, an id, a symbol, a tag): they make a
// value that reads right on screen send elsewhere. It reports whether s is
// clean.
func (v *validator) hidden(path, s string) bool {
	if r, ok := hiddenRune(s); ok {
		v.errorf(path, "holds the hidden character %U; remove it (such characters can make a value that looks right mean another)", r)
		return false
	}
	return true
}

// hiddenRune finds the first control or bidirectional-override character
// of s, or a byte that is not UTF-8.
func hiddenRune(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == utf8.RuneError {
			return r, true
		}
	}
	return 0, false
}

// IsUUID reports whether s has the form of a Mesh id: 8-4-4-4-12 hex digits.
func IsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'):
			return false
		}
	}
	return true
}

// UTF16Len is the length of s as Mesh's .NET server counts it, in UTF-16
// code units: an emoji counts twice.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func describeLen(s string) string {
	units, runes := UTF16Len(s), len([]rune(s))
	if units == runes {
		return fmt.Sprintf("is %d characters", runes)
	}
	return fmt.Sprintf("is %d characters, %d as Mesh counts them (UTF-16: emoji and some symbols count twice)", runes, units)
}
