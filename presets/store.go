package presets

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/regularfile"
)

const (
	fileExt = ".json"
	// usedDir keeps this machine's own state: per preset, when it was last
	// used, and the store's lock. None of it may churn files a team
	// commits, so it ignores itself in git.
	usedDir = ".lastused"
)

// Dir is where presets live: $MESHLINK_CONFIG_DIR/presets, else
// $XDG_CONFIG_HOME/meshlink/presets, else ~/.config/meshlink/presets.
func Dir(getenv func(string) string) (string, error) {
	d, err := ConfigDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "presets"), nil
}

// Store is a directory of preset files. The zero Now means time.Now; the
// zero LockWait waits up to 10s for another meshlink's change to finish.
type Store struct {
	Dir      string
	Now      func() time.Time
	LockWait time.Duration
}

// errNoDir keeps a zero Store from reading and writing the working directory.
var errNoDir = errors.New("presets: the store has no directory")

// Summary is what a list of presets shows about each.
type Summary struct {
	Name        string           `json:"name"`
	Description string           `json:"description,omitempty"`
	UseCase     mesh.UseCase     `json:"useCase"`
	Environment mesh.Environment `json:"environment,omitempty"`
	NetworkIDs  []string         `json:"networkIds,omitempty"`
	Updated     time.Time        `json:"updated,omitzero"`
	LastUsed    time.Time        `json:"lastUsed,omitzero"`
	Path        string           `json:"path"`
}

// ErrNotFound matches every *NotFoundError with errors.Is.
var ErrNotFound = errors.New("no such preset")

// NotFoundError is a preset name with no file.
type NotFoundError struct {
	Name, Dir string
	Near      string // a preset's name one or two edits away, if any
}

func (e *NotFoundError) Error() string {
	if e.Near != "" {
		return fmt.Sprintf("no preset named %q in %s; did you mean %s?", e.Name, e.Dir, e.Near)
	}
	return fmt.Sprintf("no preset named %q in %s", e.Name, e.Dir)
}

// notFound is the error of a name with no file, with the nearest name that
// has one.
func (s Store) notFound(name string) error {
	entries, _ := os.ReadDir(s.Dir)
	var names []string
	for _, e := range entries {
		if file := e.Name(); !strings.HasPrefix(file, ".") && strings.HasSuffix(file, fileExt) {
			names = append(names, strings.TrimSuffix(file, fileExt))
		}
	}
	return &NotFoundError{Name: name, Dir: s.Dir, Near: mesh.Nearest(name, names)}
}

// Is matches ErrNotFound, and fs.ErrNotExist for callers that think in files.
func (e *NotFoundError) Is(target error) bool {
	return target == ErrNotFound || target == fs.ErrNotExist
}

// ErrExists matches every *ExistsError with errors.Is.
var ErrExists = errors.New("preset already exists")

// ExistsError is a save or rename onto a name that is taken. Callers ask the
// user, then save again with overwrite.
type ExistsError struct {
	Name, Path string
	// Unreadable is set when the existing file is not a preset this
	// meshlink can read (corrupt, or from a newer meshlink): replacing it
	// loses whatever it holds.
	Unreadable error
}

func (e *ExistsError) Error() string {
	msg := fmt.Sprintf("a preset named %q already exists (%s)", e.Name, e.Path)
	if e.Unreadable != nil {
		msg += fmt.Sprintf("; that file is not a preset meshlink can read (%v), and replacing it would lose its content, so meshlink never replaces it: fix it by hand, or remove it first", e.Unreadable)
	}
	return msg
}

// Is matches ErrExists, and fs.ErrExist for callers that think in files.
func (e *ExistsError) Is(target error) bool { return target == ErrExists || target == fs.ErrExist }

// FileError is a preset file that cannot be read or used. Err matches
// ErrCorrupt, ErrNewerVersion or ErrAccessTokens with errors.Is when that is
// the reason.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string {
	msg := e.Path + ": " + e.Err.Error()
	if errors.Is(e.Err, ErrCorrupt) || errors.Is(e.Err, ErrAccessTokens) {
		msg += "\nmeshlink leaves the file as it is: fix it by hand, or remove it"
	}
	return msg
}

