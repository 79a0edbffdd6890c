package cli

import (
	"os"

	"github.com/charmbracelet/x/term"

	"github.com/meshlink/meshlink/ui/quietinit"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }

func terminalWidth(f *os.File) int {
	if !isTerminal(f) {
		return 0
	}
	w, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return w
}

// The Charm stack's initialisers have run (this package imports the wizard):
// the environment is the user's again before any command reads it.
func init() { quietinit.Done() }
