package mesh_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

func checkSnapshot(t *testing.T, c *mesh.Catalog) {
	t.Helper()
	if c.Source != mesh.SourceSnapshot || !c.FetchedAt.Equal(mesh.SnapshotDate) || c.FetchedFrom != "" {
		t.Errorf("Source = %q, FetchedAt = %v, FetchedFrom = %q; want the snapshot", c.Source, c.FetchedAt, c.FetchedFrom)
	}
	if n := len(c.Networks); n != 33 {
		t.Errorf("snapshot has %d networks, want 33", n)
	}
	if n := len(c.Integrations); n < 9 {
		t.Errorf("snapshot has %d integrations, want at least 9", n)
	}
}

func TestLoadCatalog_snapshot(t *testing.T) {
	for name, dir := range map[string]string{
		"no_dir":            "",
		"empty_dir":         t.TempDir(),
		"dir_not_yet_there": filepath.Join(t.TempDir(), "missing"),
	} {
		t.Run(name, func(t *testing.T) {
			c, warnings := mesh.LoadCatalog(dir)
			if len(warnings) != 0 {
				t.Errorf("warnings = %v", warnings)
			}
			checkSnapshot(t, c)
		})
	}
}

func TestSnapshot_guideNetworks(t *testing.T) {
	c := mesh.Snapshot()
	tests := []struct{ query, id, name string }{
		{"ethereum", ethereumID, "Ethereum"},
		{ethereumID, ethereumID, "Ethereum"},
		{strings.ToUpper(ethereumID), ethereumID, "Ethereum"},
		{"Solana", solanaID, "Solana"},
		{"BASE", baseID, "Base"},
		{"bitcoin", bitcoinID, "Bitcoin"},
		{"base sepolia", "f2780a87-d1ab-4567-85b3-d9ae728cf54d", "Base Sepolia"},
		{"basesepolia", "f2780a87-d1ab-4567-85b3-d9ae728cf54d", "Base Sepolia"},
	}
	for _, tt := range tests {
		n, ok := c.Network(tt.query)
		if !ok || n.ID != tt.id || n.Name != tt.name {
			t.Errorf("Network(%q) = %+v, %v; want %s %s", tt.query, n, ok, tt.name, tt.id)
		}
	}
	for _, q := range []string{"", "ether", unknownID, "Dogecoin2"} {
		if n, ok := c.Network(q); ok {
			t.Errorf("Network(%q) found %s", q, n.Name)
		}
	}
	eth, _ := c.Network("ethereum")
	if eth.NetworkType != "evm" || eth.ChainID != "1" || eth.NativeSymbol != "ETH" || !eth.Supports("USDC") {
		t.Errorf("Ethereum = %+v", eth)
	}
	base, _ := c.Network("base")
	if base.NetworkType != "evm" {
		t.Errorf("Base networkType = %q, want evm (the snapshot's likely type fills the gap)", base.NetworkType)
	}
}

func TestCatalog_Integration(t *testing.T) {
	c := mesh.Snapshot()
	for q, want := range map[string]string{
		binanceConnectID: "Binance Connect", strings.ToUpper(phantomID): "Phantom",
		"binance connect": "Binance Connect", "PHANTOM": "Phantom", "coinbase": "Coinbase",
	} {
		in, ok := c.Integration(q)
		if !ok || in.Name != want {
			t.Errorf("Integration(%q) = %+v, %v; want %s", q, in, ok, want)
		}
	}
	if in, ok := c.Integration("kraken"); ok {
		t.Errorf("Integration(kraken) found %+v", in)
	}
	var nilCat *mesh.Catalog
	if _, ok := nilCat.Integration(phantomID); ok {
		t.Error("a nil catalog found an integration")
	}
	if _, ok := nilCat.Network(solanaID); ok {
		t.Error("a nil catalog found a network")
	}
}

func TestNetwork_Supports(t *testing.T) {
	n := mesh.Network{SupportedTokens: []string{"USDC", "eth", "PyUSD"}}
	for sym, want := range map[string]bool{"USDC": true, "usdc": true, "ETH": true, "pyusd": true, "USDT": false, "": false, "US": false} {
		if got := n.Supports(sym); got != want {
			t.Errorf("Supports(%q) = %v, want %v", sym, got, want)
		}
	}
	if (mesh.Network{}).Supports("USDC") {
		t.Error("a network without tokens supports USDC")
	}
}

