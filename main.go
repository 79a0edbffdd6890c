// Command meshlink builds, checks and fetches Mesh Connect link tokens, in a
// terminal wizard or from scripts. See README.md.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/meshlink/meshlink/ui/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func main() {
	ctx, stop := cli.Interrupts()
	err := cli.Execute(ctx, cli.NewApp(versionString()), os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, cli.Message(err))
	}
	os.Exit(cli.ExitCode(err))
}

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
