package main

// Whole-process benchmarks: what a script pays per meshlink call. Goals (not
// asserted, see README "Performance"): --dry-run under 10 ms, and a token from
// a loopback server within 1.5x of curl sending the same body.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/presets"
)

func benchEnv(b *testing.B) []string {
	return append([]string{"MESHLINK_CONFIG_DIR=" + b.TempDir(), "MESHLINK_CACHE_DIR=" + b.TempDir()}, withCreds...)
}

func runOK(b *testing.B, env []string, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func BenchmarkTokenDryRun(b *testing.B) {
	env := benchEnv(b)
	for b.Loop() {
		runOK(b, env, binary, "token", "--use-case", "deposit", "--user-id", "u1", "--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", "--dry-run")
	}
}

func loopbackBody(b *testing.B) (*demo.Server, string) {
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	r := mesh.NewRequest(mesh.UseDeposit, "u1")
	r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: "0291810a-5947-424d-9a59-e88bb33e999d", Symbol: "USDC", Address: "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj"}}
	body, err := mesh.EncodeBody(r)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "body.json")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		b.Fatal(err)
	}
	return srv, path
}

func BenchmarkTokenLoopback(b *testing.B) {
	srv, body := loopbackBody(b)
	env := benchEnv(b)
	for b.Loop() {
		runOK(b, env, binary, "token", "--base-url", srv.URL, "--body", body, "--quiet")
	}
}

// BenchmarkCurlLoopback is the yardstick for BenchmarkTokenLoopback.
func BenchmarkCurlLoopback(b *testing.B) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		b.Skip("curl is not installed")
	}
	srv, body := loopbackBody(b)
	for b.Loop() {
		runOK(b, nil, curl, "-sf", "-X", "POST", srv.URL+mesh.PathLinkToken, "-H", "Content-Type: application/json",
			"-H", "X-Client-Id: x", "-H", "X-Client-Secret: y", "--data-binary", "@"+body)
	}
}

func BenchmarkPresetsList1000(b *testing.B) {
	config := b.TempDir()
	store := presets.Store{Dir: filepath.Join(config, "presets")}
	r := mesh.NewRequest(mesh.UseDeposit, "u1")
	r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: "0291810a-5947-424d-9a59-e88bb33e999d", Symbol: "USDC", Address: "addr"}}
	for i := range 1000 {
		if err := store.Save(presets.FromRequest("preset-"+strconv.Itoa(i), mesh.UseDeposit, mesh.EnvSandbox, r, presets.FreshTransactionID), false); err != nil {
			b.Fatal(err)
		}
	}
	env := []string{"MESHLINK_CONFIG_DIR=" + config, "MESHLINK_CACHE_DIR=" + b.TempDir()}
	for b.Loop() {
		runOK(b, env, binary, "presets", "list")
	}
}
