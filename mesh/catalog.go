package mesh

import (
	"slices"
	"strings"
	"time"
)

// Network is an entry of GET /api/v1/transfers/managed/networks, with what
// of it meshlink uses.
type Network struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	ChainID         string   `json:"chainId,omitempty"`
	NetworkType     string   `json:"networkType,omitempty"`
	NativeSymbol    string   `json:"nativeSymbol,omitempty"`
	SupportedTokens []string `json:"supportedTokens,omitempty"`
	// Tokens are the network's tokens with their contract addresses, when
	// Mesh sends them.
	Tokens []NetworkToken `json:"tokens,omitempty"`
	// SupportedBrokerTypes are the integration types that can transfer on
	// the network.
	SupportedBrokerTypes []string `json:"supportedBrokerTypes,omitempty"`
	// AddressPattern is Mesh's regex for addresses on the network, when the
	// API sends one.
	AddressPattern string `json:"addressPattern,omitempty"`
}

// NetworkToken is an entry of a network's tokens.
type NetworkToken struct {
	Symbol          string `json:"symbol"`
	ContractAddress string `json:"contractAddress,omitempty"`
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

// Integration is an exchange or wallet Link can open: the entries of GET
// /api/v1/transfers/managed/integrations (what each can transfer, where)
// merged with those of GET /api/v1/integrations (every integration, wallets
// included).
type Integration struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type,omitempty"`
	// Categories are from /api/v1/integrations: exchange, wallet, deFiWallet …
	Categories []string `json:"categories,omitempty"`
	// The rest is from the managed-transfers list; nil or empty when the
	// integration is not on it.
	SupportsIncomingTransfers *bool                `json:"supportsIncomingTransfers,omitempty"`
	SupportsOutgoingTransfers *bool                `json:"supportsOutgoingTransfers,omitempty"`
	Networks                  []IntegrationNetwork `json:"networks,omitempty"`
}

// IntegrationNetwork is a network an integration transfers on.
type IntegrationNetwork struct {
	ID               string   `json:"id"`
	Name             string   `json:"name,omitempty"`
	SupportedTokens  []string `json:"supportedTokens,omitempty"`
	SupportedDevices []string `json:"supportedDevices,omitempty"` // web, ios, android
}

// Network finds the integration's entry for the network with id.
func (in Integration) Network(id string) (IntegrationNetwork, bool) {
	for _, n := range in.Networks {
		if strings.EqualFold(n.ID, id) {
			return n, true
		}
	}
	return IntegrationNetwork{}, false
}

// MergeIntegrations joins the managed-transfers list with the full one: an
// integration on both keeps its transfer details and gains its categories;
// one only on the full list (a wallet like Phantom) is added after.
func MergeIntegrations(managed, all []Integration) []Integration {
	out := slices.Clone(managed)
	for _, in := range all {
		i := slices.IndexFunc(out, func(m Integration) bool { return strings.EqualFold(m.ID, in.ID) })
		if i < 0 {
			out = append(out, in)
			continue
		}
		if out[i].Name == "" {
			out[i].Name = in.Name
		}
		if out[i].Type == "" {
			out[i].Type = in.Type
		}
		if len(out[i].Categories) == 0 {
			out[i].Categories = in.Categories
		}
	}
	return out
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
