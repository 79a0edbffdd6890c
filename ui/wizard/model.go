package wizard

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/clip"
)

// step is a screen of the wizard.
type step int

const (
	stepUseCase step = iota
	stepPresets
	stepDetails
	stepNetworks
	stepDestinations
	stepVerify
	stepPreview
	stepFetching
	stepResult
	stepError
	stepEnv         // the environment picker (ctrl+e)
	stepCredentials // MESH_CLIENT_ID / MESH_CLIENT_SECRET for this run
	stepConfirmProd // type "production" before sending there
	stepSavePreset
)

func (s step) String() string {
	return [...]string{"Use case", "Presets", "Details", "Networks", "Destinations", "Verify options",
		"Preview", "Fetching", "Token", "Error", "Environment", "Credentials", "Confirm production", "Save preset"}[s]
}

// flow is the sequence of form steps a use case walks through.
func flow(u mesh.UseCase) []step {
	s := []step{stepUseCase, stepDetails}
	if applies(u, fieldDestinations) {
		s = append(s, stepNetworks, stepDestinations)
	}
	if applies(u, fieldVerify) {
		s = append(s, stepVerify)
	}
	return append(s, stepPreview)
}

// Model is the wizard: one state machine over the steps, each step a small
// model of its own. It does no I/O in Update or View: loading, fetching,
// copying and editing run in tea.Cmds and come back as messages.
type Model struct {
	o    Options
	ctx  context.Context
	st   styles
	keys keys
	help help.Model
	copy func(text string) (clip.Method, error)
	// tickCmd schedules the countdown's next second (tests stub it).
	tickCmd func(id int) tea.Cmd

	width, height int
	step          step
	history       []step

	setup    setup
	problems mesh.Problems

	env   mesh.Environment
	creds mesh.Credentials
	// prodConfirmed is set by the typed confirmation and cleared when the
	// environment changes.
	prodConfirmed bool

	catalog    *mesh.Catalog
	refreshing bool
	refreshID  int

	spinner spinner.Model
	status  string
	statusK statusKind

	useCase   useCaseStep
	presets   presetsStep
	details   *form
	networks  networkStep
	dests     *form
	verify    *form
	preview   previewStep
	fetch     fetchStep
	result    resultStep
	errScreen errorStep
	envPick   envStep
	credsForm credentialsStep
	confirm   confirmStep
	save      savePresetStep

	interrupted bool
}

type statusKind int

const (
	statusInfo statusKind = iota
	statusOK
	statusWarn
	statusErr
)

const (
	defaultWidth  = 80
	defaultHeight = 24
)

func newModel(ctx context.Context, o Options) *Model {
	if ctx == nil {
		ctx = context.Background()
	}
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Env == "" {
		o.Env = mesh.EnvDemo
		if o.Credentials.Complete() {
			o.Env = mesh.EnvSandbox
		}
	}
	noColor := o.NoColor || o.Getenv("NO_COLOR") != ""
	m := &Model{
		o:      o,
		ctx:    ctx,
		st:     newStyles(o.Out, noColor),
		keys:   defaultKeys(),
		help:   help.New(),
		width:  defaultWidth,
		height: defaultHeight,
		env:    o.Env,
		creds:  o.Credentials,
		setup:  newSetup(mesh.UseDeposit),
	}
	m.copy = func(text string) (clip.Method, error) { return clip.Copy(text, o.Out, o.Getenv) }
	m.tickCmd = tick
	m.help.Styles = m.st.help
	m.spinner = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(m.st.accent))
	m.useCase = newUseCaseStep(o.Presets != nil)
	m.networks = newNetworkStep(m.st)
	m.revalidate()
	return m
}

// Init loads the catalog in the background: the first frame never waits.
func (m *Model) Init() tea.Cmd {
	return loadCatalog(m.o.CacheDir)
}

