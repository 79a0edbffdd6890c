package wizard

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/clip"
)

// copiedMsg: a copy finished; method says which path it took.
type copiedMsg struct {
	what string
	// elsewhere says where the text is when the copy is not confirmed.
	elsewhere string
	method    clip.Method
	err       error
	// note is said after the copy's outcome (the token it copied expired);
	// warn makes the line a warning whatever the outcome.
	note string
	warn bool
}

// copyCmd copies off the UI's path (a clipboard tool can hang). elsewhere
// says where else the text is, for a copy that may not arrive.
func copyCmd(what, elsewhere, text string, copy func(string) (clip.Method, error)) tea.Cmd {
	return func() tea.Msg {
		method, err := copy(text)
		return copiedMsg{what: what, elsewhere: elsewhere, method: method, err: err}
	}
}

// curlScreen shows (and copies) the curl command that sends req. For demo
// it targets `meshlink demo-server` (mesh.Target.CurlBaseURL), which
// outlives the wizard's own demo server, and says so.
func curlScreen(s *session, req *mesh.LinkTokenRequest) tea.Cmd {
	t := mesh.Target{Env: s.env, BaseURL: s.env.BaseURL()}
	if s.env == mesh.EnvCustom {
		t.BaseURL = s.o.BaseURL
	}
	text, err := t.CurlCommand(req)
	if err != nil {
		s.say(statusErr, "no curl command: "+err.Error())
		return nil
	}
	intro := "The curl command that sends this body to " + t.CurlBaseURL() + ", the keys as $MESH_CLIENT_ID and $MESH_CLIENT_SECRET: they are never written out."
	if s.env == mesh.EnvDemo {
		intro = "The curl command for `meshlink demo-server` at " + mesh.DemoServerAddr + " (start it first): the wizard's own demo server ends with the wizard. Without keys it sends demo ones, which the demo server takes."
	}
	return push(newTextScreen(s, "curl", "the curl command", intro, text))
}

// The $EDITOR round trip: every file operation runs in a command.
type (
	// editorReadyMsg: the body was written to path; the editor may start.
	editorReadyMsg struct{ path string }
	// editorClosedMsg: the editor ended.
	editorClosedMsg struct {
		path string
		err  error
	}
	// bodyEditedMsg: the edited text was read back (or could not be).
	bodyEditedMsg struct {
		text []byte
		err  error
	}
)

func writeEditFileCmd(text string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "meshlink-body-*.json")
		if err != nil {
			return bodyEditedMsg{err: fmt.Errorf("cannot open the editor: %w", err)}
		}
		_, err = f.WriteString(text + "\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(f.Name())
			return bodyEditedMsg{err: fmt.Errorf("cannot open the editor: %w", err)}
		}
		return editorReadyMsg{f.Name()}
	}
}

// editorCommand is $VISUAL or $EDITOR (with its arguments), else vi.
// (charmbracelet/x/editor v0.2.0 reads only $EDITOR, from the process
// environment, and falls back to nano.)
func editorCommand(getenv func(string) string, path string) *exec.Cmd {
	ed := strings.TrimSpace(getenv("VISUAL"))
	if ed == "" {
		ed = strings.TrimSpace(getenv("EDITOR"))
	}
	if ed == "" {
		ed = "vi"
	}
	args := append(strings.Fields(ed), path)
	return exec.Command(args[0], args[1:]...)
}

// runEditor hands the terminal to the editor; tea.ExecProcess gives it back.
func (p *previewScreen) runEditor(msg editorReadyMsg) tea.Cmd {
	return tea.ExecProcess(editorCommand(p.s.o.Getenv, msg.path), func(err error) tea.Msg {
		return editorClosedMsg{path: msg.path, err: err}
	})
}

func readEditedCmd(msg editorClosedMsg) tea.Cmd {
	return func() tea.Msg {
		text, readErr := os.ReadFile(msg.path)
		_ = os.Remove(msg.path)
		switch {
		case msg.err != nil:
			return bodyEditedMsg{err: fmt.Errorf("the editor failed (%w); the body is unchanged", msg.err)}
		case readErr != nil:
			return bodyEditedMsg{err: fmt.Errorf("cannot read the edited body: %w", readErr)}
		}
		return bodyEditedMsg{text: text}
	}
}

// applyEdit takes an edited body in: every step is refilled from it. A body
// that does not parse changes nothing and is kept for the next edit.
func (p *previewScreen) applyEdit(msg bodyEditedMsg) tea.Cmd {
	s := p.s
	if msg.err != nil {
		s.say(statusErr, msg.err.Error())
		return nil
	}
	if strings.TrimSpace(string(msg.text)) == strings.TrimSpace(p.body) {
		p.pendingEdit = ""
		s.say(statusInfo, "the body is unchanged")
		return nil
	}
	req, err := mesh.DecodeBody(msg.text)
	if err != nil {
		p.pendingEdit = string(msg.text)
		why := "is " + err.Error()
		var ire *mesh.InvalidRequestError
		if errors.As(err, &ire) { // problems with keys: each with its path
			lines := make([]string, len(ire.Problems))
			for i, pr := range ire.Problems {
				lines[i] = pr.String()
			}
			why = "was not taken: " + strings.Join(lines, "; ")
		}
		s.say(statusErr, "the edited body "+mesh.CleanText(why)+"; nothing changed (e reopens your edit)")
		return nil
	}
	p.pendingEdit = ""
	old := s.setup
	s.setup = setupFromRequest(req)
	s.setup.FreshTxID = old.FreshTxID && s.setup.TransactionID == old.TransactionID
	p.refresh()
	sent, _ := json.Marshal(s.request())
	edited, _ := json.Marshal(req)
	if !bytes.Equal(sent, edited) {
		s.say(statusWarn, fmt.Sprintf("body updated; check it: what a %s does not use was dropped", strings.ToLower(s.setup.UseCase.Title())))
	} else {
		s.say(statusOK, "body updated from the editor and checked again")
	}
	// the steps below are the new use case's, filled from the body
	below := flowStack(s)
	return reset(append(below[:len(below)-1], p)...)
}
