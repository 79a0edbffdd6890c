package mesh

import (
	"slices"
	"strings"
	"time"
)

// Network is an entry of GET /api/v1/transfers/managed/networks.
type Network struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	ChainID         string   `json:"chainId,omitempty"`
	NetworkType     string   `json:"networkType,omitempty"`
	NativeSymbol    string   `json:"nativeSymbol,omitempty"`
	SupportedTokens []string `json:"supportedTokens,omitempty"`
	// AddressPattern is Mesh's regex for addresses on the network, when the
	// API sends one.
	AddressPattern string `json:"addressPattern,omitempty"`
}

// Supports reports whether the network lists symbol (any case).
func (n Network) Supports(symbol string) bool {
	return slices.ContainsFunc(n.SupportedTokens, func(t string) bool { return strings.EqualFold(t, symbol) })
}

// UsesAddressTag reports whether destinations on the network commonly need a
// memo or destination tag (XRP, Stellar, TON and the like).
func (n Network) UsesAddressTag() bool {
	switch n.NetworkType {
	case "ripple", "stellar", "tvm", "injective":
		return true
	}
	return false
}

// Integration is an entry of GET /api/v1/transfers/managed/integrations.
type Integration struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type,omitempty"`
}

// CatalogSource tells where a catalog came from.
type CatalogSource string

const (
	SourceSnapshot CatalogSource = "built-in snapshot"
	SourceCache    CatalogSource = "API cache"
)

// Catalog is the list of networks and integrations the request refers to.
type Catalog struct {
	Networks     []Network
	Integrations []Integration
	Source       CatalogSource
	// FetchedAt is when the cached lists came from the API, or when the
	// snapshot was taken.
	FetchedAt time.Time
	// FetchedFrom is the API host the cache came from.
	FetchedFrom string
}

// Network finds a network by id, or by name in any case.
func (c *Catalog) Network(idOrName string) (Network, bool) {
	if c == nil {
		return Network{}, false
	}
	for _, n := range c.Networks {
		if strings.EqualFold(n.ID, idOrName) {
			return n, true
		}
	}
	for _, n := range c.Networks {
		if strings.EqualFold(n.Name, idOrName) || strings.EqualFold(strings.ReplaceAll(n.Name, " ", ""), idOrName) {
			return n, true
		}
	}
	return Network{}, false
}

// Integration finds an integration by id, or by name in any case.
func (c *Catalog) Integration(idOrName string) (Integration, bool) {
	if c == nil {
		return Integration{}, false
	}
	for _, in := range c.Integrations {
		if strings.EqualFold(in.ID, idOrName) {
			return in, true
		}
	}
	for _, in := range c.Integrations {
		if strings.EqualFold(in.Name, idOrName) {
			return in, true
		}
	}
	return Integration{}, false
}