// Update routes a message: global keys first, then the current step.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 20), max(msg.Height, 8)
		m.resize()
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case spinner.TickMsg:
		if m.step != stepFetching && !m.refreshing {
			return m, nil // the chain ends here
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case catalogLoadedMsg:
		return m, m.onCatalogLoaded(msg)
	case catalogRefreshedMsg:
		return m, m.onCatalogRefreshed(msg)
	case tokenFetchedMsg:
		return m, m.onTokenFetched(msg)
	case fetchFailedMsg:
		return m, m.onFetchFailed(msg)
	case tickMsg:
		return m, m.onTick(msg)
	case copiedMsg:
		k := statusOK
		if msg.method != clip.Native {
			k = statusWarn
		}
		m.setStatus(k, clip.Status(msg.what, msg.method, msg.err))
		return m, nil
	case editorDoneMsg:
		return m, m.onEditorDone(msg)
	case presetSavedMsg:
		return m, m.onPresetSaved(msg)
	case presetsListedMsg:
		return m, m.onPresetsListed(msg)
	case presetLoadedMsg:
		return m, m.onPresetLoaded(msg)
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if key.Matches(msg, k.Quit) {
		m.interrupted = true
		m.fetch.cancelRequest()
		return tea.Quit
	}
	modal := m.step == stepEnv || m.step == stepCredentials || m.step == stepConfirmProd || m.step == stepSavePreset
	if !modal {
		switch {
		case key.Matches(msg, k.Env) && m.step != stepFetching:
			m.openEnvPicker()
			return nil
		case key.Matches(msg, k.Refresh) && m.catalogStep():
			return m.refreshCatalog()
		case key.Matches(msg, k.Help) && !m.typing():
			m.help.ShowAll = !m.help.ShowAll
			m.resize()
			return nil
		}
	}
	switch m.step {
	case stepUseCase:
		return m.updateUseCase(msg)
	case stepPresets:
		return m.updatePresets(msg)
	case stepDetails:
		return m.updateFormStep(msg, m.details)
	case stepNetworks:
		return m.updateNetworks(msg)
	case stepDestinations:
		return m.updateFormStep(msg, m.dests)
	case stepVerify:
		return m.updateFormStep(msg, m.verify)
	case stepPreview:
		return m.updatePreview(msg)
	case stepFetching:
		return m.updateFetching(msg)
	case stepResult:
		return m.updateResult(msg)
	case stepError:
		return m.updateError(msg)
	case stepEnv:
		return m.updateEnvPicker(msg)
	case stepCredentials:
		return m.updateCredentials(msg)
	case stepConfirmProd:
		return m.updateConfirm(msg)
	case stepSavePreset:
		return m.updateSavePreset(msg)
	}
	return nil
}

// typing reports whether the focused widget takes text, so "?" is typed.
func (m *Model) typing() bool {
	if f := m.currentForm(); f != nil {
		return f.typing()
	}
	// the networks and presets filters take "?" as help: no name holds one
	return m.step == stepConfirmProd
}

// currentForm is the form of the current step, if it has one.
func (m *Model) currentForm() *form {
	switch m.step {
	case stepDetails:
		return m.details
	case stepDestinations:
		return m.dests
	case stepVerify:
		return m.verify
	case stepCredentials:
		return m.credsForm.form
	case stepSavePreset:
		return m.save.form
	}
	return nil
}

func (m *Model) catalogStep() bool {
	switch m.step {
	case stepUseCase, stepDetails, stepNetworks, stepDestinations, stepVerify:
		return true
	}
	return false
}

// --- navigation -------------------------------------------------------------

// goTo shows step s; esc comes back to the current one.
func (m *Model) goTo(s step) tea.Cmd {
	m.history = append(m.history, m.step)
	m.step = s
	return m.enter()
}

// back returns to the previous step with every entry kept, whatever state
// the current step is in.
func (m *Model) back() tea.Cmd {
	if len(m.history) == 0 {
		return nil
	}
	m.step = m.history[len(m.history)-1]
	m.history = m.history[:len(m.history)-1]
	return m.enter()
}

// returnTo pops the history down to s and shows it.
func (m *Model) returnTo(s step) tea.Cmd {
	for i := len(m.history) - 1; i >= 0; i-- {
		if m.history[i] == s {
			m.history = m.history[:i]
			m.step = s
			return m.enter()
		}
	}
	m.step = s
	return m.enter()
}

// next goes to the step after the current one in the use case's flow.
func (m *Model) next() tea.Cmd {
	f := flow(m.setup.UseCase)
	for i, s := range f {
		if s == m.step && i+1 < len(f) {
			return m.goTo(f[i+1])
		}
	}
	return m.goTo(stepPreview)
}

// enter prepares the current step from the setup (forms are rebuilt, the
// values are the setup's, so nothing typed is lost).
func (m *Model) enter() tea.Cmd {
	m.revalidate()
	switch m.step {
	case stepDetails:
		m.details = m.rebuild(m.details, m.detailsForm())
	case stepNetworks:
		m.networks.setCatalog(m.catalog, m.setup)
	case stepDestinations:
		m.dests = m.rebuild(m.dests, m.destinationsForm())
	case stepVerify:
		m.verify = m.rebuild(m.verify, m.verifyForm())
	case stepPreview:
		m.preview.refresh(m)
	}
	m.resize()
	if m.step == stepResult {
		return m.startCountdown()
	}
	return nil
}

// rebuild swaps in a fresh form for the same step, keeping the focus and
// which fields were touched.
func (m *Model) rebuild(old, fresh *form) *form {
	if old != nil && len(old.fields) == len(fresh.fields) {
		fresh.focus = old.focus
		fresh.submitted = old.submitted
		for i, f := range old.fields {
			fresh.fields[i].touched = f.touched
		}
		fresh.refocus()
	}
	fresh.setWidth(m.width)
	return fresh
}

