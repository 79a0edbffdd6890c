package mesh

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/meshlink/meshlink/mesh/atomicfile"
)

// The cache keeps the API's lists on disk: network and integration ids never
// change, so they are fetched once and refreshed only when the user asks.
const (
	networksCacheFile     = "networks.json"
	integrationsCacheFile = "integrations.json"
)

type cacheFile[T any] struct {
	FetchedAt time.Time `json:"fetchedAt"`
	Host      string    `json:"host,omitempty"`
	Items     []T       `json:"items"`
}

// CorruptCacheError reports a cache file that could not be read. The file
// has been moved aside (to Path + ".corrupt") so it is reported only once.
type CorruptCacheError struct {
	Path string
	Err  error
}

func (e *CorruptCacheError) Error() string {
	return fmt.Sprintf("ignored the unreadable catalog cache %s (%v); it was moved to %s.corrupt and the next refresh replaces it", e.Path, e.Err, e.Path)
}

func (e *CorruptCacheError) Unwrap() error { return e.Err }

// LoadCatalog reads the cached catalog from dir, falling back to the
// built-in snapshot for any list that is not cached. It never touches the
// network. Problems with the cache come back as warnings, never as failure.
func LoadCatalog(dir string) (*Catalog, []error) {
	c := Snapshot()
	var warnings []error
	if dir == "" {
		return c, nil
	}
	nets, err := readCache[Network](filepath.Join(dir, networksCacheFile))
	if err != nil {
		warnings = append(warnings, err)
	} else if nets != nil && len(nets.Items) > 0 {
		c.Networks = cleanNetworks(nets.Items)
		c.Source, c.FetchedAt, c.FetchedFrom = SourceCache, nets.FetchedAt, nets.Host
	}
	ints, err := readCache[Integration](filepath.Join(dir, integrationsCacheFile))
	if err != nil {
		warnings = append(warnings, err)
	} else if ints != nil && len(ints.Items) > 0 {
		c.Integrations = cleanIntegrations(ints.Items)
	}
	return c, warnings
}

// readCache returns nil, nil when the file does not exist.
func readCache[T any](path string) (*cacheFile[T], error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read catalog cache: %w", err)
	}
	var f cacheFile[T]
	if err := json.Unmarshal(b, &f); err != nil {
		_ = os.Rename(path, path+".corrupt")
		return nil, &CorruptCacheError{Path: path, Err: err}
	}
	return &f, nil
}

// SaveNetworks writes networks fetched from host to the cache in dir.
func SaveNetworks(dir, host string, nets []Network, at time.Time) error {
	return writeCache(filepath.Join(dir, networksCacheFile), cacheFile[Network]{at, host, nets})
}

// SaveIntegrations writes integrations fetched from host to the cache in dir.
func SaveIntegrations(dir, host string, ints []Integration, at time.Time) error {
	return writeCache(filepath.Join(dir, integrationsCacheFile), cacheFile[Integration]{at, host, ints})
}

func writeCache[T any](path string, f cacheFile[T]) error {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, append(b, '\n'), 0o644)
}
