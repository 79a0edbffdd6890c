package mesh

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/meshlink/meshlink/mesh/address"
)

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

// cryptoTransfer reports whether t moves crypto to the request's
// destinations, so that toAddresses are needed.
func cryptoTransfer(t TransferType) bool {
	return t == "" || t == TransferDeposit || t == TransferPayment || t == TransferOnramp
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

// above reports whether a and b are both numbers and a > b.
func above(a, b Decimal) bool {
	x, ok1 := a.Rat()
	y, ok2 := b.Rat()
	return ok1 && ok2 && x.Cmp(y) > 0
}

var contractLike = lazyMustCompile(`^0x[0-9a-fA-F]{40}$`)

// isPlaceholder reports whether addr is what Mesh's guide and people write
// for "an address goes here", in any case, on one line: xxx, ..., 0x…,
// <address>, your-address, replace-me, address, addr, todo, tbd. (A regular
// expression did this; compiling it took longer than the rest of a dry
// run's checks.)
func isPlaceholder(addr string) bool {
	is := func(w string) bool { return strings.EqualFold(addr, w) }
	startsWith := func(p string) bool { return len(addr) >= len(p) && strings.EqualFold(addr[:len(p)], p) }
	switch {
	case addr == "" || strings.Contains(addr, "\n"):
		return false
	case strings.Trim(addr, "xX") == "",
		addr == "..." || addr == "…" || startsWith("0x") && (addr[2:] == "..." || addr[2:] == "…"),
		addr[0] == '<' && addr[len(addr)-1] == '>',
		startsWith("your") && len(addr) > 4 && strings.ContainsRune("_ -", rune(addr[4])),
		startsWith("replace"),
		is("address") || is("addr") || is("todo") || is("tbd"):
		return true
	}
	return false
}

// destination checks a toAddresses entry's address and tag against its
// network's family, when the catalog knows the network.
func (v *validator) destination(path string, a ToAddress) {
	if v.cat == nil || !IsUUID(a.NetworkID) || strings.TrimSpace(a.Address) == "" {
		return
	}
	n, ok := v.cat.Network(a.NetworkID)
	if !ok {
		return
	}
	v.address(path+".address", a.Address, n)
	if a.AddressTag != "" {
		if err := address.CheckTag(n.NetworkType, a.AddressTag); err != nil {
			v.errorf(path+".addressTag", "%v", err)
		}
	}
}

// address checks addr against n's family, then against Mesh's own
// addressPattern for n when the catalog has one.
func (v *validator) address(path, addr string, n Network) {
	if _, hidden := hiddenRune(addr); hidden {
		return // already refused for the hidden character
	}
	if isPlaceholder(addr) {
		v.errorf(path, "%q is a placeholder: put the real %s address here", addr, n.Name)
		return
	}
	fam := address.FamilyName(n.NetworkType)
	err := address.Check(n.NetworkType, addr)
	switch {
	case errors.Is(err, address.ErrUnknownFamily):
		v.warnf(path, "not checked: meshlink knows no address format for %s (network type %s)", n.Name, orUnknown(n.NetworkType))
	case err != nil:
		guess := address.Guess(addr, n.NetworkType)
		switch {
		case guess == "":
			v.errorf(path, "%v", err)
		case n.Name == fam:
			v.errorf(path, "%s %s address on %s %s network", address.Article(guess), guess, address.Article(fam), fam)
		default:
			v.errorf(path, "%s %s address on %s, %s %s network", address.Article(guess), guess, n.Name, address.Article(fam), fam)
		}
	case n.AddressPattern != "":
		if re := compilePattern(n.AddressPattern); re != nil && !re.MatchString(addr) {
			v.errorf(path, "does not match the address pattern Mesh's catalog gives for %s (%s)", n.Name, n.AddressPattern)
		}
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

var patterns sync.Map // pattern -> *regexp.Regexp, or nil when RE2 cannot compile it

// compilePattern compiles a catalog's addressPattern once. Mesh's server is
// .NET, whose regexes can do what Go's RE2 cannot (lookarounds); such a
// pattern is skipped, not held against the address.
func compilePattern(p string) *regexp.Regexp {
	if re, ok := patterns.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re, err := regexp.Compile(p)
	if err != nil {
		re = nil
	}
	patterns.Store(p, re)
	return re
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

// integrationReach warns when the chosen integration cannot send where the
// request asks, by Mesh's managed-transfers catalog: no outgoing transfers
// at all, not on a destination's network, not that token, or only from its
// mobile app.
func (v *validator) integrationReach(r *LinkTokenRequest) {
	if r.IntegrationID == "" || !IsUUID(r.IntegrationID) {
		return
	}
	in, ok := v.cat.Integration(r.IntegrationID)
	if !ok {
		return
	}
	if out := in.SupportsOutgoingTransfers; out != nil && !*out {
		v.warnf("integrationId", "%s does not support outgoing transfers in Mesh's catalog: the user could not send from it", in.Name)
		return
	}
	if len(in.Networks) == 0 {
		v.brokerReach(in, r.TransferOptions.ToAddresses)
		return
	}
	names := make([]string, len(in.Networks))
	for i, n := range in.Networks {
		names[i] = v.networkName(n.ID, n.Name)
	}
	for i, a := range r.TransferOptions.ToAddresses {
		path := fmt.Sprintf("transferOptions.toAddresses[%d]", i)
		if !IsUUID(a.NetworkID) {
			continue
		}
		n, ok := in.Network(a.NetworkID)
		switch {
		case !ok:
			v.warnf(path+".networkId", "%s cannot send on %s in Mesh's catalog (it sends on %s)", in.Name, v.networkName(a.NetworkID, ""), strings.Join(names, ", "))
			continue
		case a.Symbol != "" && len(n.SupportedTokens) > 0 && !slices.ContainsFunc(n.SupportedTokens, func(t string) bool { return strings.EqualFold(t, a.Symbol) }):
			v.warnf(path+".symbol", "%s cannot send %s on %s in Mesh's catalog (it sends %s)", in.Name, a.Symbol, v.networkName(n.ID, n.Name), strings.Join(n.SupportedTokens, ", "))
		}
		if len(n.SupportedDevices) > 0 && !slices.Contains(n.SupportedDevices, "web") {
			v.warnf(path+".networkId", "%s sends on %s only from its mobile app (%s), not on the web", in.Name, v.networkName(n.ID, n.Name), strings.Join(n.SupportedDevices, ", "))
		}
	}
}

// networkName is the catalog's name for the network id, else fallback,
// else the id.
func (v *validator) networkName(id, fallback string) string {
	if n, ok := v.cat.Network(id); ok && IsUUID(id) {
		return n.Name
	}
	if fallback != "" {
		return fallback
	}
	return id
}

// brokerReach falls back on the networks' supportedBrokerTypes when the
// catalog has no per-network list for the integration.
func (v *validator) brokerReach(in Integration, dests []ToAddress) {
	if in.Type == "" {
		return
	}
	for i, a := range dests {
		n, ok := v.cat.Network(a.NetworkID)
		if !ok || !IsUUID(a.NetworkID) || len(n.SupportedBrokerTypes) == 0 {
			continue
		}
		if !slices.ContainsFunc(n.SupportedBrokerTypes, func(b string) bool { return strings.EqualFold(b, in.Type) }) {
			v.warnf(fmt.Sprintf("transferOptions.toAddresses[%d].networkId", i), "%s (%s) is not among the integration types Mesh's catalog lists for %s (%s)", in.Name, in.Type, n.Name, strings.Join(n.SupportedBrokerTypes, ", "))
		}
	}
}
