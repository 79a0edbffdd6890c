package wizard

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// resultScreen shows a token and counts down its ten minutes.
type resultScreen struct {
	s      *session
	req    *mesh.LinkTokenRequest // what was sent
	token  *mesh.LinkToken
	env    mesh.Environment
	txID   string
	now    time.Time
	tickID int
	width  int
	height int
	// offset is the first line shown when the result is taller than the room.
	offset int
	lines  int
	// link is what a phone or a browser opens (pay link, else Link URL);
	// qr is its QR code, drawn when the terminal has room for it.
	link, linkWhat string
	qr             []string
	// transfer is what became of the token, looked up while it shows.
	transfer transferStatus
}

// tickMsg: a second passed on the result screen.
type tickMsg struct{ id int }

// tick is the countdown's one chain: a tick whose id is old ends it.
func tick(id int) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{id} })
}

func newResultScreen(s *session, req *mesh.LinkTokenRequest, t *mesh.LinkToken) *resultScreen {
	r := &resultScreen{s: s, req: req, token: t, env: s.env, width: defaultWidth}
	if req.TransferOptions != nil {
		r.txID = req.TransferOptions.TransactionID
	}
	r.link, r.linkWhat = t.Shareable()
	r.qr = newQRCode(s.st, r.link)
	r.transfer = transferStatus{txID: r.txID, env: r.env}
	return r
}

func (r *resultScreen) title() string { return "Token" }
func (r *resultScreen) setSize(w, h int) {
	r.width, r.height = w, h
	r.lines = len(r.content())
}

func (r *resultScreen) expired() bool { return !r.now.Before(r.token.ExpiresAt) }

// show starts the countdown and the transfer's lookups (again, when
// coming back from a dialog).
func (r *resultScreen) show() tea.Cmd {
	r.tickID++
	r.now = r.s.o.Now()
	lookups := r.transfer.start(r.s)
	if r.expired() {
		return lookups
	}
	return tea.Batch(r.s.tick(r.tickID), lookups)
}

// leave stops what runs while the screen shows.
func (r *resultScreen) leave() {
	r.tickID++
	r.transfer.stop()
}

func (r *resultScreen) update(msg tea.Msg) tea.Cmd {
	if cmd, ok := r.transfer.update(r.s, msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case tickMsg:
		if msg.id != r.tickID {
			return nil
		}
		r.now = r.s.o.Now()
		if r.expired() {
			return nil
		}
		return r.s.tick(msg.id)
	case tea.KeyMsg:
		return r.key(msg)
	case openedMsg:
		r.linkOutcome(msg)
	}
	return nil
}

func (r *resultScreen) key(msg tea.KeyMsg) tea.Cmd {
	k, s, t := r.s.keys, r.s, r.token
	switch {
	case key.Matches(msg, k.Back):
		r.leave() // the countdown and the lookups stop with the screen
		return pop()
	case key.Matches(msg, k.CopyToken):
		s.say(statusInfo, "copying the token…")
		cp := copyCmd("the token", elsewhere, t.Token, s.copy)
		if !r.expired() {
			return cp
		}
		return func() tea.Msg {
			msg := cp().(copiedMsg)
			msg.note, msg.warn = "; but it expired: it no longer opens Link (f fetches a fresh one)", true
			msg.elsewhere = "" // printing it would not help
			return msg
		}
	case key.Matches(msg, k.CopyPayLink, k.Open, k.WriteQR) && t.PayLinkRefused != "":
		s.say(statusWarn, "nothing done: "+t.PayLinkRefused)
		return nil
	case key.Matches(msg, k.CopyPayLink):
		if t.PaymentLink == "" {
			s.say(statusWarn, "this token has no pay link (turn on \"Generate a pay link\" in the details)")
			return nil
		}
		s.say(statusInfo, "copying the pay link…")
		return copyCmd("the pay link", elsewhere, t.PaymentLink, s.copy)
	case key.Matches(msg, k.Select):
		return selectCmd(r.selectable())
	case key.Matches(msg, k.Fresh):
		r.leave()
		return send() // the same gates as the preview: keys, and production's typed confirmation
	case key.Matches(msg, k.StartOver):
		r.leave()
		s.setup = newSetup(s.setup.UseCase, s.o.NewID)
		s.preset = ""
		s.clearStatus()
		return reset(newUseCaseScreen(s))
	case key.Matches(msg, k.ListDown):
		r.offset = min(r.offset+1, max(r.lines-r.height+1, 0))
	case key.Matches(msg, k.ListUp):
		r.offset = max(r.offset-1, 0)
	case key.Matches(msg, k.Top):
		r.offset = 0
	case key.Matches(msg, k.Bottom):
		r.offset = max(r.lines-r.height+1, 0)
	case key.Matches(msg, k.QuitQ):
		r.leave()
		return msgCmd(quitMsg{&Result{Token: r.token, Env: r.env, TransactionID: r.txID}})
	case key.Matches(msg, k.Save) && s.o.Presets != nil:
		return openDialog(newSaveDialog(s))
	case key.Matches(msg, k.Snippet):
		return openDialog(newSnippetDialog(s, t, r.req, r.env))
	case key.Matches(msg, k.Open) && r.link != "":
		s.say(statusInfo, "opening "+r.linkWhat+"…")
		return openCmd(s.open, r.link, r.linkWhat)
	case key.Matches(msg, k.Try) && t.LinkURL != "":
		if r.expired() {
			s.say(statusWarn, "the token expired: it no longer opens Link (f fetches a fresh one)")
			return nil
		}
		r.leave() // back from the try screen, show looks the transfer up at once
		return push(newTryScreen(s, t, r.env, mesh.UseCaseOf(r.req)))
	case key.Matches(msg, k.Watch) && r.txID != "" && s.o.LookUp:
		return r.watch()
	case key.Matches(msg, k.WriteQR) && r.link != "":
		return openDialog(newQRDialog(s, "meshlink-qr-"+t.ReceivedAt.Format("20060102-150405")+".png", r.link, r.linkWhat))
	}
	return nil
}

