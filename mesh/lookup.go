package mesh

import (
	"fmt"
	"slices"
	"strings"
)

// NotInCatalogError is a network or integration the catalog does not know
// by that name.
type NotInCatalogError struct {
	Kind string // "network" or "integration"
	Name string
	Near string // the catalog's name one or two edits away, if any
}

func (e *NotInCatalogError) Error() string {
	msg := fmt.Sprintf("no %s %q in the catalog", e.Kind, e.Name)
	if e.Near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Near)
	}
	return msg
}

// networkAliases are names people type for networks the catalog names otherwise.
var networkAliases = map[string]string{
	"eth": "Ethereum", "sol": "Solana", "btc": "Bitcoin", "xrp": "XRPL", "ripple": "XRPL",
	"xlm": "Stellar", "bnb": "BSC", "avalanche": "AvalancheC", "arb": "Arbitrum", "op": "Optimism",
	"matic": "Polygon", "doge": "Dogecoin", "trx": "Tron", "ada": "Cardano",
}

// NetworkID resolves what a person typed for a network: an id (any id of
// the right form, even one the catalog lacks), a catalog name in any case,
// or a common alias like eth, sol or btc.
func (c *Catalog) NetworkID(s string) (string, error) {
	if IsUUID(s) {
		return strings.ToLower(s), nil
	}
	if n, ok := c.Network(s); ok {
		return n.ID, nil
	}
	if n, ok := c.Network(networkAliases[strings.ToLower(s)]); ok {
		return n.ID, nil
	}
	names := make([]string, 0, len(c.Networks)+len(networkAliases))
	for _, n := range c.Networks {
		names = append(names, n.Name)
	}
	for alias := range networkAliases {
		names = append(names, alias)
	}
	slices.Sort(names[len(c.Networks):]) // the same answer on every run
	return "", &NotInCatalogError{"network", s, Nearest(s, names)}
}

// IntegrationID resolves what a person typed for an integration: an id, or
// a catalog name in any case.
func (c *Catalog) IntegrationID(s string) (string, error) {
	if IsUUID(s) {
		return strings.ToLower(s), nil
	}
	if in, ok := c.Integration(s); ok {
		return in.ID, nil
	}
	names := make([]string, len(c.Integrations))
	for i, in := range c.Integrations {
		names[i] = in.Name
	}
	return "", &NotInCatalogError{"integration", s, Nearest(s, names)}
}
