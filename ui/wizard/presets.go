package wizard

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
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

// presetSavedMsg: a save finished; exists means it asks to overwrite.
type presetSavedMsg struct {
	name   string
	err    error
	exists bool
}

// presetsStep is the filterable preset picker.
type presetsStep struct {
	filter  textinput.Model
	list    []presets.Summary
	names   [][]string // network names of each preset, from the catalog
	visible []int
	cursor  int
	loaded  bool
}

func (m *Model) openPresets() tea.Cmd {
	in := textinput.New()
	in.Prompt = "Filter: "
	in.Placeholder = "name, use case or network"
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Focus()
	m.presets = presetsStep{filter: in}
	store := m.o.Presets
	return tea.Batch(m.goTo(stepPresets), func() tea.Msg {
		l, errs := store.List()
		return presetsListedMsg{l, errors.Join(errs...)}
	})
}

func (m *Model) onPresetsListed(msg presetsListedMsg) tea.Cmd {
	if msg.err != nil {
		m.setStatus(statusErr, "cannot list presets: "+msg.err.Error())
	}
	m.presets.list, m.presets.loaded = msg.list, true
	m.presets.names = make([][]string, len(msg.list))
	for i, pr := range msg.list {
		for _, id := range pr.NetworkIDs {
			name := id
			if n, ok := m.catalog.Network(id); ok {
				name = n.Name
			}
			m.presets.names[i] = append(m.presets.names[i], name)
		}
	}
	m.presets.applyFilter()
	return nil
}

func (p *presetsStep) applyFilter() {
	words := strings.Fields(strings.ToLower(p.filter.Value()))
	p.visible = p.visible[:0]
	for i, pr := range p.list {
		if matches(strings.ToLower(pr.Name+" "+pr.Description+" "+string(pr.UseCase)+" "+strings.Join(p.names[i], " ")), words) {
			p.visible = append(p.visible, i)
		}
	}
	p.cursor = min(p.cursor, max(len(p.visible)-1, 0))
}

func (m *Model) updatePresets(msg tea.KeyMsg) tea.Cmd {
	p := &m.presets
	switch {
	case key.Matches(msg, m.keys.Back):
		return m.back()
	case key.Matches(msg, m.keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, m.keys.Down):
		p.cursor = min(p.cursor+1, max(len(p.visible)-1, 0))
	case key.Matches(msg, m.keys.Enter):
		if len(p.visible) == 0 {
			return nil
		}
		name := p.list[p.visible[p.cursor]].Name
		store := m.o.Presets
		return func() tea.Msg {
			pr, err := store.Load(name)
			return presetLoadedMsg{pr, err}
		}
	default:
		before := p.filter.Value()
		var cmd tea.Cmd
		p.filter, cmd = p.filter.Update(msg)
		if p.filter.Value() != before {
			p.applyFilter()
		}
		return cmd
	}
	return nil
}

// onPresetLoaded fills every step from the preset and shows its preview;
// esc walks back through the steps, all filled in.
func (m *Model) onPresetLoaded(msg presetLoadedMsg) tea.Cmd {
	if msg.err != nil {
		m.setStatus(statusErr, "cannot load the preset: "+msg.err.Error())
		return nil
	}
	m.setup = setupFromPreset(msg.preset)
	m.details, m.dests, m.verify = nil, nil, nil
	m.setStatus(statusInfo, "preset "+msg.preset.Name+" loaded")
	switch e := msg.preset.Environment; {
	case e == mesh.EnvProduction && m.env != mesh.EnvProduction:
		m.setStatus(statusWarn, "preset "+msg.preset.Name+" was saved for production; it stays on "+string(m.env)+" until you switch (ctrl+e)")
	case e == mesh.EnvSandbox && m.env == mesh.EnvDemo && m.creds.Complete():
		m.setEnv(e)
	}
	f := flow(m.setup.UseCase)
	m.history = f[:len(f)-1]
	m.step = stepPreview
	return m.enter()
}

// setupFromPreset is the setup a preset gives for this run, with fresh
// values generated where the preset asks for them.
func setupFromPreset(p *presets.Preset) setup {
	s := setupFromRequest(p.Body(nil))
	s.UseCase = p.UseCase
	s.GeneratedTxID = p.IsFresh(presets.FreshTransactionID)
	return s
}

