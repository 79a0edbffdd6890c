package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// previewScreen shows the exact body that will be sent, with every problem
// mesh.Validate finds listed above it.
type previewScreen struct {
	s     *session
	vp    viewport.Model
	body  string // the exact JSON, uncoloured
	drawn string // the body the viewport holds, coloured
	// coloured is drawn highlighted, fitted is the width it was fitted to.
	coloured string
	fitted   int
	// justBuilt: refreshed by newPreviewScreen and not shown yet.
	justBuilt bool
	bodyErr   error
	// problems is the rendered list above the body.
	problems []string
	// pendingEdit is the text of an edit that did not parse: the next edit
	// starts from it, so nothing typed in the editor is lost.
	pendingEdit string
	width       int
	height      int
}

func newPreviewScreen(s *session) screen {
	p := &previewScreen{s: s, vp: viewport.New(defaultWidth, 10), width: defaultWidth}
	p.vp.KeyMap = previewKeyMap(s.keys)
	p.refresh()
	p.justBuilt = true
	return p
}

func previewKeyMap(k keys) viewport.KeyMap {
	km := viewport.DefaultKeyMap()
	km.Up = k.ListUp
	km.Down = k.ListDown
	km.PageUp = key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up"))
	km.PageDown = key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("pgdn/space", "page down"))
	km.HalfPageUp = key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up"))
	km.HalfPageDown = key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down"))
	km.Left = key.NewBinding(key.WithDisabled())
	km.Right = key.NewBinding(key.WithDisabled())
	return km
}

func (p *previewScreen) title() string { return "Preview" }
func (p *previewScreen) step() stepID  { return stepPreview }

// show re-derives the body (the steps below may have changed it) and opens
// it at the top.
func (p *previewScreen) show() tea.Cmd {
	if !p.justBuilt { // nothing can have changed between newPreviewScreen and its push
		p.refresh()
	}
	p.justBuilt = false
	p.vp.GotoTop()
	return nil
}

// refresh re-derives the body and the problem list from the setup.
func (p *previewScreen) refresh() {
	req := p.s.request()
	p.body, p.bodyErr = body(req)
	p.s.revalidate()
	switch {
	case p.bodyErr != nil:
		p.drawn = ""
		p.vp.SetContent(p.s.st.err.Render("the body cannot be shown until the errors above are fixed"))
	case p.body != p.drawn: // coloured once per body: showing the screen again reuses it
		p.drawn = p.body
		p.coloured = highlightJSON(p.body, p.s.st)
		p.fitted = 0
	}
	p.layout()
}

func (p *previewScreen) setSize(w, h int) {
	p.width, p.height = w, h
	p.layout()
}

// layout fits the viewport under the problem list.
func (p *previewScreen) layout() {
	p.problems = problemLines(p.s, p.width, max(p.height/2-1, 2))
	p.vp.Width = p.width
	p.vp.Height = max(p.height-len(p.problems)-2, 3)
	if p.bodyErr == nil && p.fitted != p.width { // wrapped again only when the width changes
		p.fitted = p.width
		p.vp.SetContent(fitJSON(p.coloured, p.body, p.width))
	}
}

// problemLines lists errors and warnings, at most limit lines.
func problemLines(s *session, width, limit int) []string {
	st := s.st
	errs, warns := s.problems.Errors(), s.problems.Warnings()
	var lines []string
	if len(errs) == 0 {
		ready := wordwrap(fmt.Sprintf("✓ ready to send: exactly this body goes to POST %s", mesh.PathLinkToken), max(width, 20))
		for _, l := range strings.Split(ready, "\n") {
			lines = append(lines, st.ok.Render(l))
		}
	} else {
		lines = append(lines, st.err.Render(fmt.Sprintf("✗ %s to fix before sending (esc to go back, e to edit):", plural(len(errs), "error"))))
	}
	// Lines are wrapped to be counted, but styled only when they are shown:
	// a body with a thousand bad addresses has a thousand problems.
	type line struct {
		text  string
		style func(...string) string
	}
	var rest []line
	add := func(mark string, style func(...string) string, p mesh.Problem) {
		for i, l := range strings.Split(wordwrap(p.String(), max(width-4, 20)), "\n") {
			if i > 0 {
				mark = "    "
			}
			rest = append(rest, line{mark + l, style})
		}
	}
	for _, p := range errs {
		add("  ✗ ", st.err.Render, p)
	}
	for _, p := range warns {
		add("  ! ", st.warn.Render, p)
	}
	total, keep := len(lines)+len(rest), limit-1
	if total <= limit {
		keep = total
	}
	if len(lines) > keep {
		lines = lines[:keep]
	}
	for _, l := range rest[:keep-len(lines)] {
		lines = append(lines, l.style(l.text))
	}
	if total > keep {
		lines = append(lines, st.dim.Render(fmt.Sprintf("  … %d more lines", total-keep)))
	}
	return lines
}

func (p *previewScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case editorReadyMsg:
		return p.runEditor(msg)
	case editorClosedMsg:
		return readEditedCmd(msg)
	case bodyEditedMsg:
		return p.applyEdit(msg)
	case envChosenMsg:
		p.refresh()
		return nil
	case tea.KeyMsg:
		return p.key(msg)
	}
	return nil
}

