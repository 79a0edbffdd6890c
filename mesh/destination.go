package mesh

import (
	"fmt"
	"strconv"
	"strings"
)

// DestinationForm is how ParseDestination wants a destination written.
const DestinationForm = "NETWORK:SYMBOL:ADDRESS[:AMOUNT][,addressTag=…,displayAmountInFiat=…,minAmount=…,minAmountInFiat=…]"

// ParseDestination reads one destination written as DestinationForm, such
// as "xrpl:XRP:rAddr:25,addressTag=12345". The network is an id, a catalog
// name or an alias (see Catalog.NetworkID); the symbol takes the catalog's
// spelling.
//
// An address may hold a colon itself in a few forms (a Bitcoin Cash or Kaspa
// address with its "bitcoincash:" or "kaspa:" prefix, a TON raw address
// "0:<64 hex>"); anywhere else the part after the address is the amount,
// and one that is not a number is an error, never part of the address.
func ParseDestination(spec string, cat *Catalog) (ToAddress, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%q: %s; write %s", spec, fmt.Sprintf(format, args...), DestinationForm)
	}
	head, extras, _ := strings.Cut(spec, ",")
	parts := strings.Split(head, ":")
	if len(parts) < 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return ToAddress{}, bad("needs a network, a symbol and an address")
	}
	netID, err := cat.NetworkID(parts[0])
	if err != nil {
		return ToAddress{}, fmt.Errorf("%q: %w; write %s", spec, err, DestinationForm)
	}
	a := ToAddress{NetworkID: netID, Symbol: strings.ToUpper(parts[1]), Address: strings.Join(parts[2:], ":")}
	if rest := parts[2:]; len(rest) > 1 && !colonAddress(a.Address) {
		last := rest[len(rest)-1]
		d, err := ParseDecimal(last)
		if err != nil {
			return ToAddress{}, bad("the amount after the address: %v", err)
		}
		a.Address, a.Amount = strings.Join(rest[:len(rest)-1], ":"), d
	}
	if n, ok := cat.Network(netID); ok {
		for _, t := range n.SupportedTokens {
			if strings.EqualFold(t, parts[1]) {
				a.Symbol = t // the catalog's spelling
			}
		}
	}
	if extras == "" {
		return a, nil
	}
	for _, kv := range strings.Split(extras, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || v == "" {
			if kv != "" && strings.Trim(kv, "0123456789") == "" {
				return ToAddress{}, bad("%q is not field=value (write amounts without thousands separators, like 1000)", kv)
			}
			return ToAddress{}, bad("%q is not field=value", kv)
		}
		var d *Decimal
		switch strings.ToLower(strings.ReplaceAll(k, "-", "")) {
		case "addresstag", "tag", "memo":
			a.AddressTag = v
			continue
		case "amount":
			d = &a.Amount
		case "displayamountinfiat":
			d = &a.DisplayAmountInFiat
		case "minamount":
			d = &a.MinAmount
		case "minamountinfiat":
			d = &a.MinAmountInFiat
		default:
			return ToAddress{}, bad("unknown field %q", k)
		}
		val, err := ParseDecimal(v)
		if err != nil {
			return ToAddress{}, bad("%s: %v", k, err)
		}
		*d = val
	}
	return a, nil
}

// colonAddress reports whether s is one of the address forms that hold a
// colon: a CashAddr-style prefix before its payload (Bitcoin Cash, eCash,
// Kaspa; either case), or a TON raw address, a workchain and 64 hex digits.
func colonAddress(s string) bool {
	prefix, payload, ok := strings.Cut(s, ":")
	if !ok || payload == "" || strings.Contains(payload, ":") {
		return false
	}
	switch strings.ToLower(prefix) {
	case "bitcoincash", "bchtest", "bchreg", "ecash", "ectest", "kaspa", "kaspatest", "kaspadev", "kaspasim":
		return strings.Trim(strings.ToLower(payload), "0123456789abcdefghijklmnopqrstuvwxyz") == ""
	}
	_, err := strconv.Atoi(prefix)
	return err == nil && len(payload) == 64 && strings.Trim(payload, "0123456789abcdefABCDEF") == ""
}
