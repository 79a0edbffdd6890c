package wizard

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets/history"
)

// recentShown is how many fetches the first screen lists.
const recentShown = 3

// recentLoadedMsg: the newest fetches of the history, described.
type recentLoadedMsg struct{ lines []string }

// loadRecent reads the history off the UI's path. A history that cannot be
// read shows nothing: it is a reminder, not a feature the wizard needs.
func loadRecent(log *history.Log, now func() time.Time) tea.Cmd {
	if log == nil {
		return nil
	}
	return func() tea.Msg {
		entries, _, err := log.Read()
		if err != nil || len(entries) == 0 {
			return nil
		}
		at := now()
		var lines []string
		for _, e := range entries[:min(len(entries), recentShown)] {
			lines = append(lines, describeFetch(e, at))
		}
		return recentLoadedMsg{lines}
	}
}

// describeFetch is one fetch in a line: when, where, what, for whom, and
// how it ended, as of now.
func describeFetch(e history.Entry, now time.Time) string {
	when := e.Time.In(now.Location())
	stamp := when.Format("15:04")
	if y, m, d := when.Date(); y != now.Year() || m != now.Month() || d != now.Day() {
		stamp = when.Format("Jan 2 15:04")
	}
	outcome := "expired"
	switch {
	case e.Ended(now):
		outcome = "in-process demo ended"
	case !e.OK && e.Status > 0:
		outcome = strings.TrimSpace(fmt.Sprintf("failed: HTTP %d %s", e.Status, e.ErrorType))
	case !e.OK:
		outcome = "failed: no answer"
	case !e.Expired(now):
		outcome = "valid until " + e.ExpiresAt.In(now.Location()).Format("15:04")
	}
	user := mesh.CleanText(e.UserID)
	if r := []rune(user); len(r) > 12 {
		user = string(r[:11]) + "…"
	}
	// the history file may have been edited: its text is shown, never obeyed
	return mesh.CleanText(fmt.Sprintf("%s %-10s %-14s %-12s %s", stamp, e.Environment, e.UseCase, user, outcome))
}
