// Command meshlink builds, checks and fetches Mesh Connect link tokens, in a
// terminal wizard or from scripts. See README.md.
package main

import (
	"os"
	"runtime/debug"

	"github.com/meshlink/meshlink/ui/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func main() {
	ctx, stop := cli.Interrupts()
	app := cli.NewApp(versionString())
	err := cli.Execute(ctx, app, os.Args[1:])
	stop()
	if err != nil {
		app.PrintError(err)
	}
	os.Exit(cli.ExitCode(err))
}

func versionString() string {
	info, _ := debug.ReadBuildInfo()
	return versionOf(version, info)
}

// versionOf is the -ldflags version, else the module's (`go install
// …@v1.2.0` stamps it), else the commit a clone was built at, else "dev".
func versionOf(ldflags string, info *debug.BuildInfo) string {
	if ldflags != "" {
		return ldflags
	}
	if info == nil {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision" && len(s.Value) >= 12:
			rev = s.Value[:12]
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "-dirty"
		}
	}
	if rev != "" {
		return "dev-" + rev + dirty
	}
	return "dev"
}
