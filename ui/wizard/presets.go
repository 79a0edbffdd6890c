package wizard

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
)

// presetsListedMsg: the preset list was read.
type presetsListedMsg struct {
	list []presets.Summary
	err  error
}

// presetLoadedMsg: a preset was read.
type presetLoadedMsg struct {
	preset *presets.Preset
	err    error
}

// presetsScreen is the filterable preset picker.
type presetsScreen struct {
	s         *session
	list      *picker
	rows      []string // one line per preset, made when the list or the catalog arrives
	descs     []string // each preset's description, cleaned
	names     []string
	summaries []presets.Summary
	loaded    bool
	width     int
	height    int
}

func newPresetsScreen(s *session) screen {
	return &presetsScreen{s: s, list: newPicker(nil).withFilter(s.st, "name, use case or network")}
}

func (p *presetsScreen) title() string    { return "Presets" }
func (p *presetsScreen) typing() bool     { return false } // no preset name holds a "?"
func (p *presetsScreen) setSize(w, h int) { p.width, p.height = w, h; p.list.rows = h - 3 }

func (p *presetsScreen) show() tea.Cmd {
	if p.loaded {
		return nil
	}
	store := p.s.o.Presets
	return func() tea.Msg {
		l, errs := store.List()
		return presetsListedMsg{l, errors.Join(errs...)}
	}
}

func (p *presetsScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case presetsListedMsg:
		p.listed(msg)
	case presetLoadedMsg:
		return p.onLoaded(msg)
	case tea.KeyMsg:
		k := p.s.keys
		switch {
		case key.Matches(msg, k.Back):
			return pop()
		case key.Matches(msg, k.Enter):
			i, ok := p.list.current()
			if !ok {
				return nil
			}
			name, store := p.names[i], p.s.o.Presets
			return func() tea.Msg {
				pr, err := store.Load(name)
				return presetLoadedMsg{pr, err}
			}
		}
		cmd, _ := p.list.update(msg, k)
		return cmd
	}
	return nil
}

// listed keeps the presets with every text from their files cleaned: a
// preset is shared by teams, so nothing in it reaches the terminal raw.
func (p *presetsScreen) listed(msg presetsListedMsg) {
	switch {
	case msg.err != nil && len(msg.list) == 0:
		p.s.say(statusErr, "cannot list presets: "+mesh.CleanText(msg.err.Error()))
	case msg.err != nil:
		p.s.say(statusWarn, "some preset files were left out: "+mesh.CleanText(msg.err.Error()))
	}
	p.loaded = true
	p.summaries = msg.list
	p.relabel()
}

// relabel makes the rows again: network names come from the catalog, which
// may arrive after the list.
func (p *presetsScreen) relabel() {
	now := p.s.o.Now()
	keys := make([]string, len(p.summaries))
	p.rows, p.names, p.descs = make([]string, len(p.summaries)), make([]string, len(p.summaries)), make([]string, len(p.summaries))
	for i, pr := range p.summaries {
		var nets []string
		for _, id := range pr.NetworkIDs {
			nets = append(nets, mesh.CleanText(p.s.network(id).Name))
		}
		used := "never used"
		if !pr.LastUsed.IsZero() {
			used = "used " + age(now.Sub(pr.LastUsed)) + " ago"
		}
		name, desc, uc := mesh.CleanText(pr.Name), mesh.CleanText(pr.Description), mesh.CleanText(string(pr.UseCase))
		p.names[i], p.descs[i] = pr.Name, desc
		p.rows[i] = fmt.Sprintf("%s  %s · %s · %s", pad(name, 18), uc, strings.Join(nets, ", "), used)
		keys[i] = name + " " + desc + " " + uc + " " + strings.Join(nets, " ")
	}
	p.list.setItems(keys)
}

