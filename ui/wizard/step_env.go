package wizard

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// envStep picks the environment (ctrl+e, on any screen but the fetch).
type envStep struct {
	envs   []mesh.Environment
	cursor int
}

func (m *Model) openEnvPicker() {
	envs := append([]mesh.Environment(nil), mesh.Environments...)
	if m.o.BaseURL != "" {
		envs = append(envs, mesh.EnvCustom)
	}
	m.envPick = envStep{envs: envs}
	for i, e := range envs {
		if e == m.env {
			m.envPick.cursor = i
		}
	}
	m.goTo(stepEnv)
}

func (m *Model) envSummary(e mesh.Environment) string {
	switch e {
	case mesh.EnvDemo:
		return "a demo server inside meshlink: no keys, tokens are not real"
	case mesh.EnvSandbox:
		return "Mesh's sandbox: sandbox keys, test accounts, no real money"
	case mesh.EnvProduction:
		return "Mesh's production: real users and real money; you confirm before sending"
	case mesh.EnvCustom:
		return m.o.BaseURL
	}
	return ""
}

func (m *Model) updateEnvPicker(msg tea.KeyMsg) tea.Cmd {
	p := &m.envPick
	switch {
	case key.Matches(msg, m.keys.Back):
		return m.back()
	case key.Matches(msg, m.keys.Up), msg.String() == "k":
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, m.keys.Down), msg.String() == "j":
		p.cursor = min(p.cursor+1, len(p.envs)-1)
	case key.Matches(msg, m.keys.Enter):
		return m.chooseEnv(p.envs[p.cursor])
	}
	return nil
}

func (m *Model) chooseEnv(e mesh.Environment) tea.Cmd {
	if e == m.env {
		return m.back()
	}
	if e != mesh.EnvDemo && !m.creds.Complete() {
		m.credsForm = newCredentialsStep(m.st, e, afterEnvSwitch)
		m.credsForm.setWidth(m.width)
		return m.goTo(stepCredentials)
	}
	m.setEnv(e)
	return m.back()
}

func (m *Model) setEnv(e mesh.Environment) {
	m.env = e
	m.prodConfirmed = false
	switch e {
	case mesh.EnvProduction:
		m.setStatus(statusWarn, "now on PRODUCTION: tokens are real; sending asks you to type production first")
	case mesh.EnvDemo:
		m.setStatus(statusInfo, "now on the demo server: tokens are not real")
	default:
		m.setStatus(statusInfo, "now on "+string(e))
	}
	if m.step == stepPreview {
		m.preview.refresh(m)
	}
}

func (p *envStep) view(m *Model) string {
	st := m.st
	lines := []string{st.bold.Render("Where should the token come from?"), ""}
	for i, e := range p.envs {
		name := string(e)
		if e == m.env {
			name += " (current)"
		}
		if i == p.cursor {
			lines = append(lines, st.accent.Render("› ")+st.selected.Render(name))
		} else {
			lines = append(lines, "  "+name)
		}
		lines = append(lines, "    "+st.dim.Render(m.envSummary(e)))
	}
	lines = append(lines, "")
	if m.creds.Complete() {
		lines = append(lines, st.dim.Render("Mesh keys are set for this run."))
	} else {
		lines = append(lines, st.dim.Render("No Mesh keys yet: sandbox and production ask for them (for this run only)."))
	}
	return strings.Join(lines, "\n")
}

// --- credentials ------------------------------------------------------------

// afterCreds says what entering keys was for.
type afterCreds int

const (
	afterEnvSwitch    afterCreds = iota // then switch to the chosen environment
	afterSend                           // then send
	afterUnauthorized                   // then back to the preview
)

// credentialsStep asks for MESH_CLIENT_ID and MESH_CLIENT_SECRET in masked
// fields. They live in the model for this run only: never saved, never drawn.
type credentialsStep struct {
	form *form
	env  mesh.Environment
	then afterCreds
}

