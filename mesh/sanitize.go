package mesh

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Text that did not come from meshlink itself (API answers, cache and preset
// files, bodies, anything echoed back) is made safe for a terminal in one of
// two ways, and both are for every part of meshlink, the wizard included:
//
//   - CleanText removes what a terminal would act on. Use it where text is
//     shown for reading: a list entry, a label, a line of a screen.
//   - AppendInert keeps everything visible but escapes what a terminal would
//     act on as , ‮ … . JSON stays valid JSON that means the same;
//     other text shows what was there instead of obeying it. The command
//     line passes all its output through it, so no message can forget.

// CleanText makes text that came from the API safe to print on a terminal:
// escape sequences are removed, and so are control characters and the
// bidirectional overrides that can disguise what a line says. Tabs and
// newlines become spaces, so the text stays on one line; broken UTF-8
// becomes U+FFFD.
func CleanText(s string) string {
	s = ansi.Strip(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t', r == '\n':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, s)
}

// needsEscape reports whether a terminal could act on r or be made to show
// text out of order by it. Newline and tab are layout, not a threat.
func needsEscape(r rune) bool {
	return (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Bidi_Control, r)
}

// AppendInert appends src to dst with every control character but newline
// and tab, every bidirectional control and every byte of broken UTF-8
// written as a JSON escape (\u001b, \u202e, \ufffd).
func AppendInert(dst, src []byte) []byte {
	const hex = "0123456789abcdef"
	for len(src) > 0 {
		c := src[0]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			dst = append(dst, c)
			src = src[1:]
			continue
		}
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			dst = append(dst, `\ufffd`...)
		} else if needsEscape(r) {
			dst = append(dst, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
		} else {
			dst = append(dst, src[:size]...)
		}
		src = src[size:]
	}
	return dst
}

// Inert is AppendInert for a string.
func Inert(s string) string {
	if !strings.ContainsFunc(s, needsEscape) && utf8.ValidString(s) {
		return s
	}
	return string(AppendInert(nil, []byte(s)))
}

func cleanNetworks(nets []Network) []Network {
	out := make([]Network, len(nets))
	for i, n := range nets {
		n.ID, n.Name = CleanText(n.ID), CleanText(n.Name)
		n.ChainID, n.NetworkType, n.NativeSymbol = CleanText(n.ChainID), CleanText(n.NetworkType), CleanText(n.NativeSymbol)
		n.AddressPattern = CleanText(n.AddressPattern)
		n.SupportedTokens = cleanAll(n.SupportedTokens)
		n.SupportedBrokerTypes = cleanAll(n.SupportedBrokerTypes)
		tokens := make([]NetworkToken, len(n.Tokens))
		for j, t := range n.Tokens {
			tokens[j] = NetworkToken{Symbol: CleanText(t.Symbol), ContractAddress: CleanText(t.ContractAddress)}
			if len(nets[i].SupportedTokens) == 0 && tokens[j].Symbol != "" { // the list the rest of meshlink reads
				n.SupportedTokens = append(n.SupportedTokens, tokens[j].Symbol)
			}
		}
		if len(n.Tokens) == 0 {
			tokens = nil
		}
		n.Tokens = tokens
		out[i] = n
	}
	return out
}

func cleanIntegrations(ints []Integration) []Integration {
	out := make([]Integration, len(ints))
	for i, in := range ints {
		c := Integration{ID: CleanText(in.ID), Name: CleanText(in.Name), Type: CleanText(in.Type), Categories: cleanAll(in.Categories),
			SupportsIncomingTransfers: in.SupportsIncomingTransfers, SupportsOutgoingTransfers: in.SupportsOutgoingTransfers}
		for _, n := range in.Networks {
			c.Networks = append(c.Networks, IntegrationNetwork{ID: CleanText(n.ID), Name: CleanText(n.Name),
				SupportedTokens: cleanAll(n.SupportedTokens), SupportedDevices: cleanAll(n.SupportedDevices)})
		}
		out[i] = c
	}
	return out
}

// cleanAll is CleanText of each; nil stays nil.
func cleanAll(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = CleanText(s)
	}
	return out
}
