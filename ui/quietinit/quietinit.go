// Package quietinit keeps the Charm stack's package initialisers from
// talking to the terminal.
//
// Bubble Tea v1 asks Lip Gloss at init time whether the background is dark
// (bubbletea@v1.3.10 tea_init.go). When stdout is a terminal, termenv then
// writes ESC]11;? and ESC[6n to it and waits up to 5 s for the answer, before
// main runs: every meshlink command would pay a round trip, and in a terminal
// that never answers, `token --dry-run` would hang and print the escapes in
// front of the JSON. Only the wizard may talk to the terminal, and it needs no
// background colour (its colours are the 16 ANSI ones).
//
// termenv asks nothing while CI is set. This package sets CI for the span of
// the other packages' initialisers and Done takes it away again. It works
// because Go initialises packages in import-path order as soon as their own
// imports are ready: this one imports only os, and its path sorts before
// github.com/muesli/termenv, so it runs before termenv, Lip Gloss and Bubble
// Tea. It must never import anything but the standard library's os.
package quietinit

import "os"

const variable = "CI"

var set bool

func init() {
	if _, ok := os.LookupEnv(variable); !ok {
		set = os.Setenv(variable, "1") == nil
	}
}

// Done gives the environment back as it was before the initialisers ran.
// Call it from an initialiser of a package that imports Bubble Tea.
func Done() {
	if set {
		os.Unsetenv(variable)
		set = false
	}
}