func TestNetwork_UsesAddressTag(t *testing.T) {
	for typ, want := range map[string]bool{"ripple": true, "stellar": true, "tvm": true, "injective": true, "evm": false, "solana": false, "": false} {
		if got := (mesh.Network{NetworkType: typ}).UsesAddressTag(); got != want {
			t.Errorf("networkType %q: UsesAddressTag = %v, want %v", typ, got, want)
		}
	}
}

// Snapshot hands out copies: a caller that edits or sorts its catalog must
// not change what the next caller gets.
func TestSnapshot_isACopy(t *testing.T) {
	a := mesh.Snapshot()
	a.Source = "edited"
	a.Networks[0].Name = "edited"
	a.Networks[0].SupportedTokens[0] = "edited"
	a.Integrations[0].Name = "edited"
	b := mesh.Snapshot()
	if b.Source != mesh.SourceSnapshot || b.Networks[0].Name == "edited" || b.Networks[0].SupportedTokens[0] == "edited" || b.Integrations[0].Name == "edited" {
		t.Errorf("editing one Snapshot() changed the next: %q %q %q %q", b.Source, b.Networks[0].Name, b.Networks[0].SupportedTokens[0], b.Integrations[0].Name)
	}
}

func TestSaveThenLoadCatalog(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache", "meshlink") // created on save
	at := time.Date(2026, 11, 20, 9, 30, 0, 123, time.UTC)
	nets := []mesh.Network{
		{ID: solanaID, Name: "Solana", NetworkType: "solana", SupportedTokens: []string{"SOL", "USDC"}},
		{ID: unknownID, Name: "Newchain\x1b[31m"},
	}
	ints := []mesh.Integration{{ID: phantomID, Name: "Phantom", Type: "deFiWallet"}}
	if err := mesh.SaveNetworks(dir, "https://sandbox-integration-api.meshconnect.com", nets, at); err != nil {
		t.Fatal(err)
	}
	if err := mesh.SaveIntegrations(dir, "https://sandbox-integration-api.meshconnect.com", ints, at); err != nil {
		t.Fatal(err)
	}
	c, warnings := mesh.LoadCatalog(dir)
	if len(warnings) != 0 {
		t.Fatalf("warnings = %v", warnings)
	}
	if c.Source != mesh.SourceCache || !c.FetchedAt.Equal(at) || c.FetchedFrom != "https://sandbox-integration-api.meshconnect.com" {
		t.Errorf("Source = %q, FetchedAt = %v, FetchedFrom = %q", c.Source, c.FetchedAt, c.FetchedFrom)
	}
	if len(c.Networks) != 2 || c.Networks[0].Name != "Solana" || !c.Networks[0].Supports("usdc") {
		t.Errorf("Networks = %+v", c.Networks)
	}
	if c.Networks[1].Name != "Newchain" {
		t.Errorf("a hostile name from the cache was not cleaned: %q", c.Networks[1].Name)
	}
	if len(c.Integrations) != 1 || !reflect.DeepEqual(c.Integrations[0], ints[0]) {
		t.Errorf("Integrations = %+v", c.Integrations)
	}
	// The cache's networks now feed validation.
	r := validDeposit()
	r.TransferOptions.ToAddresses[0].NetworkID = ethereumID
	checkProblems(t, mesh.Validate(r, c), warnAt("transferOptions.toAddresses[0].networkId", "is not in the networks catalog"))
}

