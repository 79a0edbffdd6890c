package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// previewStep shows the exact body that will be sent, with every problem
// mesh.Validate finds listed above it.
type previewStep struct {
	vp      viewport.Model
	body    string // the exact JSON, uncoloured
	bodyErr error
	// problems is the rendered list above the body, made in Update.
	problems []string
	// pendingEdit is the text of an edit that did not parse: the next edit
	// starts from it, so nothing typed in the editor is lost.
	pendingEdit string
}

func previewKeyMap() viewport.KeyMap {
	km := viewport.DefaultKeyMap()
	km.Up = key.NewBinding(key.WithKeys("up", "k"))
	km.Down = key.NewBinding(key.WithKeys("down", "j"))
	km.PageUp = key.NewBinding(key.WithKeys("pgup", "b"))
	km.PageDown = key.NewBinding(key.WithKeys("pgdown", " "))
	km.HalfPageUp = key.NewBinding(key.WithKeys("ctrl+u"))
	km.HalfPageDown = key.NewBinding(key.WithKeys("ctrl+d"))
	km.Left = key.NewBinding(key.WithDisabled())
	km.Right = key.NewBinding(key.WithDisabled())
	return km
}

// refresh re-derives the body and the problem list from the setup.
func (p *previewStep) refresh(m *Model) {
	req := buildRequest(m.setup)
	p.body, p.bodyErr = body(req)
	m.problems = mesh.Validate(req, m.catalog)
	p.resize(m)
	if p.bodyErr != nil {
		p.vp.SetContent(m.st.err.Render("the body cannot be shown until the errors above are fixed"))
	} else {
		p.vp.SetContent(highlightJSON(p.body, m.st))
	}
}

// resize fits the viewport under the problem list.
func (p *previewStep) resize(m *Model) {
	if p.vp.Width == 0 && p.vp.Height == 0 {
		p.vp = viewport.New(0, 0)
		p.vp.KeyMap = previewKeyMap()
	}
	h := m.bodyHeight()
	p.problems = problemLines(m, max(h/2-1, 2))
	p.vp.Width = m.width
	p.vp.Height = max(h-len(p.problems)-2, 3)
}

// problemLines lists errors and warnings, at most limit lines.
func problemLines(m *Model, limit int) []string {
	st := m.st
	errs, warns := m.problems.Errors(), m.problems.Warnings()
	var lines []string
	if len(errs) == 0 {
		lines = append(lines, st.ok.Render(fmt.Sprintf("✓ ready to send: exactly this body goes to POST %s", mesh.PathLinkToken)))
	} else {
		lines = append(lines, st.err.Render(fmt.Sprintf("✗ %s to fix before sending (esc to go back, e to edit):", plural(len(errs), "error"))))
	}
	add := func(mark string, style func(...string) string, p mesh.Problem) {
		for i, l := range strings.Split(ansi.Wordwrap(p.String(), max(m.width-4, 20), ""), "\n") {
			if i > 0 {
				mark = "    "
			}
			lines = append(lines, style(mark+l))
		}
	}
	for _, p := range errs {
		add("  ✗ ", st.err.Render, p)
	}
	for _, p := range warns {
		add("  ! ", st.warn.Render, p)
	}
	if len(lines) > limit {
		more := len(lines) - limit + 1
		lines = append(lines[:limit-1], st.dim.Render(fmt.Sprintf("  … %d more lines", more)))
	}
	return lines
}

func (p *previewStep) view(m *Model, h int) string {
	var b strings.Builder
	b.WriteString(strings.Join(p.problems, "\n"))
	b.WriteString("\n\n")
	b.WriteString(p.vp.View())
	if !p.vp.AtTop() || !p.vp.AtBottom() {
		b.WriteString("\n" + m.st.dim.Render(fmt.Sprintf("%3.f%% · ↑/↓ scroll", p.vp.ScrollPercent()*100)))
	}
	return b.String()
}

func (m *Model) updatePreview(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return m.back()
	case key.Matches(msg, k.Send):
		return m.send()
	case key.Matches(msg, k.CopyBody):
		if m.preview.bodyErr != nil {
			m.setStatus(statusErr, "nothing to copy: the body has errors")
			return nil
		}
		m.setStatus(statusInfo, "copying the body…")
		return copyCmd("the body", m.preview.body, m.copy)
	case key.Matches(msg, k.CopyCurl):
		if m.preview.bodyErr != nil {
			m.setStatus(statusErr, "nothing to copy: the body has errors")
			return nil
		}
		m.setStatus(statusInfo, "copying the curl command…")
		return copyCurlCmd(m.env, m.o.BaseURL, m.o.Connect, m.creds, buildRequest(m.setup), m.copy)
	case key.Matches(msg, k.Edit):
		return m.editBody()
	case key.Matches(msg, k.Save) && m.o.Presets != nil:
		return m.openSavePreset()
	}
	var cmd tea.Cmd
	m.preview.vp, cmd = m.preview.vp.Update(msg)
	return cmd
}

// send starts the request when the body is valid, after asking for keys
// and, in production, for the typed confirmation.
func (m *Model) send() tea.Cmd {
	m.revalidate()
	if errs := m.problems.Errors(); len(errs) > 0 {
		m.setStatus(statusErr, fmt.Sprintf("not sent: %s listed above; esc goes back to fix them", plural(len(errs), "error")))
		return nil
	}
	if m.env != mesh.EnvDemo && !m.creds.Complete() {
		m.credsForm = newCredentialsStep(m.st, m.env, afterSend)
		m.credsForm.setWidth(m.width)
		return m.goTo(stepCredentials)
	}
	if m.env == mesh.EnvProduction && !m.prodConfirmed {
		m.confirm = newConfirmStep(m.st)
		return m.goTo(stepConfirmProd)
	}
	return m.startFetch()
}

// highlightJSON colours indented JSON: keys, strings, numbers, literals.
func highlightJSON(s string, st styles) string {
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
				b.WriteString(st.jsonKey.Render(tok))
			} else {
				b.WriteString(st.jsonString.Render(tok))
			}
			i = j
		case c == '-' || (c >= '0' && c <= '9'):
			j := i
			for j < len(s) && strings.IndexByte("-+.eE0123456789", s[j]) >= 0 {
				j++
			}
			b.WriteString(st.jsonNumber.Render(s[i:j]))
			i = j
		case c == 't' || c == 'f' || c == 'n':
			j := i
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			b.WriteString(st.jsonLiteral.Render(s[i:j]))
			i = j
		case strings.IndexByte("{}[],:", c) >= 0:
			b.WriteString(st.jsonPunct.Render(string(c)))
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}