// elsewhere is where the token and its links are when a copy may not
// arrive: printed to select, and in the summary q leaves.
const elsewhere = "l prints it to select, q prints it on quit"

// selectable is the token and its links, to print for selecting.
func (r *resultScreen) selectable() selectable {
	sel := selectable{heading: "The token", text: r.token.Token}
	if r.token.LinkURL != "" {
		sel.more = append(sel.more, "The Link URL", r.token.LinkURL)
	}
	if r.token.PaymentLink != "" {
		sel.more = append(sel.more, "The pay link", r.token.PaymentLink)
	}
	return sel
}

// validity is the countdown line.
func (r *resultScreen) validity() string {
	t := r.token
	left := t.ExpiresAt.Sub(r.now)
	if left <= 0 {
		return "expired at " + t.ExpiresAt.Format("15:04:05") + ": it no longer opens Link; press f for a fresh one"
	}
	secs := int(left.Seconds() + 0.999)
	return fmt.Sprintf("valid for %d:%02d more (until %s) · single use: it works once", secs/60, secs%60, t.ExpiresAt.Format("15:04:05"))
}

// content is every line of the result, before scrolling.
func (r *resultScreen) content() []string {
	st, t := r.s.st, r.token
	w := max(r.width-2, 20)
	from := string(r.env)
	if r.env == mesh.EnvDemo {
		from = "the demo server"
	}
	valid := st.bold.Render(r.validity())
	if r.expired() {
		valid = st.warn.Render(r.validity())
	}
	lines := []string{st.ok.Render("✓ link token from " + from)}
	lines = append(lines, strings.Split(wordwrap(valid, w), "\n")...)
	if r.txID != "" {
		lines = append(lines, st.dim.Render("transactionId ")+r.txID)
		lines = append(lines, r.transferLines(w)...)
	}
	if r.env == mesh.EnvDemo {
		lines = append(lines, st.demo.Render(" DEMO ")+" not a real Mesh token: it opens a page that says so")
	}
	next := []string{"next: x code for your app"}
	if r.link != "" {
		next = append(next, "o open in browser", "w QR code as PNG")
	}
	if t.LinkURL != "" && !r.expired() {
		next = append(next, "t try Link")
	}
	if r.link != "" && qrFits(r.qr, r.width, r.height-1) {
		next = append(next, "QR code below (G)")
	}
	for _, l := range strings.Split(wrapItems(next, w), "\n") {
		lines = append(lines, st.dim.Render(l))
	}
	// Values start at the margin, unindented, so selecting a wrapped token
	// by hand picks up no padding.
	section := func(title, value string) {
		lines = append(lines, "", st.bold.Render(title))
		lines = append(lines, strings.Split(ansi.Hardwrap(value, r.width, false), "\n")...)
	}
	section("Token", t.Token)
	if t.Suspicious != "" {
		lines = append(lines, "")
		for _, l := range strings.Split(wordwrap("! "+t.Suspicious, w), "\n") {
			lines = append(lines, st.warn.Render(l))
		}
	}
	if t.LinkURL != "" {
		section("Link URL (what the token opens)", t.LinkURL)
	}
	if t.PaymentLink != "" {
		section("Pay link", t.PaymentLink)
	}
	if t.PayLinkRefused != "" {
		lines = append(lines, "", st.bold.Render("Pay link"))
		for _, l := range strings.Split(wordwrap("refused (see the warning above): not opened, drawn or copied", w), "\n") {
			lines = append(lines, st.warn.Render(l))
		}
	}
	if qrFits(r.qr, r.width, r.height-1) {
		lines = append(lines, "", st.bold.Render("QR code of "+r.linkWhat+", for a phone"))
		if away := awayFromPhones(r.link); away != "" {
			lines = append(lines, strings.Split(wordwrap(st.warn.Render(away), w), "\n")...)
		}
		lines = append(lines, r.qr...)
	}
	return lines
}

func (r *resultScreen) view() string {
	st, lines := r.s.st, r.content()
	if len(lines) <= r.height {
		return strings.Join(lines, "\n")
	}
	// scrolled: the last line says what is left, the first line what is above
	top := min(r.offset, len(lines)-r.height+1)
	out := lines[top : top+r.height-1]
	more := st.dim.Render("  ↓ " + plural(len(lines)-top-len(out), "more line") + " · ↑/↓ scroll")
	if top+len(out) >= len(lines) {
		more = st.dim.Render("  ↑ scrolled · g top")
	}
	return strings.Join(append(out, more), "\n")
}

func (r *resultScreen) keyMap() keyMap {
	k := r.s.keys
	short := []key.Binding{k.CopyToken}
	if r.token.PaymentLink != "" {
		short = append(short, k.CopyPayLink)
	}
	short = append(short, k.Fresh, k.StartOver)
	if r.s.o.Presets != nil {
		short = append(short, k.Save)
	}
	short = append(short, k.QuitQ)
	after := []key.Binding{k.Select, k.Snippet}
	if r.txID != "" && r.s.o.LookUp {
		after = append(after, k.Watch)
	}
	if r.link != "" {
		after = append(after, k.Open, k.WriteQR)
	}
	if r.token.LinkURL != "" {
		after = append(after, k.Try)
	}
	return helpOf(short, after, []key.Binding{k.Back, k.ListUp, k.ListDown, k.Top, k.Bottom})
}
