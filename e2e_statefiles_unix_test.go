//go:build unix

package main

// End-to-end tests of what meshlink finds in its own folders: a FIFO where a
// file belongs, a symbolic link in the history's place, a history grown
// huge. Each run is bounded by meshlink()'s timeout, so a regression that
// blocks fails instead of hanging the suite.

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh/regularfile"
	"github.com/meshlink/meshlink/mesh/regularfile/regularfiletest"
)

// A FIFO in place of any file meshlink reads or locks in its folders is
// refused with its path and what it is; the run goes on where it can (a
// token is still printed, a dry run still checks the body), and never waits
// on it. Before, a FIFO history hung `token` after the fetch, with ctrl+c
// ignored and the single-use token never printed.
func TestAFIFOInMeshlinksFoldersIsRefusedNotWaitedOn(t *testing.T) {
	t.Parallel()
	body := `{"version":1,"name":"ok","useCase":"withdrawal","request":{"userId":"u1","restrictMultipleAccounts":true}}`
	cases := []struct {
		name string
		fifo func(s stateEnv) string
		args []string
		// code is the exit status; stdout must hold out, stderr says.
		code       int
		out, says  string
		withPreset bool
	}{
		{"history", func(s stateEnv) string { return filepath.Join(s.state, "history.jsonl") },
			[]string{"token", "--use-case", "withdrawal", "--user-id", "u1"}, 0, "", "not recorded in the history", false},
		{"history_lock", func(s stateEnv) string { return filepath.Join(s.state, "history.lock") },
			[]string{"token", "--use-case", "withdrawal", "--user-id", "u1"}, 0, "", "not recorded in the history", false},
		{"history_read", func(s stateEnv) string { return filepath.Join(s.state, "history.jsonl") },
			[]string{"history"}, 1, "", "history.jsonl is a named pipe", false},
		{"catalog", func(s stateEnv) string { return filepath.Join(s.cache, "catalogs", "sandbox", "networks.json") },
			[]string{"token", "--use-case", "withdrawal", "--user-id", "u1", "--dry-run"}, 0, `"userId": "u1"`, "warning: ignored the catalog cache", false},
		{"preset", func(s stateEnv) string { return filepath.Join(s.config, "presets", "piped.json") },
			[]string{"presets", "list"}, 0, "ok", "named pipe (FIFO), not a preset file", true},
		{"preset_last_use", func(s stateEnv) string { return filepath.Join(s.config, "presets", ".lastused", "ok") },
			[]string{"token", "--preset", "ok", "--dry-run"}, 0, `"userId": "u1"`, "", true},
		{"presets_lock", func(s stateEnv) string { return filepath.Join(s.config, "presets", ".lastused", ".lock") },
			[]string{"presets", "rm", "ok"}, 1, "", ".lock is a named pipe", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStateEnv(t)
			if c.withPreset {
				writeFile(t, filepath.Join(s.config, "presets", "ok.json"), body)
			}
			fifo := c.fifo(s)
			regularfiletest.Mkfifo(t, fifo)
			var creds []string
			if c.name == "catalog" {
				creds = withCreds // sandbox: its catalog is the cache's
			}
			r := meshlink(t, s.vars(creds...), "", c.args...)
			if r.code != c.code || !strings.Contains(r.stdout, c.out) || !strings.Contains(r.stderr, c.says) {
				t.Errorf("exit %d, want %d; stdout %q, want %q; stderr says %q?\n%s", r.code, c.code, r.stdout, c.out, c.says, r.stderr)
			}
			if c.says != "" && !strings.Contains(r.stderr, fifo) && !strings.Contains(r.stderr, filepath.Base(fifo)) {
				t.Errorf("stderr does not name %s:\n%s", fifo, r.stderr)
			}
			if c.args[0] == "token" && !strings.Contains(strings.Join(c.args, " "), "--dry-run") && strings.TrimSpace(r.stdout) == "" {
				t.Error("no token printed")
			}
			if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
				t.Errorf("the FIFO was replaced or moved: %v", err)
			}
		})
	}
}

