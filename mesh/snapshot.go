package mesh

import (
	"embed"
	"encoding/json"
	"slices"
	"sync"
	"time"
)

// The snapshot holds every network and integration id that a public source
// confirms, with the sources themselves (see snapshot/*.json). It serves
// when there is no cache: offline, without credentials, on first start.
//
//go:embed snapshot/networks.json snapshot/integrations.json
var snapshotFiles embed.FS

// SnapshotDate is when the snapshot's sources were last checked.
var SnapshotDate = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

type snapshotNetwork struct {
	Network
	NetworkTypeLikely string `json:"networkTypeLikely"`
}

type snapshotIntegration struct {
	Integration
	TypeLikely string `json:"typeLikely"`
}

var snapshot = sync.OnceValue(func() *Catalog {
	var nets []snapshotNetwork
	var ints []snapshotIntegration
	mustDecodeSnapshot("snapshot/networks.json", &nets)
	mustDecodeSnapshot("snapshot/integrations.json", &ints)
	c := &Catalog{Source: SourceSnapshot, FetchedAt: SnapshotDate}
	for _, n := range nets {
		if n.NetworkType == "" {
			n.NetworkType = n.NetworkTypeLikely
		}
		c.Networks = append(c.Networks, n.Network)
	}
	for _, in := range ints {
		if in.Type == "" {
			in.Type = in.TypeLikely
		}
		c.Integrations = append(c.Integrations, in.Integration)
	}
	return c
})

// Snapshot returns a copy of the built-in catalog: callers may edit or sort
// it without changing what the next caller gets.
func Snapshot() *Catalog {
	c := *snapshot()
	c.Networks = slices.Clone(c.Networks)
	for i := range c.Networks {
		c.Networks[i].SupportedTokens = slices.Clone(c.Networks[i].SupportedTokens)
	}
	c.Integrations = slices.Clone(c.Integrations)
	return &c
}

func mustDecodeSnapshot(name string, v any) {
	b, err := snapshotFiles.ReadFile(name)
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		panic("mesh: embedded " + name + " is broken: " + err.Error()) // a build defect, not input
	}
}
