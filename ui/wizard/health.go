package wizard

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// healthLoadedMsg: Mesh's integration status for env came back.
type healthLoadedMsg struct {
	env    mesh.Environment
	health []mesh.IntegrationHealth
}

// lookHealth asks, once per environment a run, which integrations are
// down, in the background: the picker marks them when the answer comes.
// Without keys, or offline, nothing is marked and nothing is said.
func (s *session) lookHealth() tea.Cmd {
	env := s.env
	if !s.o.LookUp || s.o.Connect == nil || s.healthAsked[env] || s.needsKeys(env) {
		return nil
	}
	s.healthAsked[env] = true
	ctx, connect, t := s.ctx, s.o.Connect, s.target(env)
	return func() tea.Msg {
		c, err := connect(t)
		if err != nil {
			return nil
		}
		health, err := c.Status(ctx)
		if err != nil {
			return nil
		}
		return healthLoadedMsg{env, health}
	}
}

// down reports whether Mesh said integration in is down, in the current
// environment.
func (s *session) down(in mesh.Integration) bool {
	for _, h := range s.health[s.env] {
		if !h.IsUp && h.Matches(in) {
			return true
		}
	}
	return false
}