func (m *Model) presetsView(h int) string {
	st := m.st
	p := &m.presets
	lines := []string{st.dim.Render("Start from a saved setup; enter loads it and shows the preview."), p.filter.View(), ""}
	if !p.loaded {
		return strings.Join(append(lines, st.dim.Render("reading presets…")), "\n")
	}
	if len(p.visible) == 0 {
		return strings.Join(append(lines, st.dim.Render("no preset matches")), "\n")
	}
	top := 0
	for r, i := range p.visible {
		pr := p.list[i]
		used := "never used"
		if !pr.LastUsed.IsZero() {
			used = "used " + age(m.o.Now().Sub(pr.LastUsed)) + " ago"
		}
		row := fmt.Sprintf("%s  %s · %s · %s", pad(pr.Name, 18), pr.UseCase, strings.Join(p.names[i], ", "), used)
		if r == p.cursor {
			top = len(lines)
			lines = append(lines, st.accent.Render("› ")+st.selected.Render(row))
		} else {
			lines = append(lines, "  "+row)
		}
	}
	return strings.Join(window(lines, top, top, h), "\n")
}

// --- save -------------------------------------------------------------------

// savePresetStep asks for a name and a description, and before overwriting.
type savePresetStep struct {
	form              *form
	name, description string
	confirmOverwrite  bool
}

func (m *Model) openSavePreset() tea.Cmd {
	s := &m.save
	*s = savePresetStep{}
	name := textFieldOf("Name", "", "e.g. qa-payment", func() string { return s.name }, func(v string) { s.name = v })
	desc := textFieldOf("Description", "", "optional", func() string { return s.description }, func(v string) { s.description = v })
	s.form = newForm(name, desc)
	s.form.setWidth(m.width)
	return m.goTo(stepSavePreset)
}

func (m *Model) currentPreset(name, description string) *presets.Preset {
	var fresh []presets.Field
	if m.setup.GeneratedTxID {
		fresh = append(fresh, presets.FreshTransactionID)
	}
	p := presets.FromRequest(name, m.setup.UseCase, m.env, buildRequest(m.setup), fresh...)
	p.Description = description
	return p
}

func (m *Model) savePresetCmd(overwrite bool) tea.Cmd {
	p := m.currentPreset(strings.TrimSpace(m.save.name), strings.TrimSpace(m.save.description))
	store := m.o.Presets
	return func() tea.Msg {
		err := store.Save(p, overwrite)
		return presetSavedMsg{name: p.Name, err: err, exists: errors.Is(err, presets.ErrExists)}
	}
}

func (m *Model) updateSavePreset(msg tea.KeyMsg) tea.Cmd {
	s := &m.save
	if key.Matches(msg, m.keys.Back) {
		return m.back()
	}
	if s.confirmOverwrite {
		switch msg.String() {
		case "y", "Y":
			s.confirmOverwrite = false
			return m.savePresetCmd(true)
		case "n", "N":
			s.confirmOverwrite = false
			m.setStatus(statusInfo, "not overwritten: choose another name")
		}
		return nil
	}
	cmd, submit := s.form.update(msg, m.keys)
	if !submit {
		return cmd
	}
	if strings.TrimSpace(s.name) == "" {
		m.setStatus(statusErr, "give the preset a name")
		return cmd
	}
	m.setStatus(statusInfo, "saving…")
	return m.savePresetCmd(false)
}

func (m *Model) onPresetSaved(msg presetSavedMsg) tea.Cmd {
	if msg.exists {
		m.save.confirmOverwrite = true
		m.setStatus(statusWarn, "a preset named "+msg.name+" exists: overwrite it? y/n")
		return nil
	}
	if msg.err != nil {
		m.setStatus(statusErr, "not saved: "+msg.err.Error())
		return nil
	}
	cmd := m.back()
	m.setStatus(statusOK, "saved preset "+msg.name+" (no keys are ever saved)")
	return cmd
}

func (s *savePresetStep) view(m *Model, h int) string {
	if s.form == nil {
		return ""
	}
	return m.st.bold.Render("Save this setup as a preset") + "\n" +
		m.st.dim.Render("Use case, environment, fields, networks and destinations; never the keys.") + "\n\n" +
		s.form.view(m.st, nil, m.width, h-3)
}