func (e *FileError) Unwrap() error { return e.Err }

func (s Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Path is the file of the preset name, after checking the name.
func (s Store) Path(name string) (string, error) {
	if err := ValidateName(name); err != nil {
		return "", err
	}
	if s.Dir == "" {
		return "", errNoDir
	}
	return filepath.Join(s.Dir, name+fileExt), nil
}

// Exists reports whether a file holds the preset name, readable or not.
func (s Store) Exists(name string) (bool, error) {
	path, err := s.Path(name)
	if err != nil {
		return false, err
	}
	_, err = os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// Load reads the preset name. A file that cannot be used comes back as a
// *FileError naming it; Load never changes or moves a file.
func (s Store) Load(name string) (*Preset, error) {
	path, err := s.Path(name)
	if err != nil {
		return nil, err
	}
	p, err := s.read(name, path)
	if err != nil {
		return nil, err
	}
	p.LastUsed = s.lastUsed(name)
	return p, nil
}

// MaxFileBytes bounds a preset file: real ones are a few KiB, and a larger
// one is refused before it is read into memory.
const MaxFileBytes = mesh.MaxBodyBytes

func (s Store) read(name, path string) (*Preset, error) {
	return s.readWith(&fileReader{}, name, path)
}

func (s Store) readWith(r *fileReader, name, path string) (*Preset, error) {
	data, err := r.readPreset(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, s.notFound(name)
	}
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	p, err := Decode(data, name)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	return p, nil
}

// Save writes p under p.Name after checking it with p.Validate. Without
// overwrite it refuses a name that is taken with an *ExistsError; with
// overwrite it replaces the file, unless that file is not a preset meshlink
// can read (an *ExistsError with Unreadable set: its content would be lost).
// A name that differs from another preset's only by case or Unicode
// normalisation is refused (*NameError): on macOS and Windows they are one
// file. Save sets p.Created (when zero: kept from the file it replaces, else
// now) and p.Updated (now).
func (s Store) Save(p *Preset, overwrite bool) error {
	if err := s.check(p); err != nil {
		return err // before the lock, so a refused save leaves no trace
	}
	unlock, err := s.lock()
	if err != nil {
		return err
	}
	defer unlock()
	return s.save(p, overwrite, false)
}

func (s Store) check(p *Preset) error {
	if err := p.Validate(); err != nil {
		return err
	}
	_, err := s.Path(p.Name)
	return err
}

// save is Save under the lock. keepTimes keeps p's Created and Updated when
// set, as an import does.
func (s Store) save(p *Preset, overwrite, keepTimes bool) error {
	if err := s.check(p); err != nil {
		return err
	}
	path, _ := s.Path(p.Name)
	if err := s.checkNameIsFree(p.Name, ""); err != nil {
		return err
	}
	q := *p
	if !keepTimes || q.Updated.IsZero() {
		q.Updated = fileTime(s.now())
	}
	if overwrite {
		old, err := s.read(p.Name, path)
		var fe *FileError
		switch {
		case errors.As(err, &fe):
			return &ExistsError{Name: p.Name, Path: path, Unreadable: fe.Err}
		case err == nil && q.Created.IsZero():
			q.Created = old.Created
		}
	}
	if q.Created.IsZero() {
		q.Created = q.Updated
	}
	q.Created = fileTime(q.Created)
	data, err := Encode(&q)
	if err != nil {
		return err
	}
	if err := writeFile(path, data, overwrite); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return s.existsError(p.Name, path)
		}
		return fmt.Errorf("save preset %q: %w", p.Name, err)
	}
	p.Created, p.Updated = q.Created, q.Updated
	return nil
}

func (s Store) existsError(name, path string) error {
	e := &ExistsError{Name: name, Path: path}
	var fe *FileError
	if _, err := s.read(name, path); errors.As(err, &fe) {
		e.Unreadable = fe.Err
	}
	return e
}

