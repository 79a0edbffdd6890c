package mesh

import (
	"slices"
	"strings"
	"time"
)

// The snapshot holds every network and integration id that a public source
// confirms; snapshot/*.json keep them with their sources. It serves when
// there is no cache: offline, without credentials, on first start. The
// lists are compiled in as Go data (snapshot_data.go, generated from the
// JSON by `go test ./mesh -run TestSnapshotData -update`), so that no run
// pays for decoding them.

// SnapshotDate is when the snapshot's sources were last checked.
var SnapshotDate = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// Snapshot returns a copy of the built-in catalog: callers may edit or sort
// it without changing what the next caller gets.
func Snapshot() *Catalog {
	c := &Catalog{
		Source:       SourceSnapshot,
		FetchedAt:    SnapshotDate,
		Networks:     slices.Clone(snapshotNetworks),
		Integrations: slices.Clone(snapshotIntegrations),
	}
	for i := range c.Networks {
		c.Networks[i].SupportedTokens = slices.Clone(c.Networks[i].SupportedTokens)
	}
	return c
}

// networkTypeOfCAIP infers Mesh's NetworkType from a CAIP-2 chain id
// ("eip155:8453" is evm), for the snapshot's networks whose type no source
// states; "" when the namespace does not tell.
func networkTypeOfCAIP(caip string) string {
	namespace, _, _ := strings.Cut(caip, ":")
	switch namespace {
	case "eip155":
		return "evm"
	case "solana", "aptos", "sui", "tron", "stellar", "cardano", "tezos":
		return namespace
	case "bip122":
		return "bitcoin"
	case "xrpl":
		return "ripple"
	case "ton", "tvm":
		return "tvm"
	}
	return ""
}