func TestLoadCatalog_onlyIntegrationsCached(t *testing.T) {
	dir := t.TempDir()
	if err := mesh.SaveIntegrations(dir, "h", []mesh.Integration{{ID: phantomID, Name: "Phantom"}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	c, warnings := mesh.LoadCatalog(dir)
	if len(warnings) != 0 || c.Source != mesh.SourceSnapshot || len(c.Networks) != 33 || len(c.Integrations) != 1 {
		t.Errorf("got source %q, %d networks, %d integrations, warnings %v", c.Source, len(c.Networks), len(c.Integrations), warnings)
	}
}

func TestLoadCatalog_emptyCacheFallsBackToSnapshot(t *testing.T) {
	dir := t.TempDir()
	if err := mesh.SaveNetworks(dir, "h", nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	c, warnings := mesh.LoadCatalog(dir)
	if len(warnings) != 0 {
		t.Errorf("warnings = %v", warnings)
	}
	checkSnapshot(t, c)
}

func TestLoadCatalog_corruptCache(t *testing.T) {
	for name, content := range map[string]string{
		"cut_off":     `{"fetchedAt":"2026-11-20T09:30:00Z","items":[{"id":"`,
		"not_json":    "\x00\x01garbage",
		"wrong_shape": `[1,2,3]`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "networks.json")
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			c, warnings := mesh.LoadCatalog(dir)
			if len(warnings) != 1 {
				t.Fatalf("warnings = %v, want exactly one", warnings)
			}
			var ce *mesh.CorruptCacheError
			if !errors.As(warnings[0], &ce) || ce.Path != path {
				t.Fatalf("warning = %T %v, want *mesh.CorruptCacheError for %s", warnings[0], warnings[0], path)
			}
			if msg := ce.Error(); !strings.Contains(msg, path+".corrupt") || !strings.Contains(msg, "next refresh replaces it") {
				t.Errorf("Error() = %q, want it to say where the file went and what happens next", msg)
			}
			checkSnapshot(t, c)
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the corrupt file is still at %s (err %v)", path, err)
			}
			if b, err := os.ReadFile(path + ".corrupt"); err != nil || string(b) != content {
				t.Errorf("the corrupt file was not kept at .corrupt: %v", err)
			}

			c, warnings = mesh.LoadCatalog(dir)
			if len(warnings) != 0 {
				t.Errorf("second load warned again: %v", warnings)
			}
			checkSnapshot(t, c)
		})
	}
}

func TestLoadCatalog_corruptIntegrationsKeepsCachedNetworks(t *testing.T) {
	dir := t.TempDir()
	if err := mesh.SaveNetworks(dir, "h", []mesh.Network{{ID: solanaID, Name: "Solana"}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "integrations.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, warnings := mesh.LoadCatalog(dir)
	var ce *mesh.CorruptCacheError
	if len(warnings) != 1 || !errors.As(warnings[0], &ce) || filepath.Base(ce.Path) != "integrations.json" {
		t.Fatalf("warnings = %v, want one for integrations.json", warnings)
	}
	if c.Source != mesh.SourceCache || len(c.Networks) != 1 || len(c.Integrations) < 9 {
		t.Errorf("got source %q, %d networks, %d integrations", c.Source, len(c.Networks), len(c.Integrations))
	}
}

func TestEnvironment(t *testing.T) {
	for in, want := range map[string]mesh.Environment{"demo": mesh.EnvDemo, " Sandbox ": mesh.EnvSandbox, "PRODUCTION": mesh.EnvProduction, "prod": mesh.EnvProduction} {
		if got, err := mesh.ParseEnvironment(in); err != nil || got != want {
			t.Errorf("ParseEnvironment(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := mesh.ParseEnvironment("staging"); err == nil || !strings.Contains(err.Error(), "use demo, sandbox or production") {
		t.Errorf("ParseEnvironment(staging) error = %v", err)
	}
	if mesh.EnvSandbox.BaseURL() != "https://sandbox-integration-api.meshconnect.com" || mesh.EnvProduction.BaseURL() != "https://integration-api.meshconnect.com" || mesh.EnvDemo.BaseURL() != "" {
		t.Error("BaseURL of an environment is wrong")
	}
}

func TestCredentials_neverShowTheSecret(t *testing.T) {
	c := mesh.CredentialsFromEnv(func(k string) string {
		return map[string]string{"MESH_CLIENT_ID": " id-123 ", "MESH_CLIENT_SECRET": "s3cr3t-value\n"}[k]
	})
	if c.ClientID != "id-123" || c.ClientSecret != "s3cr3t-value" || !c.Complete() {
		t.Errorf("CredentialsFromEnv = %#v", c)
	}
	for _, s := range []string{c.String(), c.GoString()} {
		if strings.Contains(s, "s3cr3t") || strings.Contains(s, "id-123") {
			t.Errorf("%q shows a credential", s)
		}
	}
	if got := c.String(); got != "client id set, secret set" { // not even the length
		t.Errorf("String() = %q", got)
	}
	if (mesh.Credentials{ClientID: "x"}).Complete() {
		t.Error("credentials without a secret are complete")
	}
	if got := mesh.Mask(""); got != "not set" {
		t.Errorf("Mask(\"\") = %q", got)
	}
}