// Delete removes the preset name. A directory or other non-file in its
// place is left alone, with a *FileError.
func (s Store) Delete(name string) error {
	path, err := s.Path(name)
	if err != nil {
		return err
	}
	unlock, err := s.lock()
	if err != nil {
		return err
	}
	defer unlock()
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() && fi.Mode()&fs.ModeSymlink == 0 {
		return &FileError{Path: path, Err: corrupt(fmt.Errorf("it is a %s, not a preset file", kindOf(fi)))}
	}
	if err := os.Remove(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return s.notFound(name)
		}
		return fmt.Errorf("delete preset %q: %w", name, err)
	}
	_ = os.Remove(s.usedPath(name))
	return nil
}

// Rename gives the preset oldName the name newName, refusing with an
// *ExistsError when newName is taken. The file is rewritten with its new name, so a preset
// meshlink cannot read is not renamed: its *FileError says why.
func (s Store) Rename(oldName, newName string) error {
	oldPath, err := s.Path(oldName)
	if err != nil {
		return err
	}
	if err := ValidateNewName(newName); err != nil {
		return err
	}
	newPath, _ := s.Path(newName)
	unlock, err := s.lock()
	if err != nil {
		return err
	}
	defer unlock()
	if err := s.checkNameIsFree(newName, oldName); err != nil {
		return err
	}
	p, err := s.read(oldName, oldPath)
	if err != nil {
		return err
	}
	p.Name = newName
	data, err := Encode(p)
	if err != nil {
		return err
	}
	// Create the new file first: a crash in between leaves two copies,
	// never none.
	if err := writeFile(newPath, data, false); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return s.existsError(newName, newPath)
		}
		return fmt.Errorf("rename preset %q: %w", oldName, err)
	}
	if err := os.Remove(oldPath); err != nil {
		return fmt.Errorf("rename preset %q: saved it as %q but could not remove the old file: %w", oldName, newName, err)
	}
	_ = os.Rename(s.usedPath(oldName), s.usedPath(newName))
	return nil
}

// Export is the preset name as a file of the current version, ready to be
// shared. When it was last used is left out.
func (s Store) Export(name string) ([]byte, error) {
	p, err := s.Load(name)
	if err != nil {
		return nil, err
	}
	return Encode(p)
}

// Import saves a preset file that came from elsewhere (Export, a team repo,
// an older meshlink) under name, or under the name in the file when name is
// "". It validates like Save and replaces a preset only with overwrite. The
// file's created and updated times are kept: importing an export gives back
// the same file.
func (s Store) Import(data []byte, name string, overwrite bool) (*Preset, error) {
	p, err := Decode(data, name)
	if err != nil {
		return nil, fmt.Errorf("import preset: %w", err)
	}
	if err := s.check(p); err != nil {
		return nil, err
	}
	unlock, err := s.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := s.save(p, overwrite, true); err != nil {
		return nil, err
	}
	return p, nil
}

// Touch records that the preset name was used at at.
func (s Store) Touch(name string, at time.Time) error {
	path, err := s.Path(name)
	if err != nil {
		return err
	}
	unlock, err := s.lock()
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return s.notFound(name)
		}
		return err
	}
	stamp := at.UTC().Format(time.RFC3339Nano) + "\n"
	if err := writeFile(s.usedPath(name), []byte(stamp), true); err != nil {
		return fmt.Errorf("record use of preset %q: %w", name, err)
	}
	return nil
}

func (s Store) usedPath(name string) string { return filepath.Join(s.Dir, usedDir, name) }

// lastUsed is zero when the preset was never used or its record is
// unreadable: it is a convenience, not worth an error.
func (s Store) lastUsed(name string) time.Time {
	return s.lastUsedWith(&fileReader{}, name)
}

func (s Store) lastUsedWith(r *fileReader, name string) time.Time {
	b, err := r.read(s.usedPath(name), 100)
	if err != nil || len(b) > 100 {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339Nano, strings.TrimSpace(string(b)))
	return t
}

