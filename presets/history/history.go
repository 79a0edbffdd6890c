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

	"github.com/gofrs/flock"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/atomicfile"
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
}

// NewEntry records f, keeping only what an entry may hold.
func NewEntry(f Fetch) Entry {
	e := Entry{
		Time: f.Time.UTC().Truncate(time.Second), Source: f.Source, Version: f.Version,
		Environment: f.Environment, Host: f.Host,
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
// file has grown past trimAt does it rewrite it with the newest Max.
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

	f, err := os.OpenFile(l.Path(), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	_, err = f.Write(line)
	if err == nil {
		err = f.Chmod(0o600) // a file made by hand, or by an older meshlink, is made private too
	}
	var size int64
	if err == nil {
		var fi os.FileInfo
		fi, err = f.Stat()
		size = fi.Size()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if size > l.trimAt() {
		return l.trim()
	}
	return nil
}

// trimAt is the size past which Append trims the file: a KiB an entry kept,
// so with entries of a typical size a trim comes once every Max fetches
// or so, not on every one.
func (l Log) trimAt() int64 { return int64(l.max()) << 10 }

// trim rewrites the file with its newest Max lines, in one rename. The
// caller holds the lock.
func (l Log) trim() error {
	data, err := os.ReadFile(l.Path())
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	keep := data
	for drop := bytes.Count(data, []byte("\n")) - l.max(); drop > 0; drop-- {
		_, keep, _ = bytes.Cut(keep, []byte("\n"))
	}
	if len(keep) == len(data) {
		return nil
	}
	if err := atomicfile.Write(l.Path(), keep, 0o600); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
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
	fl := flock.New(path, flock.SetPermissions(0o600))
	ok, err := fl.TryLockContext(ctx, 5*time.Millisecond)
	if !ok {
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("another meshlink held %s for %s", path, wait)
		}
		return nil, fmt.Errorf("history: %w", err)
	}
	return func() { _ = fl.Unlock() }, nil
}

// Read returns the entries, newest first. Lines that do not parse (a file
// edited by hand) are skipped and counted in skipped.
func (l Log) Read() (entries []Entry, skipped int, err error) {
	f, err := os.Open(l.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("history: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
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
	if len(entries) > l.max() {
		entries = entries[len(entries)-l.max():]
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
