package presets

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// Network and integration ids from mesh's snapshot, so the fixtures look like
// what the wizard saves.
const (
	netEthereum = "e3c7fdd8-b1fc-4e51-85ae-bb276e075611"
	netSolana   = "0291810a-5947-424d-9a59-e88bb33e999d"
	netBase     = "aa883b03-120d-477c-a588-37c2afd3ca71"
	intCoinbase = "47624467-e52e-4938-a41a-7926b6c27acf"
	// netGone is a well-formed id that no catalog knows.
	netGone = "00000000-1111-4222-8333-444444444444"
)

var testClock = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// newStore gives each test its own config and cache directories, resolved
// the way meshlink resolves them.
func newStore(t testing.TB) Store {
	t.Helper()
	cfg, cache := t.TempDir(), t.TempDir()
	t.Setenv("MESHLINK_CONFIG_DIR", cfg)
	t.Setenv("MESHLINK_CACHE_DIR", cache)
	dir, err := Dir(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(cfg, "presets"); dir != want {
		t.Fatalf("Dir = %s, want %s", dir, want)
	}
	return Store{Dir: dir, Now: func() time.Time { return testClock }}
}

// request is a realistic body for u, as the wizard would build it.
func request(u mesh.UseCase) *mesh.LinkTokenRequest {
	r := mesh.NewRequest(u, "user-7f3a91")
	switch u {
	case mesh.UseDeposit, mesh.UseDepositVerify:
		r.TransferOptions.ToAddresses = []mesh.ToAddress{
			{NetworkID: netBase, Symbol: "USDC", Address: "0x4A3B5e1Cd2F6789ABcDEF0123456789aBCDEf012"},
			{NetworkID: netEthereum, Symbol: "ETH", Address: "0x4A3B5e1Cd2F6789ABcDEF0123456789aBCDEf012", MinAmount: "0.005"},
		}
		r.TransferOptions.AmountInFiat = "50"
		r.TransferOptions.FundingOptions = &mesh.FundingOptions{Enabled: true}
	case mesh.UsePayment, mesh.UsePaymentVerify:
		r.TransferOptions.ToAddresses = []mesh.ToAddress{
			{NetworkID: netBase, Symbol: "USDC", Address: "0x9F8E7D6C5B4a39281706f5e4d3C2b1a098765432", Amount: "10.50", DisplayAmountInFiat: "10.5"},
		}
		r.TransferOptions.ClientFee = "0.025"
		r.TransferOptions.GeneratePayLink = mesh.Bool(true)
	case mesh.UseOnramp:
		r.TransferOptions.ToAddresses = []mesh.ToAddress{
			{NetworkID: netSolana, Symbol: "SOL", Address: "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"},
		}
		r.TransferOptions.AmountInFiat = "100"
		r.IntegrationID = intCoinbase
	case mesh.UseWithdrawal:
		r.IntegrationID = intCoinbase
		r.DisableAPIKeyGeneration = mesh.Bool(true)
	}
	if u.Verifies() {
		r.VerifyWalletOptions.Message = "Sign to prove you own this wallet & continue"
		r.VerifyWalletOptions.NetworkID = netEthereum
		r.VerifyWalletOptions.Addresses = []string{"0x4A3B5e1Cd2F6789ABcDEF0123456789aBCDEf012"}
	}
	return r
}

// preset is request(u) as a preset whose transactionId is fresh.
func preset(name string, u mesh.UseCase) *Preset {
	p := FromRequest(name, u, mesh.EnvSandbox, request(u), FreshTransactionID)
	p.Description = "QA " + u.Title()
	return p
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeRaw(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// dirNames lists the names in dir, dot-files included, but not usedDir:
// every change makes it, for its lock.
func dirNames(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != usedDir {
			names = append(names, e.Name())
		}
	}
	return names
}
