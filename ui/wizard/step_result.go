package wizard

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/uuid"
	"github.com/meshlink/meshlink/mesh"
)

func (m *Model) updateResult(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	t := m.result.token
	switch {
	case key.Matches(msg, k.Back):
		m.result.tickID++ // the countdown stops with the screen
		return m.returnTo(stepPreview)
	case key.Matches(msg, k.CopyToken):
		m.setStatus(statusInfo, "copying the token…")
		return copyCmd("the token", t.Token, m.copy)
	case key.Matches(msg, k.CopyPayLink):
		if t.PaymentLink == "" {
			m.setStatus(statusWarn, "this token has no pay link (turn on \"Generate a pay link\" in the details)")
			return nil
		}
		m.setStatus(statusInfo, "copying the pay link…")
		return copyCmd("the pay link", t.PaymentLink, m.copy)
	case key.Matches(msg, k.Fresh):
		if m.setup.GeneratedTxID && applies(m.setup.UseCase, fieldTransactionID) {
			m.setup.TransactionID = uuid.NewString()
		}
		m.result.tickID++
		return m.send() // the same gates as the preview: keys, and production's typed confirmation
	case key.Matches(msg, k.StartOver):
		return m.startOver()
	case key.Matches(msg, k.QuitQ):
		m.result.tickID++
		return tea.Quit
	case key.Matches(msg, k.Save) && m.o.Presets != nil:
		return m.openSavePreset()
	}
	return nil
}

// startOver goes back to the first screen with a fresh setup; environment,
// keys and catalog stay.
func (m *Model) startOver() tea.Cmd {
	m.result.tickID++
	m.setup = newSetup(m.setup.UseCase)
	m.details, m.dests, m.verify = nil, nil, nil
	m.history = nil
	m.step = stepUseCase
	m.clearStatus()
	return m.enter()
}

func (r *resultStep) view(m *Model, h int) string {
	st := m.st
	t := r.token
	if t == nil {
		return ""
	}
	w := max(m.width-2, 20)
	var lines []string
	left := t.ExpiresAt.Sub(r.now)
	var valid string
	if left > 0 {
		secs := int(left.Seconds() + 0.999)
		valid = fmt.Sprintf("valid for %d:%02d more (until %s) · single use: it works once", secs/60, secs%60, t.ExpiresAt.Format("15:04:05"))
	} else {
		valid = "expired: press f for a fresh one"
	}
	from := string(r.env)
	if r.env == mesh.EnvDemo {
		from = "the demo server"
	}
	lines = append(lines, st.ok.Render("✓ link token from "+from), st.bold.Render(valid))
	if r.env == mesh.EnvDemo {
		lines = append(lines, st.demo.Render(" DEMO ")+" not a real Mesh token: it opens a page that says so")
	}
	// Values start at the margin, unindented, so selecting a wrapped token
	// by hand picks up no padding.
	section := func(title, value string) {
		lines = append(lines, "", st.bold.Render(title))
		lines = append(lines, strings.Split(ansi.Hardwrap(value, m.width, false), "\n")...)
	}
	section("Token", t.Token)
	if t.Suspicious != "" {
		lines = append(lines, "")
		for _, l := range strings.Split(ansi.Wordwrap("! "+t.Suspicious, w, ""), "\n") {
			lines = append(lines, st.warn.Render(l))
		}
	}
	if t.LinkURL != "" {
		section("Link URL (what the token opens)", t.LinkURL)
	}
	if t.PaymentLink != "" {
		section("Pay link", t.PaymentLink)
	}
	return strings.Join(window(lines, 0, 0, h), "\n")
}

// --- errors -----------------------------------------------------------------

// errorStep explains a failed request and offers the way back.
type errorStep struct {
	err          error
	unauthorized bool
}

func newErrorStep(err error) errorStep {
	e := errorStep{err: err}
	var apiErr *mesh.APIError
	if errors.As(err, &apiErr) && apiErr.Unauthorized() {
		e.unauthorized = true
	}
	return e
}

func (e *errorStep) view(m *Model) string {
	st := m.st
	w := max(m.width-2, 20)
	var b strings.Builder
	b.WriteString(st.err.Render("✗ no token") + "\n\n")
	for _, part := range strings.Split(e.err.Error(), "\n") {
		b.WriteString(ansi.Wordwrap(mesh.CleanText(part), w, "") + "\n")
	}
	b.WriteString("\n")
	if e.unauthorized {
		b.WriteString(st.bold.Render("enter") + " type other keys for this run (never saved) · " + st.bold.Render("esc") + " back to the preview\n")
	} else {
		b.WriteString(st.bold.Render("enter") + " or " + st.bold.Render("esc") + " back to the preview: nothing you entered is lost\n")
	}
	return b.String()
}

func (m *Model) updateError(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Enter) && m.errScreen.unauthorized:
		m.credsForm = newCredentialsStep(m.st, m.env, afterUnauthorized)
		m.credsForm.setWidth(m.width)
		return m.goTo(stepCredentials)
	case key.Matches(msg, m.keys.Enter), key.Matches(msg, m.keys.Back):
		return m.returnTo(stepPreview)
	}
	return nil
}
