package wizard

import (
	"context"
	"errors"
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

// refreshCatalogCmd fetches networks and integrations from the API and
// saves them to the environment's cache folder.
func refreshCatalogCmd(ctx context.Context, id int, connect connectFunc, t mesh.Target, cacheDir string, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		c, err := connect(t)
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
