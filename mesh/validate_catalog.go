package mesh

// The checks that need the catalog: a destination's network and its
// tokens, the address against the network's family and Mesh's own pattern,
// and whether the chosen integration can send where the request asks.

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/meshlink/meshlink/mesh/address"
)

// network checks a network id against the catalog, and the symbol against the
// network's tokens when symbolPath is given.
func (v *validator) network(path, id, symbol, symbolPath string) {
	if !IsUUID(id) {
		v.errorf(path, "%q is not a Mesh network id (a UUID); pick one from the networks catalog", id)
		return
	}
	if v.cat == nil || len(v.cat.Networks) == 0 {
		return
	}
	n, ok := v.cat.Network(id)
	if !ok {
		v.warnf(path, "%s is not in the networks catalog; check the id or refresh the catalog", id)
		return
	}
	if _, hidden := hiddenRune(symbol); hidden {
		return // an error of its own
	}
	if symbolPath != "" && strings.TrimSpace(symbol) != "" && len(n.SupportedTokens) > 0 && !n.Supports(symbol) {
		listed := strings.Join(n.SupportedTokens, ", ")
		for _, t := range n.SupportedTokens {
			if editDistance(strings.ToLower(symbol), strings.ToLower(t)) == 1 {
				v.problems = append(v.problems, Problem{Path: symbolPath, Message: fmt.Sprintf("%s does not list %s among its tokens; did you mean %s? (%s)", n.Name, symbol, t, listed), Severity: SeverityError, Unlisted: true})
				return
			}
		}
		v.warnf(symbolPath, "%s does not list %s among its tokens (%s)", n.Name, symbol, listed)
	}
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