func (p *previewScreen) key(msg tea.KeyMsg) tea.Cmd {
	k, s := p.s.keys, p.s
	switch {
	case key.Matches(msg, k.Back):
		return pop()
	case key.Matches(msg, k.Send):
		return send()
	case key.Matches(msg, k.CopyBody):
		if p.bodyErr != nil {
			s.say(statusErr, "nothing to copy: the body has errors")
			return nil
		}
		s.say(statusInfo, "copying the body…")
		return copyCmd("the body", "it is on screen", p.body, s.copy)
	case key.Matches(msg, k.CopyCurl):
		if p.bodyErr != nil {
			s.say(statusErr, "nothing to copy: the body has errors")
			return nil
		}
		return curlScreen(s, s.request())
	case key.Matches(msg, k.Edit):
		text := p.pendingEdit
		if text == "" {
			text = p.body
			if p.bodyErr != nil {
				text = "{}" // amounts that do not parse cannot be marshalled; edit the rest
			}
		}
		return writeEditFileCmd(text)
	case key.Matches(msg, k.Save) && s.o.Presets != nil:
		return openDialog(newSaveDialog(s))
	case key.Matches(msg, k.Top):
		p.vp.GotoTop()
		return nil
	case key.Matches(msg, k.Bottom):
		p.vp.GotoBottom()
		return nil
	}
	var cmd tea.Cmd
	p.vp, cmd = p.vp.Update(msg)
	return cmd
}

func (p *previewScreen) view() string {
	var b strings.Builder
	b.WriteString(strings.Join(p.problems, "\n"))
	b.WriteString("\n\n")
	b.WriteString(p.vp.View())
	if !p.vp.AtTop() || !p.vp.AtBottom() {
		b.WriteString("\n" + p.s.st.dim.Render(fmt.Sprintf("%3.f%% · ↑/↓ scroll · g/G top/bottom", p.vp.ScrollPercent()*100)))
	}
	return b.String()
}

func (p *previewScreen) keyMap() keyMap {
	k := p.s.keys
	short := []key.Binding{k.Send, k.CopyBody, k.CopyCurl, k.Edit}
	if p.s.o.Presets != nil {
		short = append(short, k.Save)
	}
	short = append(short, k.Back)
	km := p.vp.KeyMap
	return helpOf(short, []key.Binding{km.Up, km.Down, km.PageUp, km.PageDown, km.HalfPageUp, km.HalfPageDown, k.Top, k.Bottom})
}

// fitJSON breaks the lines of indented JSON wider than width, so that no
// value is cut: a value that fits a line of its own goes under its key,
// indented, whole (an address is selected in one piece); a longer one goes
// on over lines. styled is plain highlighted; each piece keeps its colour.
func fitJSON(styled, plain string, width int) string {
	if !anyWider(plain, width) {
		return styled
	}
	sl, pl := strings.Split(styled, "\n"), strings.Split(plain, "\n")
	if len(sl) != len(pl) {
		return styled
	}
	out := make([]string, 0, len(sl))
	for i, p := range pl {
		if len(p) <= width { // no wider than its bytes: most lines, at once
			out = append(out, sl[i])
			continue
		}
		n := ansi.StringWidth(p)
		if n <= width {
			out = append(out, sl[i])
			continue
		}
		indent := len(p) - len(strings.TrimLeft(p, " "))
		more := strings.Repeat(" ", indent+2)
		room := max(width-indent-2, 10)
		at := 0 // where the rest starts, in cells
		if k := strings.Index(p, `": `); strings.HasPrefix(p[indent:], `"`) && k > 0 {
			out = append(out, ansi.Cut(sl[i], 0, ansi.StringWidth(p[:k+2])))
			at = ansi.StringWidth(p[:k+3])
		} else {
			out = append(out, ansi.Cut(sl[i], 0, width))
			at = width
		}
		for ; at < n; at += room {
			out = append(out, more+ansi.Cut(sl[i], at, min(at+room, n)))
		}
	}
	return strings.Join(out, "\n")
}

// anyWider reports whether a line of s is wider than width.
func anyWider(s string, width int) bool {
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		if len(line) > width && ansi.StringWidth(line) > width {
			return true
		}
		s = rest
	}
	return false
}

// paint is a style rendered once: what goes before and after a token.
type paint struct{ before, after string }

func paintOf(style lipgloss.Style) paint {
	before, after, _ := strings.Cut(style.Render("x"), "x") // SGR sequences hold no x
	return paint{before, after}
}

func (p paint) write(b *strings.Builder, tok string) {
	b.WriteString(p.before)
	b.WriteString(tok)
	b.WriteString(p.after)
}

// highlightJSON colours indented JSON: keys, strings, numbers, literals.
// Each style is rendered once and wrapped around every token of its kind:
// a body of 1,000 destinations has some 10,000 tokens.
func highlightJSON(s string, st styles) string {
	key, str, num, lit, punct := paintOf(st.jsonKey), paintOf(st.jsonString), paintOf(st.jsonNumber), paintOf(st.jsonLiteral), paintOf(st.jsonPunct)
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(s))
			tok := s[i:j]
			k := j
			for k < len(s) && s[k] == ' ' {
				k++
			}
			if k < len(s) && s[k] == ':' {
				key.write(&b, tok)
			} else {
				str.write(&b, tok)
			}
			i = j
		case c == '-' || (c >= '0' && c <= '9'):
			j := i
			for j < len(s) && strings.IndexByte("-+.eE0123456789", s[j]) >= 0 {
				j++
			}
			num.write(&b, s[i:j])
			i = j
		case c == 't' || c == 'f' || c == 'n':
			j := i
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			lit.write(&b, s[i:j])
			i = j
		case strings.IndexByte("{}[],:", c) >= 0:
			punct.write(&b, s[i:i+1])
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}
