package wizard

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// screen is one page of the wizard, or a dialog drawn over one. A screen
// knows nothing of the others' state nor of the root: it reads and changes
// the shared session, and asks for navigation with the messages below.
type screen interface {
	// title names the screen in the header's breadcrumb.
	title() string
	// show is called whenever the screen comes on top (pushed, or returned
	// to): it re-reads the session, which other screens may have changed.
	show() tea.Cmd
	// update takes a key or a message the root does not handle itself.
	update(msg tea.Msg) tea.Cmd
	// setSize gives the room the body has; called after every update.
	setSize(width, height int)
	// view draws the screen in that room. It changes nothing and reads no
	// clock.
	view() string
	// keyMap is every key the screen answers, for the help line and ?.
	keyMap() keyMap
}

// Optional abilities of a screen; the root asks for them with a type check.
type (
	// typer: keys go into a text field, so ? is a character.
	typer interface{ typing() bool }
	// catalogUser: the screen shows the catalog, so ctrl+r refreshes it.
	catalogUser interface{ usesCatalog() bool }
	// busyScreen: no environment switch while it shows (a request is out).
	busyScreen interface{ busy() bool }
	// flowStep: the screen is step n of the use case's flow.
	flowStep interface{ step() stepID }
)

// Navigation messages. A screen returns them as commands; only the root
// acts on them, so no screen edits the back stack.
type (
	// pushMsg shows s on top; esc (popMsg) comes back.
	pushMsg struct{ s screen }
	// popMsg goes back to the screen below.
	popMsg struct{}
	// replaceMsg swaps the top screen for s (the fetch for its result).
	replaceMsg struct{ s screen }
	// popToPreviewMsg goes back to the preview, whatever lies above it.
	popToPreviewMsg struct{}
	// resetMsg replaces the whole stack (start over, a loaded preset).
	resetMsg struct{ stack []screen }
	// openDialogMsg draws d over the current screen until closeDialogMsg.
	openDialogMsg  struct{ d screen }
	closeDialogMsg struct{}
	// sendMsg asks to send the current body: the root applies the gates
	// (keys, production's typed confirmation) before the fetch starts.
	sendMsg struct{}
	// envChosenMsg switches the environment.
	envChosenMsg struct{ env mesh.Environment }
	// credentialsEnteredMsg sets keys for env for this run, then goes on
	// with then (a sendMsg, an envChosenMsg) when it is not nil.
	credentialsEnteredMsg struct {
		env   mesh.Environment
		creds mesh.Credentials
		then  tea.Msg
	}
	// prodConfirmedMsg: the user typed "production"; the send goes on.
	prodConfirmedMsg struct{}
	// quitMsg ends the wizard from the result screen; its token is the
	// run's outcome.
	quitMsg struct{ result *Result }
)

func msgCmd(msg tea.Msg) tea.Cmd    { return func() tea.Msg { return msg } }
func push(s screen) tea.Cmd         { return msgCmd(pushMsg{s}) }
func pop() tea.Cmd                  { return msgCmd(popMsg{}) }
func replace(s screen) tea.Cmd      { return msgCmd(replaceMsg{s}) }
func reset(stack ...screen) tea.Cmd { return msgCmd(resetMsg{stack}) }
func openDialog(d screen) tea.Cmd   { return msgCmd(openDialogMsg{d}) }
func closeDialog() tea.Cmd          { return msgCmd(closeDialogMsg{}) }
func send() tea.Cmd                 { return msgCmd(sendMsg{}) }
