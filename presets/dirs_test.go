package presets

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestUserDirs(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	j := filepath.Join
	tests := []struct {
		name              string
		getenv            func(string) string
		cache, cfg, state string
	}{
		{"meshlink_vars_win",
			env("MESHLINK_CACHE_DIR", "/m/cache", "MESHLINK_CONFIG_DIR", "/m/cfg", "MESHLINK_STATE_DIR", "/m/state",
				"XDG_CACHE_HOME", "/x/cache", "XDG_CONFIG_HOME", "/x/cfg", "XDG_STATE_HOME", "/x/state", "HOME", "/home/u"),
			"/m/cache", "/m/cfg", "/m/state"},
		{"xdg_over_home",
			env("XDG_CACHE_HOME", "/x/cache", "XDG_CONFIG_HOME", "/x/cfg", "XDG_STATE_HOME", "/x/state", "HOME", "/home/u"),
			j("/x/cache", "meshlink"), j("/x/cfg", "meshlink"), j("/x/state", "meshlink")},
		{"home_fallback",
			env("HOME", "/home/u"),
			j("/home/u", ".cache", "meshlink"), j("/home/u", ".config", "meshlink"), j("/home/u", ".local", "state", "meshlink")},
		{"userprofile_when_no_home",
			env("USERPROFILE", `C:\Users\u`),
			j(`C:\Users\u`, ".cache", "meshlink"), j(`C:\Users\u`, ".config", "meshlink"), j(`C:\Users\u`, ".local", "state", "meshlink")},
		{"mixed",
			env("MESHLINK_CACHE_DIR", "/m/cache", "XDG_CONFIG_HOME", "/x/cfg", "HOME", "/home/u"),
			"/m/cache", j("/x/cfg", "meshlink"), j("/home/u", ".local", "state", "meshlink")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, d := range []struct {
				name string
				dir  func(func(string) string) (string, error)
				want string
			}{{"CacheDir", CacheDir, tt.cache}, {"ConfigDir", ConfigDir, tt.cfg}, {"StateDir", StateDir, tt.state}} {
				if got, err := d.dir(tt.getenv); err != nil || got != d.want {
					t.Errorf("%s = %q, %v; want %q", d.name, got, err, d.want)
				}
			}
		})
	}
	t.Run("no_home_at_all", func(t *testing.T) {
		for name, dir := range map[string]func(func(string) string) (string, error){
			"MESHLINK_CACHE_DIR": CacheDir, "MESHLINK_CONFIG_DIR": ConfigDir, "MESHLINK_STATE_DIR": StateDir,
		} {
			if _, err := dir(env()); err == nil || !strings.Contains(err.Error(), "set "+name) {
				t.Errorf("error = %v, want it to name %s", err, name)
			}
		}
	})
}