func (m *Model) revalidate() {
	m.problems = mesh.Validate(buildRequest(m.setup), m.catalog)
}

// updateFormStep drives details, destinations and verify options: keys go
// to the form, problems are recomputed on every change, enter on the last
// field goes on when the step's own fields hold no error.
func (m *Model) updateFormStep(msg tea.KeyMsg, f *form) tea.Cmd {
	if key.Matches(msg, m.keys.Back) {
		return m.back()
	}
	cmd, submit := f.update(msg, m.keys)
	m.revalidate()
	if !submit {
		if m.statusK == statusErr && len(f.errorsIn(m.problems)) == 0 {
			m.clearStatus() // the "fix N errors" line is done
		}
		return cmd
	}
	if errs := f.errorsIn(m.problems); len(errs) > 0 {
		f.submitted = true
		f.focusFirstError(m.problems)
		m.setStatus(statusErr, fmt.Sprintf("fix %s before going on", plural(len(errs), "error")))
		return cmd
	}
	m.clearStatus()
	return tea.Batch(cmd, m.next())
}

func (m *Model) setStatus(k statusKind, s string) { m.status, m.statusK = s, k }
func (m *Model) clearStatus()                     { m.status = "" }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// --- layout -----------------------------------------------------------------

const headerLines = 3 // title, environment, blank

func (m *Model) helpView() string {
	m.help.Width = m.width
	return m.help.View(m.keyMap())
}

// bodyHeight is what is left for the step between header, status and help.
func (m *Model) bodyHeight() int {
	return max(m.height-headerLines-len(m.statusLines())-lipglossHeight(m.helpView()), 3)
}

func lipglossHeight(s string) int { return strings.Count(s, "\n") + 1 }

func (m *Model) resize() {
	for _, f := range []*form{m.details, m.dests, m.verify} {
		if f != nil {
			f.setWidth(m.width)
		}
	}
	m.credsForm.setWidth(m.width)
	m.networks.setWidth(m.width)
	m.preview.resize(m)
}

// View draws header, step, status line and help; no line is wider than the
// terminal and no frame taller.
func (m *Model) View() string {
	if m.quitting() {
		return ""
	}
	var b strings.Builder
	b.WriteString(m.headerView())
	b.WriteString("\n\n")
	b.WriteString(m.stepView())
	body := b.String()
	helpV := m.helpView()
	bodyLines := strings.Split(body, "\n")
	status := m.statusLines()
	room := m.height - len(status) - lipglossHeight(helpV)
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
	return strings.Join(lines, "\n")
}

func (m *Model) quitting() bool { return m.interrupted }

func (m *Model) headerView() string {
	title := m.st.title.Render("meshlink")
	crumb := []string{}
	if m.step != stepUseCase && m.step != stepPresets {
		crumb = append(crumb, m.setup.UseCase.Title())
	}
	crumb = append(crumb, m.step.String())
	left := title + m.st.dim.Render(" › ") + strings.Join(crumb, m.st.dim.Render(" › "))
	f := flow(m.setup.UseCase)
	for i, s := range f {
		if s == m.step && m.step != stepUseCase {
			left += m.st.dim.Render(fmt.Sprintf("  (step %d of %d)", i+1, len(f)))
		}
	}
	return left + "\n" + m.envLine()
}

// envLine says where a token would come from and whether keys are set.
func (m *Model) envLine() string {
	keys := "keys set"
	if !m.creds.Complete() {
		keys = "no keys yet (asked for when needed)"
	}
	var badge, text string
	switch m.env {
	case mesh.EnvDemo:
		badge = m.st.demo.Render(" DEMO ")
		text = " demo server · no keys needed · tokens are not real"
	case mesh.EnvProduction:
		badge = m.st.prod.Render(" PRODUCTION ")
		text = m.st.warn.Render(" " + keys + " · real users, real money")
	case mesh.EnvCustom:
		badge = m.st.bold.Render(" CUSTOM ")
		text = " " + m.o.BaseURL + " · " + keys
	default:
		badge = m.st.bold.Render(" " + strings.ToUpper(string(m.env)) + " ")
		text = " " + keys
	}
	line := badge + text
	if hint := "  ctrl+e switch"; ansi.StringWidth(line+hint) <= m.width {
		line += m.st.dim.Render(hint)
	}
	return line
}

// statusLines is the status line: one line, two when the message is long
// (an error must be readable whole).
func (m *Model) statusLines() []string {
	if m.status == "" {
		if m.refreshing {
			return []string{m.spinner.View() + " refreshing the catalog…"}
		}
		return []string{""}
	}
	style := m.st.dim.UnsetForeground()
	switch m.statusK {
	case statusOK:
		style = m.st.ok
	case statusWarn:
		style = m.st.warn
	case statusErr:
		style = m.st.err
	}
	lines := strings.Split(ansi.Wordwrap(strings.ReplaceAll(m.status, "\n", " "), m.width, ""), "\n")
	if len(lines) > 2 {
		lines = lines[:2]
		lines[1] = ansi.Truncate(lines[1], m.width-1, "") + "…"
	}
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return lines
}