func newCredentialsStep(st styles, env mesh.Environment, then afterCreds) credentialsStep {
	c := credentialsStep{env: env, then: then}
	none := func() string { return "" }
	keep := func(string) {} // the values stay in the inputs until submitted
	id := textFieldOf("MESH_CLIENT_ID", "", "your client id", none, keep)
	secret := textFieldOf("MESH_CLIENT_SECRET", "", "your API secret", none, keep)
	for _, f := range []*formField{id, secret} {
		f.input.EchoMode = textinput.EchoPassword
		f.input.EchoCharacter = '•'
	}
	c.form = newForm(id, secret)
	return c
}

func (c *credentialsStep) setWidth(w int) {
	if c.form != nil {
		c.form.setWidth(w)
	}
}

func (m *Model) updateCredentials(msg tea.KeyMsg) tea.Cmd {
	c := &m.credsForm
	if key.Matches(msg, m.keys.Back) {
		return m.back()
	}
	cmd, submit := c.form.update(msg, m.keys)
	id := strings.TrimSpace(c.form.fields[0].input.Value())
	secret := strings.TrimSpace(c.form.fields[1].input.Value())
	if !submit {
		return cmd
	}
	if id == "" || secret == "" {
		c.form.focus = 0
		if id != "" {
			c.form.focus = 1
		}
		c.form.refocus()
		m.setStatus(statusErr, "both the client id and the secret are needed (esc to cancel)")
		return cmd
	}
	m.creds = mesh.Credentials{ClientID: id, ClientSecret: secret}
	c.form = nil // the typed values go with it
	switch c.then {
	case afterEnvSwitch:
		// history ends …, X, env picker: go back to X
		if n := len(m.history); n > 0 && m.history[n-1] == stepEnv {
			m.history = m.history[:n-1]
		}
		m.setEnv(c.env)
		return m.back()
	case afterSend:
		m.returnTo(stepPreview)
		return m.send()
	}
	m.returnTo(stepPreview)
	m.setStatus(statusInfo, "keys set for this run: enter sends again")
	return nil
}

func (c *credentialsStep) view(m *Model, h int) string {
	st := m.st
	if c.form == nil {
		return ""
	}
	intro := "Mesh keys for " + string(c.env) + ". They are used for this run only: never saved, never shown. " +
		"Set MESH_CLIENT_ID and MESH_CLIENT_SECRET to skip this next time."
	return st.bold.Render("Credentials") + "\n" + st.dim.Render(ansi.Wordwrap(intro, max(m.width-2, 20), "")) + "\n\n" +
		c.form.view(st, nil, m.width, h-5)
}

// --- production confirmation -----------------------------------------------

// confirmStep asks the user to type "production" before the first send there.
type confirmStep struct{ input textinput.Model }

func newConfirmStep(st styles) confirmStep {
	in := textinput.New()
	in.Prompt = "Type production to send: "
	in.PromptStyle = st.warn
	in.CharLimit = 20
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Focus()
	return confirmStep{input: in}
}

func (m *Model) updateConfirm(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		return m.back()
	case key.Matches(msg, m.keys.Enter):
		if strings.TrimSpace(m.confirm.input.Value()) != string(mesh.EnvProduction) {
			m.setStatus(statusErr, "type the whole word production to send there, or esc to go back")
			return nil
		}
		m.prodConfirmed = true
		return m.startFetch()
	}
	var cmd tea.Cmd
	m.confirm.input, cmd = m.confirm.input.Update(msg)
	return cmd
}

func (c *confirmStep) view(m *Model) string {
	st := m.st
	text := "This request goes to Mesh's production API (" + mesh.ProductionBaseURL + ") and makes a real link token for real users."
	return st.prod.Render(" PRODUCTION ") + "\n\n" + ansi.Wordwrap(text, max(m.width-2, 20), "") + "\n\n" + c.input.View()
}
