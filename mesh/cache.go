package mesh

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/meshlink/meshlink/mesh/atomicfile"
	"github.com/meshlink/meshlink/mesh/regularfile"
)

// The cache keeps the API's lists on disk: network and integration ids never
// change, so they are fetched once and refreshed only when the user asks.
// Each environment and host has its own folder (CatalogDir).
const (
	networksCacheFile     = "networks.json"
	integrationsCacheFile = "integrations.json"
	catalogsFolder        = "catalogs"
)

// CatalogDir is the folder under cacheDir that caches the catalog env
// serves at baseURL (empty: the environment's own host). Every environment
// and host has its own, so a refresh against a test server never changes
// what sandbox sees. Demo has none ("", the snapshot): its server serves the
// snapshot, and the README's examples rely on it.
func CatalogDir(cacheDir string, env Environment, baseURL string) string {
	if cacheDir == "" || env == EnvDemo || env == "" {
		return ""
	}
	name := string(env)
	if host := hostOf(baseURL); host != "" && baseURL != env.BaseURL() {
		name += "-" + strings.Map(func(r rune) rune {
			if r == '.' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				return r
			}
			return '_'
		}, host)
	}
	return filepath.Join(cacheDir, catalogsFolder, name)
}

func hostOf(baseURL string) string {
	if u, err := url.Parse(baseURL); err == nil {
		return u.Host
	}
	return ""
}

// CachedCatalog is one cached catalog, as `meshlink paths` lists them.
type CachedCatalog struct {
	Dir  string
	Env  Environment
	Host string // where the lists came from
	// When each list was fetched; zero when it is not cached.
	NetworksAt, IntegrationsAt time.Time
}

// CachedCatalogs lists the catalogs cached under cacheDir, in name order.
func CachedCatalogs(cacheDir string) []CachedCatalog {
	entries, _ := os.ReadDir(filepath.Join(cacheDir, catalogsFolder))
	var out []CachedCatalog
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(cacheDir, catalogsFolder, e.Name())
		env, _, _ := strings.Cut(e.Name(), "-")
		c := CachedCatalog{Dir: dir, Env: Environment(env)}
		if f, err := readCacheHead(filepath.Join(dir, networksCacheFile)); err == nil {
			c.NetworksAt, c.Host = f.FetchedAt, f.Host
		}
		if f, err := readCacheHead(filepath.Join(dir, integrationsCacheFile)); err == nil {
			c.IntegrationsAt = f.FetchedAt
			if c.Host == "" {
				c.Host = f.Host
			}
		}
		if !c.NetworksAt.IsZero() || !c.IntegrationsAt.IsZero() {
			out = append(out, c)
		}
	}
	return out
}

// readCacheHead reads a cache file's time and host, not its items.
func readCacheHead(path string) (*cacheFile[json.RawMessage], error) {
	f, err := readCacheFile[json.RawMessage](path)
	if err == nil && f == nil {
		err = fs.ErrNotExist
	}
	return f, err
}

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

// LoadCatalog reads the cached catalog from dir (a CatalogDir), falling back to the
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

// readCache returns nil, nil when the file does not exist; a file it
// cannot read is moved aside.
func readCache[T any](path string) (*cacheFile[T], error) {
	f, err := readCacheFile[T](path)
	var corrupt *CorruptCacheError
	if errors.As(err, &corrupt) {
		_ = os.Rename(path, path+".corrupt")
	}
	return f, err
}

// maxCacheBytes bounds a cache file: what it holds came in an answer of at
// most MaxResponseBytes, indented.
const maxCacheBytes = 4 * MaxResponseBytes

func readCacheFile[T any](path string) (*cacheFile[T], error) {
	b, err := readRegular(path, maxCacheBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ignored the catalog cache: %w", err)
	}
	if len(b) > maxCacheBytes {
		return nil, &CorruptCacheError{Path: path, Err: fmt.Errorf("it is over %s", FormatBytes(maxCacheBytes))}
	}
	var f cacheFile[T]
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, &CorruptCacheError{Path: path, Err: err}
	}
	return &f, nil
}

// readRegular reads at most limit+1 bytes of the regular file path: a FIFO
// or device in its place is refused, never waited on.
func readRegular(path string, limit int64) ([]byte, error) {
	f, err := regularfile.Open(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
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