func (m *Model) stepView() string {
	h := m.bodyHeight()
	switch m.step {
	case stepUseCase:
		return m.useCaseView(h)
	case stepPresets:
		return m.presetsView(h)
	case stepDetails:
		return m.formStepView(m.details, "Who is the user, and what should the transfer do?", h)
	case stepNetworks:
		return m.networks.view(m, h)
	case stepDestinations:
		return m.formStepView(m.dests, "Where should the funds go? One destination per network.", h)
	case stepVerify:
		return m.formStepView(m.verify, "What must the user sign to prove the wallet is theirs?", h)
	case stepPreview:
		return m.preview.view(m, h)
	case stepFetching:
		return m.fetchingView()
	case stepResult:
		return m.result.view(m, h)
	case stepError:
		return m.errScreen.view(m)
	case stepEnv:
		return m.envPick.view(m)
	case stepCredentials:
		return m.credsForm.view(m, h)
	case stepConfirmProd:
		return m.confirm.view(m)
	case stepSavePreset:
		return m.save.view(m, h)
	}
	return ""
}

func (m *Model) formStepView(f *form, intro string, h int) string {
	if f == nil {
		return ""
	}
	return m.st.dim.Render(intro) + "\n\n" + f.view(m.st, m.problems, m.width, h-2)
}

// keyMap is the current screen's bindings, for the help line.
func (m *Model) keyMap() keyMap {
	k := m.keys
	// ctrl+e is on the header line; ctrl+c in the full help where room is short
	global := []key.Binding{k.Help, k.Quit}
	withBack := func(short ...key.Binding) keyMap {
		short = append(short, k.Back)
		return keyMap{short: append(short, global...), full: [][]key.Binding{short, {k.Refresh, k.Env, k.Help, k.Quit}}}
	}
	switch m.step {
	case stepUseCase:
		short := []key.Binding{k.Up, k.Down, k.Enter}
		return keyMap{short: append(short, global...), full: [][]key.Binding{short, {k.Refresh, k.Env, k.Help, k.Quit}}}
	case stepDetails, stepDestinations, stepVerify:
		km := withBack(k.Next, k.Enter)
		km.full[0] = []key.Binding{k.Next, k.Prev, k.Enter, k.Toggle, k.Cycle, k.Generate, k.Back}
		return km
	case stepNetworks:
		km := withBack(k.Toggle, k.Enter)
		km.full[0] = []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Toggle, k.Enter, k.Back}
		return km
	case stepPresets:
		return withBack(k.Up, k.Down, k.Enter)
	case stepPreview:
		short := []key.Binding{k.Send, k.CopyBody, k.CopyCurl, k.Edit}
		if m.o.Presets != nil {
			short = append(short, k.Save)
		}
		short = append(short, k.Back)
		return keyMap{short: append(short, k.Help), full: [][]key.Binding{short, {k.Up, k.Down, k.PageUp, k.PageDown}, {k.Env, k.Help, k.Quit}}}
	case stepFetching:
		cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
		return keyMap{short: []key.Binding{cancel, k.Quit}, full: [][]key.Binding{{cancel, k.Quit}}}
	case stepResult:
		short := []key.Binding{k.CopyToken}
		if m.result.token != nil && m.result.token.PaymentLink != "" {
			short = append(short, k.CopyPayLink)
		}
		short = append(short, k.Fresh, k.StartOver)
		if m.o.Presets != nil {
			short = append(short, k.Save)
		}
		short = append(short, k.QuitQ)
		return keyMap{short: append(short, k.Help), full: [][]key.Binding{short, {k.Back, k.Env, k.Help, k.Quit}}}
	case stepError:
		next := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "back to preview"))
		if m.errScreen.unauthorized {
			next = k.Credentials
		}
		return keyMap{short: []key.Binding{next, k.Back, k.Quit}, full: [][]key.Binding{{next, k.Back, k.Env, k.Quit}}}
	case stepEnv:
		cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
		return keyMap{short: []key.Binding{k.Up, k.Down, k.Enter, cancel, k.Quit}, full: [][]key.Binding{{k.Up, k.Down, k.Enter, cancel, k.Quit}}}
	case stepCredentials, stepConfirmProd, stepSavePreset:
		cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
		return keyMap{short: []key.Binding{k.Next, k.Enter, cancel, k.Quit}, full: [][]key.Binding{{k.Next, k.Prev, k.Enter, cancel, k.Quit}}}
	}
	return keyMap{short: global}
}
