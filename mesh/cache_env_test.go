package mesh_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

func TestCatalogDir(t *testing.T) {
	cache := "/c"
	cases := []struct {
		env     mesh.Environment
		baseURL string
		want    string
	}{
		{mesh.EnvDemo, "", ""}, // the demo server serves the snapshot
		{mesh.EnvSandbox, "", "/c/catalogs/sandbox"},
		{mesh.EnvSandbox, mesh.SandboxBaseURL, "/c/catalogs/sandbox"},
		{mesh.EnvProduction, "", "/c/catalogs/production"},
		{mesh.EnvCustom, "http://127.0.0.1:41234", "/c/catalogs/custom-127.0.0.1_41234"},
		{mesh.EnvCustom, "https://proxy.example.com/mesh", "/c/catalogs/custom-proxy.example.com"},
	}
	for _, c := range cases {
		if got := mesh.CatalogDir(cache, c.env, c.baseURL); got != filepath.FromSlash(c.want) {
			t.Errorf("CatalogDir(%s, %s) = %q, want %q", c.env, c.baseURL, got, c.want)
		}
	}
	if mesh.CatalogDir("", mesh.EnvSandbox, "") != "" {
		t.Error("no cache directory must mean no catalog folder")
	}
}

// One environment's refresh never changes what another sees.
func TestCatalogsStayApart(t *testing.T) {
	cache := t.TempDir()
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	test := mesh.CatalogDir(cache, mesh.EnvCustom, "http://127.0.0.1:9")
	if err := mesh.SaveNetworks(test, "http://127.0.0.1:9", []mesh.Network{{ID: solanaID, Name: "Testnet only"}}, at); err != nil {
		t.Fatal(err)
	}
	sandbox, _ := mesh.LoadCatalog(mesh.CatalogDir(cache, mesh.EnvSandbox, ""))
	demo, _ := mesh.LoadCatalog(mesh.CatalogDir(cache, mesh.EnvDemo, ""))
	for name, c := range map[string]*mesh.Catalog{"sandbox": sandbox, "demo": demo} {
		if c.Source != mesh.SourceSnapshot || len(c.Networks) < 30 {
			t.Errorf("%s sees %s with %d networks, want the snapshot", name, c.Source, len(c.Networks))
		}
	}
	custom, _ := mesh.LoadCatalog(test)
	if custom.Source != mesh.SourceCache || len(custom.Networks) != 1 {
		t.Errorf("the test server's own catalog: %s, %d networks", custom.Source, len(custom.Networks))
	}
	if err := mesh.SaveIntegrations(mesh.CatalogDir(cache, mesh.EnvSandbox, ""), mesh.SandboxBaseURL, []mesh.Integration{{ID: phantomID, Name: "Phantom"}}, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got := mesh.CachedCatalogs(cache)
	if len(got) != 2 || got[0].Env != mesh.EnvCustom || got[0].Host != "http://127.0.0.1:9" || !got[0].NetworksAt.Equal(at) || !got[0].IntegrationsAt.IsZero() ||
		got[1].Env != mesh.EnvSandbox || got[1].Host != mesh.SandboxBaseURL || !got[1].IntegrationsAt.Equal(at.Add(time.Hour)) || !got[1].NetworksAt.IsZero() {
		t.Errorf("CachedCatalogs = %+v", got)
	}
}
