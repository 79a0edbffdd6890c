package history

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/atomicfile"
	"github.com/meshlink/meshlink/mesh/regularfile"
)

// MaxEntries is how many fetches the history keeps: the newest.
const MaxEntries = 1000

// File names in the state directory.
const (
	FileName = "history.jsonl"
	lockName = "history.lock"
)

// maxBody bounds the request body kept with an entry: the body is there for
// a support report, and a 1 MiB body a thousand times is not.
const maxBody = 64 << 10

// maxText bounds each text an API answers with (message, errorType,
// errorHash) in an entry: an answer may be megabytes, an entry is one line.
const maxText = 2 << 10

// maxLine is the longest line Read takes for an entry.
const maxLine = maxBody + 4*maxText + 4<<10

// Sources of an entry.
const (
	SourceCLI    = "cli"
	SourceWizard = "wizard"
)

// Entry is one fetch. Never a token, pay link or secret: see the package doc.
type Entry struct {
	Time          time.Time        `json:"time"`
	Source        string           `json:"source,omitempty"`
	Version       string           `json:"meshlinkVersion,omitempty"`
	Environment   mesh.Environment `json:"environment"`
	Host          string           `json:"host"`
	UseCase       mesh.UseCase     `json:"useCase,omitempty"`
	UserID        string           `json:"userId,omitempty"`
	TransactionID string           `json:"transactionId,omitempty"`
	OK            bool             `json:"ok"`
	ExpiresAt     *time.Time       `json:"expiresAt,omitempty"`
	PayLink       bool             `json:"payLink"`
	Status        int              `json:"status,omitempty"` // the HTTP status of a failure; 0 when no answer came
	ErrorType     string           `json:"errorType,omitempty"`
	ErrorHash     string           `json:"errorHash,omitempty"`
	Message       string           `json:"message,omitempty"`
	// Request is the body that was sent, without accessTokens.
	Request json.RawMessage `json:"request,omitempty"`
	// InProcessDemo: the demo server that issued the token ran inside the
	// meshlink run that fetched it and ended with that run; the token opens
	// nothing since, however long it had left (a `meshlink demo-server`
	// outlives the runs that use it).
	InProcessDemo bool `json:"inProcessDemo,omitempty"`
}

// Fetch is what one LinkToken call gives a new entry.
type Fetch struct {
	Time        time.Time
	Source      string
	Version     string
	Environment mesh.Environment
	Host        string
	Request     *mesh.LinkTokenRequest
	Token       *mesh.LinkToken // nil on failure
	Err         error
	// InProcessDemo: the server was the run's own demo server.
	InProcessDemo bool
}

// NewEntry records f, keeping only what an entry may hold.
func NewEntry(f Fetch) Entry {
	e := Entry{
		Time: f.Time.UTC().Truncate(time.Second), Source: f.Source, Version: f.Version,
		Environment: f.Environment, Host: f.Host, InProcessDemo: f.InProcessDemo,
	}
	if r := f.Request; r != nil {
		e.UseCase, e.UserID = mesh.UseCaseOf(r), r.UserID
		if t := r.TransferOptions; t != nil {
			e.TransactionID = t.TransactionID
		}
		e.Request = body(r)
	}
	if f.Err == nil && f.Token != nil {
		e.OK, e.PayLink = true, f.Token.PaymentLink != ""
		exp := f.Token.ExpiresAt.UTC().Truncate(time.Second)
		e.ExpiresAt = &exp
		return e
	}
	var apiErr *mesh.APIError
	switch {
	case errors.As(f.Err, &apiErr):
		e.Status, e.ErrorType, e.ErrorHash, e.Message = apiErr.StatusCode, clip(apiErr.ErrorType), clip(apiErr.ErrorHash), apiErr.Message
		if d := apiErr.Display; d != "" && d != e.Message {
			e.Message = strings.TrimPrefix(e.Message+" — "+d, " — ")
		}
		e.Message = clip(e.Message)
	case errors.Is(f.Err, context.Canceled):
		e.Message = "interrupted"
	case f.Err != nil:
		e.Message, _, _ = strings.Cut(f.Err.Error(), "\n")
		e.Message = clip(e.Message)
	}
	return e
}

