package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	module := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}
	clone := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0b7aca0e1f2d3c4b5a69788796a5b4c3d2e1f0a9"}, {Key: "vcs.modified", Value: "true"}}}
	for _, c := range []struct {
		name, ldflags string
		info          *debug.BuildInfo
		want          string
	}{
		{"ldflags_first", "v2.0.0", module, "v2.0.0"},
		{"go_install_module_version", "", module, "v1.4.0"},
		{"clone_commit", "", clone, "dev-0b7aca0e1f2d-dirty"},
		{"nothing_known", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"no_build_info", "", nil, "dev"},
	} {
		if got := versionOf(c.ldflags, c.info); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
