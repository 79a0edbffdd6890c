package wizard

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// qrDialog asks where to write the QR code's PNG (w on the result screen),
// offering a file in the state directory: never the current directory,
// which is wherever meshlink happened to start.
type qrDialog struct {
	s          *session
	link, what string
	offered    string // the directory offered, made if missing
	path       string
	form       *form
	width      int
	height     int
}

func newQRDialog(s *session, name, link, what string) screen {
	dir := s.o.QRDir
	if dir == "" {
		dir = os.TempDir()
	}
	d := &qrDialog{s: s, link: link, what: what, offered: dir, path: filepath.Join(dir, name)}
	d.form = newForm(newTextField("File", "", "a .png file", func() string { return d.path }, func(v string) { d.path = v }))
	return d
}

func (d *qrDialog) title() string      { return "QR code" }
func (d *qrDialog) show() tea.Cmd      { return nil }
func (d *qrDialog) typing() bool       { return true }
func (d *qrDialog) currentForm() *form { return d.form }
func (d *qrDialog) setSize(w, h int)   { d.width, d.height = w, h; d.form.setWidth(w) }

func (d *qrDialog) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case qrWrittenMsg:
		if msg.err != nil {
			d.s.say(statusErr, "no QR code written: "+msg.err.Error())
			return nil
		}
		text := "QR code of " + msg.what + " written to " + msg.path
		if away := awayFromPhones(d.link); away != "" {
			d.s.say(statusWarn, text+"; "+away)
		} else {
			d.s.say(statusOK, text)
		}
		return closeDialog()
	case tea.KeyMsg:
		if key.Matches(msg, d.s.keys.Cancel) {
			return closeDialog()
		}
		cmd, submit := d.form.update(msg, d.s.keys)
		if !submit {
			return cmd
		}
		path := d.file()
		if path == "" {
			d.s.say(statusErr, "name the file to write the QR code to, or esc")
			return cmd
		}
		d.s.say(statusInfo, "writing the QR code…")
		return writeQRCmd(path, filepath.Dir(path) == filepath.Clean(d.offered), d.link, d.what)
	}
	return nil
}

// file is the path typed: ~ is the home directory, and a directory gets
// the offered file's name.
func (d *qrDialog) file() string {
	p := strings.TrimSpace(d.path)
	if rest, ok := strings.CutPrefix(p, "~"+string(filepath.Separator)); ok {
		if home := d.s.o.Getenv("HOME"); home != "" {
			p = filepath.Join(home, rest)
		}
	}
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		p = filepath.Join(p, "meshlink-qr.png")
	}
	return p
}

func (d *qrDialog) view() string {
	st := d.s.st
	intro := "Write the QR code of " + d.what + " as a PNG, for a phone to scan. Enter writes it here, or type another file."
	if away := awayFromPhones(d.link); away != "" {
		intro += "\n" + st.warn.Render(away) // the demo server's links stay on this machine
	}
	return st.bold.Render("QR code as PNG") + "\n" + wordwrap(intro, max(d.width, 20)) + "\n\n" +
		d.form.view(st, nil, d.height-5)
}

func (d *qrDialog) keyMap() keyMap {
	k := d.s.keys
	write := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write"))
	return helpOf([]key.Binding{write, k.Cancel}, append(d.form.bindings(k), k.Cancel))
}
