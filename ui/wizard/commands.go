package wizard

import (
	"bytes"
	"encoding/json"
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
	what   string
	method clip.Method
	err    error
}

// copyCmd copies off the UI's path (a clipboard tool can hang).
func copyCmd(what, text string, copy func(string) (clip.Method, error)) tea.Cmd {
	return func() tea.Msg {
		method, err := copy(text)
		return copiedMsg{what: what, method: method, err: err}
	}
}

// copyCurlCmd copies the curl command that sends req. Demo's base URL is
// known only once its server runs, so the connection happens here too.
func copyCurlCmd(env mesh.Environment, customURL string, connect connectFunc, creds mesh.Credentials, req *mesh.LinkTokenRequest, copy func(string) (clip.Method, error)) tea.Cmd {
	return func() tea.Msg {
		base := env.BaseURL()
		if env == mesh.EnvCustom {
			base = customURL
		}
		if base == "" && connect != nil {
			c, err := connect(env, creds)
			if err != nil {
				return copiedMsg{what: "the curl command", err: err}
			}
			base = c.BaseURL
		}
		text, err := mesh.CurlCommand(base, req)
		if err != nil {
			return copiedMsg{what: "the curl command", err: err}
		}
		method, err := copy(text)
		return copiedMsg{what: "the curl command (keys as $MESH_CLIENT_ID / $MESH_CLIENT_SECRET)", method: method, err: err}
	}
}

// editorDoneMsg: the editor closed; path holds the edited body.
type editorDoneMsg struct {
	path string
	err  error
}

// editorCommand is $VISUAL or $EDITOR (with its arguments), else vi.
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

// editBody opens the body in the user's editor; the terminal is handed
// over and given back by tea.ExecProcess.
func (m *Model) editBody() tea.Cmd {
	text := m.preview.pendingEdit
	if text == "" {
		text = m.preview.body
		if m.preview.bodyErr != nil {
			// amounts that do not parse cannot be marshalled; edit the rest
			text = "{}"
		}
	}
	f, err := os.CreateTemp("", "meshlink-body-*.json")
	if err == nil {
		_, err = f.WriteString(text + "\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		m.setStatus(statusErr, "cannot open the editor: "+err.Error())
		return nil
	}
	path := f.Name()
	return tea.ExecProcess(editorCommand(m.o.Getenv, path), func(err error) tea.Msg { return editorDoneMsg{path: path, err: err} })
}

func (m *Model) onEditorDone(msg editorDoneMsg) tea.Cmd {
	text, readErr := os.ReadFile(msg.path)
	_ = os.Remove(msg.path)
	if msg.err != nil {
		m.setStatus(statusErr, "the editor failed ("+msg.err.Error()+"); the body is unchanged")
		return nil
	}
	if readErr != nil {
		m.setStatus(statusErr, "cannot read the edited body: "+readErr.Error())
		return nil
	}
	return m.applyEditedBody(text)
}

// applyEditedBody takes an edited body in: it refills every step from it.
// A body that does not parse changes nothing and is kept for the next edit.
func (m *Model) applyEditedBody(text []byte) tea.Cmd {
	if strings.TrimSpace(string(text)) == strings.TrimSpace(m.preview.body) {
		m.preview.pendingEdit = ""
		m.setStatus(statusInfo, "the body is unchanged")
		return nil
	}
	req, err := mesh.DecodeBody(text)
	if err != nil {
		m.preview.pendingEdit = string(text)
		m.setStatus(statusErr, "the edited body is "+err.Error()+"; nothing changed (e reopens your edit)")
		return nil
	}
	m.preview.pendingEdit = ""
	old := m.setup
	s := setupFromRequest(req)
	s.GeneratedTxID = old.GeneratedTxID && s.TransactionID == old.TransactionID
	m.setup = s
	m.details, m.dests, m.verify = nil, nil, nil
	m.preview.refresh(m)
	sent, _ := json.Marshal(buildRequest(s))
	edited, _ := json.Marshal(req)
	if !bytes.Equal(sent, edited) {
		m.setStatus(statusWarn, fmt.Sprintf("body updated; check it: defaults filled what the edit left out, and what a %s does not use was dropped", strings.ToLower(s.UseCase.Title())))
	} else {
		m.setStatus(statusOK, "body updated from the editor and checked again")
	}
	return nil
}
