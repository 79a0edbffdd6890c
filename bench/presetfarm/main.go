// Command presetfarm fills the preset folder with N deposit presets, every other one
// used once, for `meshlink presets list` at scale. The files are written
// directly: N synced saves would only slow the set-up.
//
//	go run ./bench/presetfarm -n 10000   # into $MESHLINK_CONFIG_DIR/presets
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
)

func main() {
	n := flag.Int("n", 10000, "how many presets")
	flag.Parse()
	dir, err := presets.Dir(os.Getenv)
	if err != nil {
		fail(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fail(err)
	}
	store := presets.Store{Dir: dir}
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for i := range *n {
		uc := mesh.UseDeposit
		r := mesh.NewRequest(uc, fmt.Sprintf("user-%d", i))
		r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: "0291810a-5947-424d-9a59-e88bb33e999d", Symbol: "USDC", Address: "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj"}}
		p := presets.FromRequest(fmt.Sprintf("preset-%05d", i), uc, mesh.EnvSandbox, r, presets.FreshTransactionID)
		p.Created, p.Updated = at, at
		data, err := presets.Encode(p)
		if err != nil {
			fail(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p.Name+".json"), data, 0o600); err != nil {
			fail(err)
		}
		if i%2 == 0 {
			if err := store.Touch(p.Name, at.Add(time.Duration(i)*time.Minute)); err != nil {
				fail(err)
			}
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "presetfarm:", err)
	os.Exit(1)
}
