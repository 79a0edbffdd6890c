package wizard

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/meshlink/meshlink/ui/open"
	"github.com/meshlink/meshlink/ui/qr"
	"github.com/muesli/termenv"
)

// What the result screen hands to a phone or a browser: the pay link, else
// the Link URL (mesh.LinkToken.Shareable).
type (
	// openedMsg: the browser was asked to open a link.
	openedMsg struct {
		what, link string
		err        error
	}
	// qrWrittenMsg: the QR code's PNG was written (or not).
	qrWrittenMsg struct {
		what, path string
		err        error
	}
)

// qrCode is the link's QR code as drawn on this terminal: dark modules on a
// light background with a light margin, or, without colours, light blocks
// on the terminal's dark background. Nil when there is no link.
func newQRCode(st styles, link string) []string {
	if link == "" {
		return nil
	}
	colours := st.r.ColorProfile() != termenv.Ascii
	text, err := qr.Blocks(link, colours)
	if err != nil {
		return nil
	}
	if colours {
		text = st.r.NewStyle().Foreground(lipgloss.Color("16")).Background(lipgloss.Color("231")).Padding(1, 2).Render(text)
	}
	return strings.Split(text, "\n")
}

// fits reports whether the QR code can be drawn whole in w×h cells.
func qrFits(code []string, w, h int) bool {
	return len(code) > 0 && lipgloss.Width(code[0]) <= w && len(code) <= h
}

func openCmd(openURL func(string) error, link, what string) tea.Cmd {
	return func() tea.Msg { return openedMsg{what: what, link: link, err: openURL(link)} }
}

// writeQRCmd writes the link's QR code as a PNG in dir (else the current
// directory, else the temporary one), named after the time of the token.
func writeQRCmd(dir, name, link, what string) tea.Cmd {
	return func() tea.Msg {
		dirs := []string{dir}
		if dir == "" {
			wd, _ := os.Getwd()
			dirs = []string{wd, os.TempDir()}
		}
		var err error
		for _, d := range dirs {
			if d == "" {
				continue
			}
			path := filepath.Join(d, name)
			if err = qr.WritePNG(path, link); err == nil {
				if dir != "" || d != dirs[0] {
					return qrWrittenMsg{what: what, path: path}
				}
				return qrWrittenMsg{what: what, path: name + " (in the current directory)"}
			}
		}
		return qrWrittenMsg{what: what, err: err}
	}
}

// linkOutcome says how opening or writing went, on the status line.
func (r *resultScreen) linkOutcome(msg tea.Msg) {
	s := r.s
	switch msg := msg.(type) {
	case openedMsg:
		switch {
		case errors.Is(msg.err, open.ErrRemote):
			s.say(statusWarn, msg.err.Error()+": open "+msg.what+" (shown above) on your own machine")
		case msg.err != nil:
			s.say(statusErr, msg.err.Error()+"; open "+msg.what+" (shown above) yourself")
		default:
			s.say(statusOK, "opened "+msg.what+" in your browser")
		}
	case qrWrittenMsg:
		if msg.err != nil {
			s.say(statusErr, "no QR code written: "+msg.err.Error())
			return
		}
		s.say(statusOK, "QR code of "+msg.what+": "+msg.path)
	}
}