// List summarizes every preset, sorted by name. A file that cannot be read
// is reported as a *FileError naming its path and skipped; List never
// changes, moves or deletes a file. A missing directory is an empty list.
func (s Store) List() ([]Summary, []error) {
	if s.Dir == "" {
		return nil, []error{errNoDir}
	}
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []error{&FileError{Path: s.Dir, Err: err}}
	}
	used := s.usedNames()
	var names []string
	var errs []error
	for _, e := range entries {
		file := e.Name()
		if strings.HasPrefix(file, ".") || !strings.HasSuffix(file, fileExt) {
			continue // temporary files, the lock and .lastused are dot-names
		}
		if e.IsDir() {
			errs = append(errs, &FileError{Path: filepath.Join(s.Dir, file), Err: corrupt(errors.New("it is a directory, not a preset file"))})
			continue
		}
		names = append(names, strings.TrimSuffix(file, fileExt))
	}
	// Reading waits on the file system as much as it decodes, so a few
	// readers at once, each with a contiguous share of the names (no
	// hand-off per file) and its own buffer.
	results := make([]listResult, len(names))
	var wg sync.WaitGroup
	readers := min(len(names), listReaders)
	for k := range readers {
		lo, hi := k*len(names)/readers, (k+1)*len(names)/readers
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &fileReader{}
			for i := lo; i < hi; i++ {
				results[i] = s.summarize(r, names[i], used[names[i]])
			}
		}()
	}
	wg.Wait()

	var out []Summary
	for _, r := range results {
		switch {
		case r.err != nil:
			errs = append(errs, r.err)
		case r.ok:
			out = append(out, r.summary)
		}
	}
	slices.SortFunc(out, func(a, b Summary) int { return strings.Compare(a.Name, b.Name) })
	return out, errs
}

const listReaders = 8

type listResult struct {
	summary Summary
	ok      bool
	err     error
}

func (s Store) summarize(r *fileReader, name string, used bool) listResult {
	path := filepath.Join(s.Dir, name+fileExt)
	if err := ValidateName(name); err != nil {
		return listResult{err: &FileError{Path: path, Err: fmt.Errorf("the file name is not a valid preset name: %w; rename the file", err)}}
	}
	p, err := s.readWith(r, name, path)
	if errors.Is(err, ErrNotFound) {
		return listResult{} // deleted since ReadDir
	}
	if err != nil {
		return listResult{err: err}
	}
	sum := Summary{
		Name:        p.Name,
		Description: p.Description,
		UseCase:     p.UseCase,
		Environment: p.Environment,
		NetworkIDs:  p.NetworkIDs(),
		Updated:     p.Updated,
		Path:        path,
	}
	if used {
		sum.LastUsed = s.lastUsedWith(r, name)
	}
	return listResult{summary: sum, ok: true}
}

// usedNames is the set of presets with a last-use record, read once so List
// opens no record that does not exist.
func (s Store) usedNames() map[string]bool {
	entries, _ := os.ReadDir(filepath.Join(s.Dir, usedDir))
	set := make(map[string]bool, len(entries))
	for _, e := range entries {
		set[e.Name()] = true
	}
	return set
}

// CheckNameIsFree is the refusal Save would give name for another preset
// whose name differs only by case or Unicode normalisation, for a caller
// that must know before it acts.
func (s Store) CheckNameIsFree(name string) error { return s.checkNameIsFree(name, "") }

// checkNameIsFree refuses name when another preset's name (other than
// except, which is being renamed) differs from it only by case or Unicode
// normalisation: macOS and Windows keep both in one file.
func (s Store) checkNameIsFree(name, except string) error {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return nil // no directory, no presets to collide with
	}
	key := foldName(name)
	for _, e := range entries {
		file := e.Name()
		if strings.HasPrefix(file, ".") || !strings.HasSuffix(file, fileExt) {
			continue
		}
		other := strings.TrimSuffix(file, fileExt)
		if other != name && other != except && foldName(other) == key {
			return &NameError{Name: name, Rule: fmt.Sprintf("differs from the existing preset %q only by case or Unicode normalisation, and macOS and Windows store both as one file; use %q, or choose another name", other, other)}
		}
	}
	return nil
}

func kindOf(fi fs.FileInfo) string {
	return strings.TrimPrefix(regularfile.Kind(fi.Mode()), "a ")
}
