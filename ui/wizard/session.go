package wizard

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/clip"
	"github.com/meshlink/meshlink/ui/open"
)

// session is what every screen shares: the options the wizard started
// with, how it draws, where it sends, and the request being built. Screens
// read and change it; which screen shows is the root's business alone.
type session struct {
	o    Options
	ctx  context.Context
	st   styles
	keys keys
	copy func(text string) (clip.Method, error)

	setup    setup
	problems mesh.Problems
	// preset is the name of the preset the setup came from, if any: a
	// token fetched from it records it as used.
	preset, presetDescription string

	catalog *mesh.Catalog
	// catalogLine says where the catalog came from and how old it is,
	// computed when it changes (a view reads no clock).
	catalogLine string

	env mesh.Environment
	// creds holds keys per environment for this run: keys typed for
	// sandbox are never sent to production.
	creds map[mesh.Environment]mesh.Credentials
	// prodConfirmed is set by the typed confirmation and cleared when the
	// environment changes.
	prodConfirmed bool

	// recent describes the newest fetches of the history, one line each,
	// for the first screen.
	recent []string

	// open opens a web address in the browser (tests stub it).
	open func(url string) error

	status status
	// tick schedules the result's countdown (tests stub it).
	tick func(id int) tea.Cmd
	// after delivers msg in d, for the transfer's polls (tests stub it).
	after func(d time.Duration, msg tea.Msg) tea.Cmd

	// health is Mesh's integration status per environment, asked once
	// each (healthAsked) in the background.
	health      map[mesh.Environment][]mesh.IntegrationHealth
	healthAsked map[mesh.Environment]bool
}

type statusKind int

const (
	statusInfo statusKind = iota
	statusOK
	statusWarn
	statusErr
)

// status is the one-line message under the screen.
type status struct {
	kind statusKind
	text string
}

func newSession(ctx context.Context, o Options) *session {
	s := &session{
		o:     o,
		ctx:   ctx,
		st:    newStyles(o.Out, o.NoColor || o.Getenv("NO_COLOR") != ""),
		keys:  defaultKeys(),
		env:   o.Env,
		creds: map[mesh.Environment]mesh.Credentials{},
		setup: newSetup(mesh.UseDeposit, o.NewID),
	}
	if o.Credentials.Complete() {
		// keys from the environment belong to the environment they were
		// started with; started on demo, they are sandbox's (the default
		// with keys).
		owner := o.Env
		if owner == mesh.EnvDemo {
			owner = mesh.DefaultEnvironment(o.Credentials)
		}
		s.creds[owner] = o.Credentials
	}
	s.tick = tick
	s.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return tea.Tick(d, func(time.Time) tea.Msg { return msg })
	}
	s.health, s.healthAsked = map[mesh.Environment][]mesh.IntegrationHealth{}, map[mesh.Environment]bool{}
	s.copy = func(text string) (clip.Method, error) { return clip.Copy(text, o.Out, o.Getenv) }
	s.open = open.Opener{Getenv: o.Getenv, Output: io.Discard}.URL // a browser's chatter must not reach the screen
	s.revalidate()
	return s
}

func (s *session) say(k statusKind, text string) { s.status = status{k, text} }
func (s *session) clearStatus()                  { s.status = status{} }

// request is the body the setup gives now.
func (s *session) request() *mesh.LinkTokenRequest { return buildRequest(s.setup) }

func (s *session) revalidate() { s.problems = mesh.Validate(s.request(), s.catalog) }

// target is where a call for env goes, with the keys this run has for it.
func (s *session) target(env mesh.Environment) mesh.Target { return s.o.target(env, s.creds[env]) }

// needsKeys: sending to env needs keys the run does not have yet.
func (s *session) needsKeys(env mesh.Environment) bool { return s.target(env).Ready() != nil }

func (s *session) setCatalog(c *mesh.Catalog) {
	s.catalog = c
	s.catalogLine = catalogLine(c, s.o.Now())
	s.revalidate()
}

// catalogDir is where the current environment's catalog is cached.
func (s *session) catalogDir() string {
	if s.env == mesh.EnvCustom {
		return mesh.CatalogDir(s.o.CacheDir, s.env, s.o.BaseURL)
	}
	return mesh.CatalogDir(s.o.CacheDir, s.env, "")
}

// network is the catalog entry for id, or a stand-in named after the id.
func (s *session) network(id string) mesh.Network {
	if n, ok := s.catalog.Network(id); ok {
		return n
	}
	return mesh.Network{ID: id, Name: id}
}

// setEnv switches the environment; a production send asks again.
func (s *session) setEnv(e mesh.Environment) {
	s.env = e
	s.prodConfirmed = false
	switch e {
	case mesh.EnvProduction:
		s.say(statusWarn, "now on PRODUCTION: tokens are real; sending asks you to type production first")
	case mesh.EnvDemo:
		s.say(statusInfo, "now on the demo server: tokens are not real")
	default:
		s.say(statusInfo, "now on "+string(e))
	}
}

// hostLabel names where requests go in the current environment.
func (s *session) hostLabel() string {
	switch s.env {
	case mesh.EnvDemo:
		return "the built-in demo server (127.0.0.1)"
	case mesh.EnvCustom:
		return s.o.BaseURL
	}
	return s.env.BaseURL()
}

// catalogLine says where the catalog came from and how old it is.
func catalogLine(c *mesh.Catalog, now time.Time) string {
	if c == nil {
		return "loading the catalog…"
	}
	if c.Source == mesh.SourceCache {
		host := strings.TrimPrefix(strings.TrimPrefix(c.FetchedFrom, "https://"), "http://")
		return fmt.Sprintf("catalog: %s from %s, %s old", c.Source, host, age(now.Sub(c.FetchedAt)))
	}
	return fmt.Sprintf("catalog: %s of %s", c.Source, c.FetchedAt.Format("2006-01-02"))
}

func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "under a minute"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour")
	}
	return plural(int(d/(24*time.Hour)), "day")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
