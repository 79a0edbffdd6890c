package wizard

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/meshlink/meshlink/mesh"
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

// writeQRCmd writes the link's QR code as a PNG at path; mkdir makes its
// directory first (the state directory offered, which may not exist yet),
// else a directory that does not exist is an error, as for `token --qr`.
func writeQRCmd(path string, mkdir bool, link, what string) tea.Cmd {
	return func() tea.Msg {
		dir := filepath.Dir(path)
		if mkdir {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return qrWrittenMsg{what: what, err: err}
			}
		} else if _, err := os.Stat(dir); err != nil {
			return qrWrittenMsg{what: what, err: errors.New("the directory " + dir + " does not exist")}
		}
		return qrWrittenMsg{what: what, path: path, err: qr.WritePNG(path, link)}
	}
}

// awayFromPhones says, for a link to this machine, that a phone cannot open
// it (as `token --qr` says); "" for any other link.
func awayFromPhones(link string) string {
	if u, err := url.Parse(link); err == nil && mesh.IsLoopbackHost(u.Hostname()) {
		return "a phone cannot open it: it leads to " + u.Host + ", on this machine"
	}
	return ""
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
	}
}
