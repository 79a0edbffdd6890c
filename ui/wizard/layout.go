package wizard

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

const headerLines = 3 // title, environment, blank

// keyMap is the active screen's keys with the wizard's own.
func (m *Model) keyMap() keyMap {
	k, top := m.s.keys, m.active()
	km := top.keyMap()
	tail := []key.Binding{k.Help, k.Quit}
	if isTyping(top) { // ? goes into the field: the line must not offer it
		tail = tail[1:]
	}
	short := m.fitHelp(km.short, tail...)
	global := []key.Binding{}
	if len(m.dialogs) == 0 {
		if usesCatalog(top) {
			global = append(global, k.Refresh)
		}
		if !isBusy(top) {
			global = append(global, k.Env)
		}
	}
	global = append(global, k.Help, k.Quit)
	cols := append(append([][]key.Binding(nil), km.full[1:]...), global)
	return keyMap{short: short, full: helpOf(km.full[0], cols...).full}
}

// fitHelp makes the help line (keys, then tail: ?, quit) fit whole, so
// "? more keys" shows where ? works, and lists the rest: when the line is
// too wide, quit (ctrl+c works everywhere) goes first, then the screen's keys
// from the end but its last, the way out (esc back, q quit), which stays.
func (m *Model) fitHelp(keys []key.Binding, tail ...key.Binding) []key.Binding {
	h := m.help
	h.Width = 0 // measure the whole line
	short := append(append([]key.Binding(nil), keys...), tail...)
	fits := func() bool { return m.width <= 0 || ansi.StringWidth(h.ShortHelpView(short)) <= m.width }
	if fits() {
		return short
	}
	short = short[:len(short)-1]
	for n := len(keys); n > 1 && !fits(); n-- {
		short = slices.Delete(short, n-2, n-1)
	}
	return short
}

// fitColumns puts columns of the full help one under another, the two
// neighbours that make the shortest column first, until they fit the width:
// at 60 columns ? shows every key rather than cutting the last column.
func (m *Model) fitColumns(cols [][]key.Binding) [][]key.Binding {
	h := m.help
	h.Width = 0 // measure the whole view
	for len(cols) > 1 && m.width > 0 && lipgloss.Width(h.FullHelpView(cols)) > m.width {
		best := 0
		for i := 1; i+1 < len(cols); i++ {
			if len(cols[i])+len(cols[i+1]) < len(cols[best])+len(cols[best+1]) {
				best = i
			}
		}
		merged := append(slices.Clone(cols[best]), cols[best+1]...)
		cols = slices.Replace(slices.Clone(cols), best, best+2, merged)
	}
	return cols
}

// layout sizes the help, then gives the screen and any dialog the room
// that is left. It runs after every Update, so View only draws.
func (m *Model) layout() {
	km := m.keyMap()
	if m.help.ShowAll {
		km.full = m.fitColumns(km.full)
	}
	if sig := helpSignature(km, m.width, m.help.ShowAll); sig != m.helpSig {
		m.help.Width = m.width
		m.helpV, m.helpSig = m.help.View(km), sig
	}
	body := m.bodyHeight()
	m.top().setSize(m.width, body)
	w, h := m.dialogSize(body)
	for _, d := range m.dialogs {
		d.setSize(w, h)
	}
}

// helpSignature is all the help line depends on: most keys (a letter typed
// into a filter) leave it as it was drawn.
func helpSignature(km keyMap, width int, all bool) string {
	var b strings.Builder
	fmt.Fprint(&b, width, all)
	for _, col := range append([][]key.Binding{km.short}, km.full...) {
		b.WriteByte('\n')
		for _, k := range col {
			h := k.Help()
			b.WriteString("\x00" + h.Key + "\x00" + h.Desc)
			if !k.Enabled() {
				b.WriteString("\x00off")
			}
		}
	}
	return b.String()
}

func (m *Model) bodyHeight() int {
	return max(m.height-headerLines-len(m.statusLines())-lipgloss.Height(m.helpV), 3)
}

// dialogSize is the room inside a dialog's frame, drawn from the body's
// second line down to its last.
func (m *Model) dialogSize(body int) (int, int) {
	return max(min(m.width-6, 72), 16), max(body-3, 3)
}

// View draws header, screen (with a dialog over it), status line and help;
// no line is wider than the terminal and no frame taller. Whatever text a
// screen holds, the frame leaves here with no escape sequence but colours.
func (m *Model) View() string {
	if m.interrupted || m.result != nil {
		return ""
	}
	body := m.top().view()
	if len(m.dialogs) > 0 {
		body = m.overlay(body, m.dialogs[len(m.dialogs)-1].view())
	}
	helpV := m.helpV
	bodyLines := strings.Split(m.headerView()+"\n\n"+body, "\n")
	status := m.statusLines()
	room := m.height - len(status) - lipgloss.Height(helpV)
	if len(bodyLines) > room {
		bodyLines = bodyLines[:max(room, 0)]
	}
	for len(bodyLines) < room {
		bodyLines = append(bodyLines, "")
	}
	lines := append(bodyLines, status...)
	lines = append(lines, strings.Split(helpV, "\n")...)
	for i, l := range lines {
		if ansi.StringWidth(l) > m.width {
			lines[i] = ansi.Truncate(l, m.width, "…")
		}
	}
	return safeFrame(strings.Join(lines, "\n"))
}

