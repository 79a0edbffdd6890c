package presets

import (
	"errors"
	"path/filepath"
)

// meshlink keeps its files in three directories, each found the same way:
// $MESHLINK_<KIND>_DIR if set, else $XDG_<KIND>_HOME/meshlink, else
// ~/<fallback>/meshlink. CLI users look for these in the same place on every
// OS, so macOS's ~/Library is deliberately not used.

// ConfigDir is where settings and presets live: $MESHLINK_CONFIG_DIR, else
// $XDG_CONFIG_HOME/meshlink, else ~/.config/meshlink.
func ConfigDir(getenv func(string) string) (string, error) {
	return userDir(getenv, "MESHLINK_CONFIG_DIR", "XDG_CONFIG_HOME", ".config")
}

// CacheDir is where the catalog is cached: $MESHLINK_CACHE_DIR, else
// $XDG_CACHE_HOME/meshlink, else ~/.cache/meshlink.
func CacheDir(getenv func(string) string) (string, error) {
	return userDir(getenv, "MESHLINK_CACHE_DIR", "XDG_CACHE_HOME", ".cache")
}

// StateDir is where this machine's history of runs is kept:
// $MESHLINK_STATE_DIR, else $XDG_STATE_HOME/meshlink, else
// ~/.local/state/meshlink.
func StateDir(getenv func(string) string) (string, error) {
	return userDir(getenv, "MESHLINK_STATE_DIR", "XDG_STATE_HOME", filepath.Join(".local", "state"))
}

func userDir(getenv func(string) string, override, xdg, fallback string) (string, error) {
	if d := getenv(override); d != "" {
		return d, nil
	}
	if d := getenv(xdg); d != "" {
		return filepath.Join(d, "meshlink"), nil
	}
	home := getenv("HOME")
	if home == "" {
		home = getenv("USERPROFILE")
	}
	if home == "" {
		return "", errors.New("cannot find a home directory: set " + override)
	}
	return filepath.Join(home, fallback, "meshlink"), nil
}
