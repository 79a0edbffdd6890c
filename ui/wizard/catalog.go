package wizard

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// catalogLoadedMsg: the cached catalog (or the built-in snapshot) is read.
type catalogLoadedMsg struct {
	cat      *mesh.Catalog
	warnings []error
}

// loadCatalog reads the catalog off the UI's path: start-up never waits on disk.
func loadCatalog(dir string) tea.Cmd {
	return func() tea.Msg {
		c, w := mesh.LoadCatalog(dir)
		return catalogLoadedMsg{cat: c, warnings: w}
	}
}

// catalogRefreshedMsg: the API answered a refresh (or failed to).
type catalogRefreshedMsg struct {
	id      int
	cat     *mesh.Catalog
	err     error
	saveErr error
}

type connectFunc func(mesh.Environment, mesh.Credentials) (*mesh.Client, error)

// refreshCatalog fetches networks and integrations from the API and saves
// them to the cache.
func refreshCatalogCmd(ctx context.Context, id int, connect connectFunc, env mesh.Environment, creds mesh.Credentials, cacheDir string, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		c, err := connect(env, creds)
		if err != nil {
			return catalogRefreshedMsg{id: id, err: err}
		}
		nets, err := c.Networks(ctx)
		if err != nil {
			return catalogRefreshedMsg{id: id, err: err}
		}
		ints, err := c.Integrations(ctx)
		if err != nil {
			return catalogRefreshedMsg{id: id, err: err}
		}
		at := now()
		cat := &mesh.Catalog{Networks: nets, Integrations: ints, Source: mesh.SourceCache, FetchedAt: at, FetchedFrom: c.Host()}
		var saveErr error
		if cacheDir != "" {
			saveErr = errors.Join(mesh.SaveNetworks(cacheDir, c.Host(), nets, at), mesh.SaveIntegrations(cacheDir, c.Host(), ints, at))
		}
		return catalogRefreshedMsg{id: id, cat: cat, saveErr: saveErr}
	}
}

func (m *Model) refreshCatalog() tea.Cmd {
	switch {
	case m.refreshing:
		return nil
	case m.env == mesh.EnvDemo:
		m.setStatus(statusWarn, "the demo server serves only the built-in snapshot; switch to sandbox (ctrl+e) to refresh the catalog from Mesh")
		return nil
	case !m.creds.Complete():
		m.setStatus(statusWarn, "refreshing the catalog needs Mesh keys: ctrl+e and choose sandbox to enter them")
		return nil
	case m.o.Connect == nil:
		m.setStatus(statusErr, "cannot reach Mesh from here (no client)")
		return nil
	}
	m.refreshing = true
	m.refreshID++
	m.clearStatus()
	return tea.Batch(refreshCatalogCmd(m.ctx, m.refreshID, m.o.Connect, m.env, m.creds, m.o.CacheDir, m.o.Now), m.spinner.Tick)
}

func (m *Model) onCatalogLoaded(msg catalogLoadedMsg) tea.Cmd {
	m.catalog = msg.cat
	if len(msg.warnings) > 0 {
		texts := make([]string, len(msg.warnings))
		for i, w := range msg.warnings {
			texts[i] = w.Error()
		}
		m.setStatus(statusWarn, strings.Join(texts, "; "))
	}
	return m.catalogChanged()
}

func (m *Model) onCatalogRefreshed(msg catalogRefreshedMsg) tea.Cmd {
	if msg.id != m.refreshID {
		return nil
	}
	m.refreshing = false
	if msg.err != nil {
		m.setStatus(statusErr, "catalog not refreshed: "+msg.err.Error())
		return nil
	}
	m.catalog = msg.cat
	s := fmt.Sprintf("catalog refreshed: %d networks, %d integrations from %s", len(msg.cat.Networks), len(msg.cat.Integrations), msg.cat.FetchedFrom)
	if msg.saveErr != nil {
		m.setStatus(statusWarn, s+"; not saved: "+msg.saveErr.Error())
	} else {
		m.setStatus(statusOK, s)
	}
	return m.catalogChanged()
}

// catalogChanged re-derives what depends on the catalog on the current step.
func (m *Model) catalogChanged() tea.Cmd {
	switch m.step {
	case stepDetails, stepNetworks, stepDestinations, stepVerify, stepPreview:
		return m.enter()
	}
	m.revalidate()
	return nil
}

// catalogLine says where the catalog came from and how old it is.
func catalogLine(c *mesh.Catalog, now time.Time) string {
	if c == nil {
		return "loading the catalog…"
	}
	switch c.Source {
	case mesh.SourceCache:
		return fmt.Sprintf("catalog: %s from %s, %s old", c.Source, strings.TrimPrefix(strings.TrimPrefix(c.FetchedFrom, "https://"), "http://"), age(now.Sub(c.FetchedAt)))
	}
	return fmt.Sprintf("catalog: %s of %s", c.Source, c.FetchedAt.Format("2006-01-02"))
}

func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "under a minute"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour")
	}
	return plural(int(d/(24*time.Hour)), "day")
}