// The history is never written through a symbolic link: the file the link
// points at keeps its content and its mode, and the token is printed all
// the same.
func TestHistoryNeverFollowsASymlink(t *testing.T) {
	t.Parallel()
	s := newStateEnv(t)
	target := filepath.Join(t.TempDir(), "notes.txt")
	writeFile(t, target, "someone's notes\n")
	if err := os.Chmod(target, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(s.state, "history.jsonl")); err != nil {
		t.Fatal(err)
	}
	r := meshlink(t, s.vars(), "", "token", "--use-case", "withdrawal", "--user-id", "u1")
	if r.code != 0 || strings.TrimSpace(r.stdout) == "" || !strings.Contains(r.stderr, "history.jsonl is a symbolic link") {
		t.Errorf("exit %d, stdout %q\n%s", r.code, r.stdout, r.stderr)
	}
	b, _ := os.ReadFile(target)
	fi, _ := os.Stat(target)
	if string(b) != "someone's notes\n" || fi.Mode().Perm() != 0o644 {
		t.Errorf("the link's target holds %q, mode %v", b, fi.Mode().Perm())
	}
}

// Another meshlink holding the history's lock costs this run a warning,
// never its token.
func TestAHeldHistoryLockCostsAWarningNotTheToken(t *testing.T) {
	t.Parallel()
	s := newStateEnv(t)
	unlock, err := regularfile.Lock(context.Background(), filepath.Join(s.state, "history.lock"), time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	r := meshlink(t, s.vars(), "", "token", "--use-case", "withdrawal", "--user-id", "u1", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"linkToken"`) || !strings.Contains(r.stderr, "warning: not recorded in the history") || !strings.Contains(r.stderr, "another meshlink held") {
		t.Errorf("exit %d, stdout %q\n%s", r.code, r.stdout, r.stderr)
	}
}

// A history grown huge (here 128 MiB with no line end, sparse so it costs
// no disk) is trimmed on the next fetch, and that fetch's memory does not
// grow with the file: it was read whole, every fetch, and never trimmed. (A
// streamed trim peaks at about 14 MiB; 128 MiB keeps the trim inside the
// run's 5 s wait for its history on a busy machine.)
func TestAHugeHistoryIsTrimmedInBoundedMemory(t *testing.T) {
	t.Parallel()
	s := newStateEnv(t)
	path := filepath.Join(s.state, "history.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	const size = 128 << 20
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "token", "--use-case", "withdrawal", "--user-id", "u-huge")
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "MESHLINK_DEMO_SERVER=off"}, s.vars()...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	if strings.TrimSpace(out.String()) == "" || strings.Contains(errb.String(), "warning") {
		t.Errorf("stdout %q\n%s", out.String(), errb.String())
	}
	peak := maxRSS(t, cmd.ProcessState.SysUsage())
	// On Linux a child starts its peak at its parent's: Go starts it with
	// vfork, sharing the test's memory until exec, and exec carries that
	// memory's peak over. So the child's own peak is bounded by the larger
	// of the test's and the bound; the file is larger than both.
	var self syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &self); err != nil {
		t.Fatal(err)
	}
	const bound = 48 << 20
	limit := max(maxRSS(t, &self), bound)
	if limit >= size { // about 75 MiB under -race -count=3
		t.Logf("memory not checked: the test's own peak memory (%d MiB) would hide a whole read of the %d MiB history", limit>>20, size>>20)
	} else if peak > limit {
		t.Errorf("meshlink's peak memory was %d MiB for a %d MiB history (bound %d MiB)", peak>>20, size>>20, limit>>20)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() > 4<<10 {
		t.Errorf("the history was not trimmed: %v, %d bytes", err, fi.Size())
	}
	r := meshlink(t, s.vars(), "", "history", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, "u-huge") {
		t.Errorf("history: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// The transfer statuses cached for `history --status` are only a cache: a
// FIFO in their file's place is passed over, never waited on.
func TestAFIFOForTheTransferCacheIsPassedOver(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	s := newStateEnv(t)
	env := s.vars(withCreds...)
	r := meshlink(t, env, "", "token", "--base-url", srv.URL, "--use-case", "deposit", "--user-id", "u1", "--transaction-id", "tx-fifo",
		"--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj")
	if r.code != 0 {
		t.Fatalf("token: exit %d\n%s", r.code, r.stderr)
	}
	regularfiletest.Mkfifo(t, filepath.Join(s.cache, "transfers.json"))
	r = meshlink(t, env, "", "history", "--status", "--base-url", srv.URL)
	if r.code != 0 || !strings.Contains(r.stdout, "tx-fifo") {
		t.Errorf("history --status: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// maxRSS is a process's peak resident memory in bytes.
func maxRSS(t *testing.T, usage any) int64 {
	t.Helper()
	r, ok := usage.(*syscall.Rusage)
	if !ok {
		t.Fatal("no resource usage")
	}
	if runtime.GOOS == "darwin" {
		return int64(r.Maxrss) // bytes
	}
	return int64(r.Maxrss) << 10 // KiB
}
