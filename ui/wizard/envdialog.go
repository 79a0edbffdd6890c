package wizard

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// envDialog picks the environment (ctrl+e, over any screen but the fetch).
type envDialog struct {
	s     *session
	envs  []mesh.Environment
	list  *picker
	width int
}

func newEnvDialog(s *session) screen {
	envs := append([]mesh.Environment(nil), mesh.Environments...)
	if s.o.BaseURL != "" {
		envs = append(envs, mesh.EnvCustom)
	}
	names := make([]string, len(envs))
	for i, e := range envs {
		names[i] = string(e)
	}
	d := &envDialog{s: s, envs: envs, list: newPicker(names)}
	for i, e := range envs {
		if e == s.env {
			d.list.selectItem(i)
		}
	}
	return d
}

func (d *envDialog) title() string    { return "Environment" }
func (d *envDialog) show() tea.Cmd    { return nil }
func (d *envDialog) setSize(w, h int) { d.width, d.list.rows = w, h }

func (d *envDialog) update(msg tea.Msg) tea.Cmd {
	return d.list.dialogKey(msg, d.s.keys, func(i int) tea.Cmd { return d.choose(d.envs[i]) })
}

// choose switches to e; an environment without keys for this run asks for
// them first (production never borrows sandbox's).
func (d *envDialog) choose(e mesh.Environment) tea.Cmd {
	switch {
	case e == d.s.env:
		return closeDialog()
	case d.s.needsKeys(e):
		return openDialog(newCredentialsDialog(d.s, e, envChosenMsg{e}))
	}
	return msgCmd(envChosenMsg{e})
}

func (d *envDialog) summary(e mesh.Environment) string {
	switch e {
	case mesh.EnvDemo:
		return "a demo server inside meshlink: no keys, tokens are not real"
	case mesh.EnvSandbox:
		return "Mesh's sandbox: sandbox keys, test accounts, no real money"
	case mesh.EnvProduction:
		return "Mesh's production: production keys, real users and real money"
	case mesh.EnvCustom:
		return d.s.o.BaseURL
	}
	return ""
}

func (d *envDialog) view() string {
	st := d.s.st
	footer := "Sandbox and production ask for their keys (for this run only)."
	if d.s.creds[d.s.env].Complete() {
		footer = "Mesh keys are set for this run."
	}
	// wrapped here, so the list leaves room for all of it
	footer = wordwrap(footer, max(d.width, 12))
	lines := []string{st.bold.Render("Where should the token come from?"), ""}
	lines = append(lines, d.list.view(d.list.rows-3-strings.Count(footer, "\n")-1, func(i int, cur bool) []string {
		e := d.envs[i]
		name := string(e)
		if e == d.s.env {
			name += " (current)"
		}
		line := "  " + name
		if cur {
			line = st.accent.Render("› ") + st.selected.Render(name)
		}
		lines := []string{line}
		for _, l := range strings.Split(wordwrap(d.summary(e), max(d.width-4, 12)), "\n") {
			lines = append(lines, "    "+st.dim.Render(l))
		}
		return lines
	})...)
	lines = append(lines, "")
	for _, l := range strings.Split(footer, "\n") {
		lines = append(lines, st.dim.Render(l))
	}
	return strings.Join(lines, "\n")
}

func (d *envDialog) keyMap() keyMap {
	k := d.s.keys
	return helpOf([]key.Binding{k.ListUp, k.ListDown, k.Enter, k.Cancel}, d.list.bindings(k))
}