// onLoaded fills every screen from the preset and shows its preview; esc
// walks back through the steps, all filled in.
func (p *presetsScreen) onLoaded(msg presetLoadedMsg) tea.Cmd {
	s := p.s
	if msg.err != nil {
		s.say(statusErr, "cannot load the preset: "+mesh.CleanText(msg.err.Error()))
		return nil
	}
	pr := msg.preset
	s.setup = setupFromPreset(pr, s.o.NewID)
	s.preset, s.presetDescription = pr.Name, pr.Description
	s.say(statusInfo, "preset "+mesh.CleanText(pr.Name)+" loaded")
	cmd := p.keepEnvironment(pr)
	s.revalidate()
	return tea.Batch(reset(flowStack(s)...), cmd)
}

// keepEnvironment moves the run to where the preset was saved, as token
// --preset does, and says so: demo always, sandbox when it has keys,
// production never on its own. An environment named on the command line
// stays.
func (p *presetsScreen) keepEnvironment(pr *presets.Preset) tea.Cmd {
	s, e := p.s, pr.Environment
	name := mesh.CleanText(pr.Name)
	switch {
	case e == s.env || e == mesh.EnvCustom || e == "":
		return nil
	case e == mesh.EnvProduction:
		s.say(statusWarn, "preset "+name+" was saved for production; it stays on "+string(s.env)+" until you switch (ctrl+e)")
		return nil
	case s.o.EnvNamed:
		s.say(statusInfo, "preset "+name+" was saved for "+string(e)+"; it stays on "+string(s.env)+", as the command line says (ctrl+e switches)")
		return nil
	case e == mesh.EnvSandbox && s.needsKeys(e):
		s.say(statusInfo, "preset "+name+" was saved for sandbox; ctrl+e and choose sandbox to enter its keys")
		return nil
	}
	s.setEnv(e)
	s.say(statusInfo, "preset "+name+" loaded; now on "+string(e)+", where it was saved (ctrl+e switches)")
	return loadCatalog(s.catalogDir()) // each environment has its own catalog
}

// setupFromPreset is the setup a preset gives for this run: its body as
// the file holds it, with fresh values where the preset asks for them.
func setupFromPreset(p *presets.Preset, newID func() string) setup {
	s := setupFromRequest(p.Body(newID))
	s.UseCase = p.UseCase
	s.FreshTxID = p.IsFresh(presets.FreshTransactionID)
	return s
}

func (p *presetsScreen) view() string {
	st := p.s.st
	var lines []string
	for _, l := range strings.Split(wordwrap("Start from a saved setup; enter loads it and shows the preview.", max(p.width, 20)), "\n") {
		lines = append(lines, st.dim.Render(l))
	}
	lines = append(lines, p.list.filter.View(), "")
	switch {
	case !p.loaded:
		lines = append(lines, st.dim.Render("reading presets…"))
	case len(p.summaries) == 0:
		how := "No presets yet. A preset is a setup saved to send again: s on the preview or the result screen saves one, " +
			"and `meshlink presets save NAME --body FILE` saves a body from a file. esc goes back."
		for _, l := range strings.Split(wordwrap(how, max(p.width, 20)), "\n") {
			lines = append(lines, st.dim.Render(l))
		}
	case len(p.list.visible) == 0:
		lines = append(lines, st.dim.Render("no preset matches"))
	default:
		lines = append(lines, p.list.view(p.height-len(lines), func(i int, cur bool) []string {
			row := []string{"  " + p.rows[i]}
			if cur {
				row[0] = st.accent.Render("› ") + st.selected.Render(p.rows[i])
			}
			if d := p.descs[i]; d != "" {
				row = append(row, "    "+st.dim.Render(ansi.Truncate(d, max(p.width-4, 10), "…")))
			}
			return row
		})...)
	}
	return strings.Join(lines, "\n")
}

func (p *presetsScreen) keyMap() keyMap {
	k := p.s.keys
	return helpOf([]key.Binding{k.Up, k.Down, k.Enter, k.Back}, append(p.list.bindings(k), k.Enter, k.Back))
}
