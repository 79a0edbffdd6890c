package main

// npm packages for end-to-end tests (Mesh's SDKs, esbuild, TypeScript) are
// installed at test time into a cache outside the repository, never
// committed: the repository holds only code written here.

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gofrs/flock"
)

// needTool returns the path of a program a test needs. Without it the test
// skips, saying what to install, except under CI=true, where it fails: CI
// installs everything (.ci/run) and a skip there would hide a broken check.
func needTool(t *testing.T, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed, and CI must run this test: %s", name, install)
		}
		t.Skipf("skipped: %s is not installed (%s)", name, install)
	}
	return path
}

// npmPackages installs pkgs (exact versions, like "esbuild@0.25.0") once
// into a cache folder and returns it; its node_modules holds them. Several
// test processes may ask at once: the first installs under a lock.
func npmPackages(t *testing.T, pkgs ...string) string {
	t.Helper()
	npm := needTool(t, "npm", "apt-get install nodejs npm")
	base := os.Getenv("MESHLINK_TEST_NPM_CACHE")
	if base == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			t.Fatal(err)
		}
		base = filepath.Join(cache, "meshlink-tests", "npm")
	}
	sum := sha256.Sum256([]byte(strings.Join(pkgs, "\n")))
	dir := filepath.Join(base, hex.EncodeToString(sum[:8]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	lock := flock.New(filepath.Join(dir, ".lock"))
	if err := lock.Lock(); err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	done := filepath.Join(dir, ".installed")
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"private": true}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"install", "--no-audit", "--no-fund", "--save-exact", "--prefix", dir}, pkgs...)
	if out, err := exec.Command(npm, args...).CombinedOutput(); err != nil {
		msg := "npm " + strings.Join(args, " ") + ": " + err.Error() + "\n" + string(out)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip("skipped: the npm registry cannot be reached: " + msg)
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