// clip keeps the start of s, at most maxText bytes, whole characters.
func clip(s string) string {
	if len(s) <= maxText {
		return s
	}
	cut := maxText - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// body is r as sent, minus what an entry must not hold.
func body(r *mesh.LinkTokenRequest) json.RawMessage {
	copied := *r
	copied.AccessTokens = nil
	b, err := json.Marshal(&copied)
	if err != nil || len(b) > maxBody {
		return nil
	}
	return b
}

// Expired reports whether a successful entry's token has expired at now;
// one without an expiry (a file edited by hand) counts as expired.
func (e Entry) Expired(now time.Time) bool {
	return e.ExpiresAt == nil || !now.Before(*e.ExpiresAt)
}

// Ended reports whether a successful entry's token, not expired at now,
// opens nothing all the same: its in-process demo server ended with the run
// that fetched it. It is read in another run (history, report, the
// wizard's first screen), never in the one that fetched.
func (e Entry) Ended(now time.Time) bool {
	return e.OK && e.InProcessDemo && !e.Expired(now)
}

// Log is the history file in Dir.
type Log struct {
	Dir string
	// Max is how many entries are kept; 0 means MaxEntries.
	Max int
	// LockWait bounds the wait for another meshlink's write; 0 means 2s.
	LockWait time.Duration
}

// Path is the history file.
func (l Log) Path() string { return filepath.Join(l.Dir, FileName) }

func (l Log) max() int {
	if l.Max > 0 {
		return l.Max
	}
	return MaxEntries
}

// Append adds e as the newest entry. It appends one line; only when the
// file has grown past trimAt does it rewrite it with the newest Max. The
// file is never followed through a symbolic link, and anything but a
// regular file in its place is refused (regularfile).
func (l Log) Append(e Entry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	if err := os.MkdirAll(l.Dir, 0o700); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	release, err := l.lock()
	if err != nil {
		return err
	}
	defer release()

	f, err := l.open(os.O_RDWR | os.O_APPEND | os.O_CREATE)
	if err != nil {
		return err
	}
	if endsMidLine(f) {
		line = append([]byte{'\n'}, line...) // else the entry joins a torn line and is lost with it
	}
	_, err = f.Write(line)
	if err == nil {
		err = f.Chmod(0o600) // a file made by hand, or by an older meshlink, is made private too
	}
	var size int64
	if err == nil {
		var fi os.FileInfo
		if fi, err = f.Stat(); err == nil {
			size = fi.Size()
		}
	}
	if err == nil && size > l.trimAt() {
		err = l.trim(f, size)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// endsMidLine reports whether f's last line has no newline (a write cut
// off by a crash, a file edited by hand).
func endsMidLine(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return false
	}
	last := make([]byte, 1)
	_, err = f.ReadAt(last, fi.Size()-1)
	return err == nil && last[0] != '\n'
}

// open opens the history file with flag, never through a symbolic link
// and never anything but a regular file.
func (l Log) open(flag int) (*os.File, error) {
	f, err := regularfile.Open(l.Path(), flag|regularfile.NoFollow, 0o600)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		err = fmt.Errorf("history: %w", err)
	}
	return f, err
}

// trimAt is the size past which Append trims the file: a KiB an entry kept,
// so with entries of a typical size a trim comes once every Max fetches
// or so, not on every one.
func (l Log) trimAt() int64 { return int64(l.max()) << 10 }

// trim rewrites the file f (of size bytes) with its newest Max lines, in one
// rename, dropping lines too long to be entries. It reads the file's tail
// from the end and streams it: memory stays bounded however large the file
// grew. The caller holds the lock.
func (l Log) trim(f *os.File, size int64) error {
	start, err := tailStart(f, size, l.max())
	if err != nil {
		return err
	}
	dropped := start > 0
	err = atomicfile.WriteFrom(l.Path(), 0o600, func(w io.Writer) error {
		r := bufio.NewReaderSize(io.NewSectionReader(f, start, size-start), 64<<10)
		bw := bufio.NewWriterSize(w, 64<<10)
		for {
			line, tooLong, err := readLine(r, maxLine)
			dropped = dropped || tooLong
			if _, werr := bw.Write(line); werr != nil {
				return werr
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
		}
		if !dropped {
			return errUnchanged
		}
		return bw.Flush()
	})
	if errors.Is(err, errUnchanged) {
		return nil
	}
	return err
}

// errUnchanged stops a trim that would write the file as it is.
var errUnchanged = errors.New("nothing to trim")

// tailStart is the offset in f (of size bytes) where its newest n lines
// begin, 0 when it has no more. It reads f backwards, a block at a time.
func tailStart(f io.ReaderAt, size int64, n int) (int64, error) {
	buf := make([]byte, 64<<10)
	end := size - 1 // the last byte ends the newest line, newline or not
	for end > 0 {
		from := max(end-int64(len(buf)), 0)
		block := buf[:end-from]
		if _, err := f.ReadAt(block, from); err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
		for i := bytes.LastIndexByte(block, '\n'); i >= 0; i = bytes.LastIndexByte(block[:i], '\n') {
			if n--; n == 0 {
				return from + int64(i) + 1, nil
			}
		}
		end = from
	}
	return 0, nil
}

// lock takes the writers' lock, waiting at most LockWait.
func (l Log) lock() (func(), error) {
	wait := l.LockWait
	if wait <= 0 {
		wait = 2 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	path := filepath.Join(l.Dir, lockName)
	unlock, err := regularfile.Lock(ctx, path, 5*time.Millisecond)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("another meshlink held %s for %s", path, wait)
	}
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return unlock, nil
}

// Read returns the newest Max entries, newest first, reading only the
// file's tail. Lines that do not parse (a file edited by hand) are skipped
// and counted in skipped.
func (l Log) Read() (entries []Entry, skipped int, err error) {
	f, err := l.open(os.O_RDONLY)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, fmt.Errorf("history: %w", err)
	}
	start, err := tailStart(f, fi.Size(), l.max())
	if err != nil {
		return nil, 0, fmt.Errorf("history: %w", err)
	}
	r := bufio.NewReaderSize(io.NewSectionReader(f, start, fi.Size()-start), 64<<10)
	for {
		line, tooLong, err := readLine(r, maxLine)
		var e Entry
		switch {
		case tooLong:
			skipped++
		case len(bytes.TrimSpace(line)) == 0:
		case json.Unmarshal(line, &e) != nil:
			skipped++
		default:
			entries = append(entries, e)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, skipped, fmt.Errorf("history: %w", err)
		}
	}
	for i, j := 0, len(entries)-1; i < j; i, j = i+1, j-1 {
		entries[i], entries[j] = entries[j], entries[i]
	}
	return entries, skipped, nil
}

// readLine reads the next line of r. A line longer than max is read to its
// end and dropped: tooLong, with no bytes kept.
func readLine(r *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong && len(line)+len(chunk) > max {
			tooLong, line = true, nil
		}
		if !tooLong {
			line = append(line, chunk...)
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, tooLong, err
		}
	}
}
