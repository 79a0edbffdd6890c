// Command meshlink builds, checks and fetches Mesh Connect link tokens, in a
// terminal wizard or from scripts. See README.md.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/meshlink/meshlink/ui/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
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
