package demo

import (
	"net/http"
	"slices"
	"strings"

	"github.com/meshlink/meshlink/mesh"
)

// status answers GET /api/v1/status: every integration of the catalog, up
// unless Options.Down names it.
func (s *Server) status(w http.ResponseWriter, _ *http.Request, _ []byte) {
	since := s.started.Unix()
	var out []mesh.IntegrationHealth
	for _, in := range mesh.Snapshot().Integrations {
		h := mesh.IntegrationHealth{Type: in.Type, Name: in.Name, IsUp: true, SupportedProducts: products(in)}
		if in.Type == "deFiWallet" {
			h.Name = "DeFi Wallet"
			h.DeFiWalletData = &mesh.DeFiWalletData{ID: in.ID, Name: in.Name}
		}
		if s.down(in) {
			h.IsUp, h.Description, h.DownTimeStart = false, "Marked down by the demo server's --down", &since
		}
		out = append(out, h)
	}
	writeOK(w, out)
}

// down reports whether the options mark in down, by name, id or type
// (deFiWallet: every wallet).
func (s *Server) down(in mesh.Integration) bool {
	return slices.ContainsFunc(s.opts.Down, func(d string) bool {
		return strings.EqualFold(d, in.Name) || strings.EqualFold(d, in.ID) || strings.EqualFold(d, in.Type)
	})
}

// products are the Mesh products an integration offers, as the status
// endpoint names them.
func products(in mesh.Integration) []string {
	if in.Type == "deFiWallet" {
		return []string{"transfers"}
	}
	return []string{"balance", "holdings", "transfers"}
}