// overlay draws dialog in a frame over the middle of body, below its
// first line. The frame is drawn whole: content lines are wrapped to its
// width and cut to its height, so its bottom border always shows. Beside
// it the rows are blank: the screen behind shows above and below only.
func (m *Model) overlay(body, dialog string) string {
	w, h := m.dialogSize(m.bodyHeight())
	var content []string
	for _, l := range strings.Split(dialog, "\n") {
		content = append(content, strings.Split(wordwrap(l, w), "\n")...)
	}
	if len(content) > h {
		content = content[:h]
	}
	box := strings.Split(m.s.st.dialog.Width(w+2).Render(strings.Join(content, "\n")), "\n")
	under := strings.Split(body, "\n")
	for len(under) < len(box)+1 {
		under = append(under, "")
	}
	pad := strings.Repeat(" ", max((m.width-lipgloss.Width(box[0]))/2, 0))
	for i, b := range box {
		under[i+1] = pad + b
	}
	return strings.Join(under, "\n")
}

func (m *Model) headerView() string {
	st, s := m.s.st, m.s
	top := m.top()
	var crumb []string
	id, inFlow := stepOf(top)
	if !inFlow || id != stepUseCase {
		if _, ok := top.(*presetsScreen); !ok {
			crumb = append(crumb, s.setup.UseCase.Title())
		}
	}
	crumb = append(crumb, top.title())
	for _, d := range m.dialogs {
		crumb = append(crumb, d.title())
	}
	left := st.title.Render("meshlink") + st.dim.Render(" › ") + strings.Join(crumb, st.dim.Render(" › "))
	if inFlow && id != stepUseCase && len(m.dialogs) == 0 {
		f := flow(s.setup.UseCase)
		for i, x := range f {
			if x == id {
				left += st.dim.Render(fmt.Sprintf("  (step %d of %d)", i+1, len(f)))
			}
		}
	}
	return left + "\n" + m.envLine()
}

func stepOf(s screen) (stepID, bool) {
	f, ok := s.(flowStep)
	if !ok {
		return 0, false
	}
	return f.step(), true
}

// envLine says where a token would come from and whether keys are set.
func (m *Model) envLine() string {
	st, s := m.s.st, m.s
	keys := "keys set"
	if s.needsKeys(s.env) {
		keys = "no keys yet (asked for when needed)"
	}
	var badge, text string
	switch s.env {
	case mesh.EnvDemo:
		badge = st.demo.Render(" DEMO ")
		text = " demo server · no keys needed · tokens are not real"
	case mesh.EnvProduction:
		badge = st.prod.Render(" PRODUCTION ")
		text = st.warn.Render(" " + keys + " · real users, real money")
	case mesh.EnvCustom:
		badge = st.bold.Render(" CUSTOM ")
		text = " " + s.o.BaseURL + " · " + keys
	default:
		badge = st.bold.Render(" " + strings.ToUpper(string(s.env)) + " ")
		text = " " + keys
	}
	line := badge + text
	if hint := "  ctrl+e switch"; ansi.StringWidth(line+hint) <= m.width {
		line += st.dim.Render(hint)
	}
	return line
}

// statusLines is the status line: one line, up to three when the message
// is long (an error, and what to do about it, must be readable whole).
func (m *Model) statusLines() []string {
	st, sts := m.s.st, m.s.status
	if sts.text == "" {
		if m.refreshing {
			return []string{m.spinner.View() + " refreshing the catalog…"}
		}
		return []string{""}
	}
	style := st.dim.UnsetForeground()
	switch sts.kind {
	case statusOK:
		style = st.ok
	case statusWarn:
		style = st.warn
	case statusErr:
		style = st.err
	}
	lines := strings.Split(wordwrap(strings.ReplaceAll(sts.text, "\n", " "), m.width), "\n")
	if len(lines) > 3 {
		lines = lines[:3]
		lines[2] = ansi.Truncate(lines[2], m.width-1, "") + "…"
	}
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return lines
}

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

// wordwrap wraps s to width cells at spaces and hyphens. ansi.Wordwrap can
// leave a hyphen one cell past width (charmbracelet/x#785), which the frame
// then cuts to "…" ("front-end" showed as "fron…"); a paragraph where that
// happens is wrapped one cell narrower.
func wordwrap(s string, width int) string {
	if strings.Count(s, "`") >= 2 {
		return unprotect.Replace(wordwrapFree(protectCommands(s), width))
	}
	return wordwrapFree(s, width)
}

// A command in backquotes (`set -g set-clipboard on`) is typed as it stands:
// its spaces and hyphens become ones no line breaks at while it is wrapped.
const (
	keepSpace  = "\u00a0" // ansi.Wordwrap never breaks at a no-break space
	keepHyphen = "\u2011"
)

var unprotect = strings.NewReplacer(keepSpace, " ", keepHyphen, "-")

func protectCommands(s string) string {
	parts := strings.Split(s, "`")
	for i := 1; i < len(parts)-1; i += 2 { // the insides of whole pairs
		parts[i] = strings.NewReplacer(" ", keepSpace, "-", keepHyphen).Replace(parts[i])
	}
	return strings.Join(parts, "`")
}

// wrapItems joins items with " · ", wrapping between items only (one
// longer than width is wrapped inside).
func wrapItems(items []string, width int) string {
	for i, it := range items {
		items[i] = strings.ReplaceAll(it, " ", keepSpace)
	}
	return unprotect.Replace(wordwrapFree(strings.Join(items, keepSpace+"· "), width))
}

func wordwrapFree(s string, width int) string {
	paras := strings.Split(s, "\n")
	for i, p := range paras {
		w := ansi.Wordwrap(p, width, "")
		for _, l := range strings.Split(w, "\n") {
			if ansi.StringWidth(l) > width && width > 1 && strings.HasSuffix(ansi.Strip(l), "-") {
				w = ansi.Wordwrap(p, width-1, "")
				break
			}
		}
		paras[i] = w
	}
	return strings.Join(paras, "\n")
}
