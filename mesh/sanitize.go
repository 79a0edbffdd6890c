package mesh

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// CleanText makes text that came from the API safe to print on a terminal:
// escape sequences are removed, and so are control characters and the
// bidirectional overrides that can disguise what a line says.
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

func cleanNetworks(nets []Network) []Network {
	out := make([]Network, len(nets))
	for i, n := range nets {
		n.ID, n.Name = CleanText(n.ID), CleanText(n.Name)
		n.ChainID, n.NetworkType, n.NativeSymbol = CleanText(n.ChainID), CleanText(n.NetworkType), CleanText(n.NativeSymbol)
		tokens := make([]string, len(n.SupportedTokens))
		for j, t := range n.SupportedTokens {
			tokens[j] = CleanText(t)
		}
		n.SupportedTokens = tokens
		out[i] = n
	}
	return out
}

func cleanIntegrations(ints []Integration) []Integration {
	out := make([]Integration, len(ints))
	for i, in := range ints {
		out[i] = Integration{ID: CleanText(in.ID), Name: CleanText(in.Name), Type: CleanText(in.Type)}
	}
	return out
}
