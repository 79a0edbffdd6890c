package mesh

import (
	"errors"
	"fmt"
)

// DemoCredentials are what meshlink sends to its own demo server, which
// accepts any values: the user's keys never go there.
var DemoCredentials = Credentials{ClientID: "meshlink-demo", ClientSecret: "meshlink-demo"}

// DemoServerAddr is where `meshlink demo-server` listens by default. A curl
// command for the demo environment points there (DemoServerURL), since the
// demo server inside a meshlink run ends with it.
const (
	DemoServerAddr = "127.0.0.1:8080"
	DemoServerURL  = "http://" + DemoServerAddr
)

// DefaultEnvironment is where a run goes when the user names none: sandbox
// when both credentials are set, else demo. Never production.
func DefaultEnvironment(c Credentials) Environment {
	if c.Complete() {
		return EnvSandbox
	}
	return EnvDemo
}

// Missing names the credential variables that are not set, in a phrase
// like "MESH_CLIENT_SECRET is not set"; "" when both are.
func (c Credentials) Missing() string {
	switch {
	case c.ClientID == "" && c.ClientSecret == "":
		return "neither MESH_CLIENT_ID nor MESH_CLIENT_SECRET is set"
	case c.ClientID == "":
		return "MESH_CLIENT_ID is not set"
	case c.ClientSecret == "":
		return "MESH_CLIENT_SECRET is not set"
	}
	return ""
}

// Target is where API calls go and with which keys.
type Target struct {
	Env Environment
	// BaseURL is the API host: the environment's, or the custom one. It is
	// empty for demo, whose server gets its address when it starts.
	BaseURL string
	// Credentials are the user's, or DemoCredentials for demo.
	Credentials Credentials
}

// ChooseTarget applies the environment rule: a base URL means EnvCustom;
// else env names the environment (demo, sandbox, production or prod, in any
// case); else DefaultEnvironment(creds). Production is never chosen unless
// named. It checks the names and the base URL (CheckBaseURL), not the
// credentials: see Ready.
func ChooseTarget(env, baseURL string, creds Credentials) (Target, error) {
	if baseURL != "" {
		if env != "" {
			return Target{}, errors.New("an environment and a base URL were both given: choose one")
		}
		if err := CheckBaseURL(baseURL); err != nil {
			return Target{}, err
		}
		return Target{Env: EnvCustom, BaseURL: baseURL, Credentials: creds}, nil
	}
	e := DefaultEnvironment(creds)
	if env != "" {
		var err error
		if e, err = ParseEnvironment(env); err != nil {
			return Target{}, err
		}
	}
	return TargetFor(e, creds), nil
}

// TargetFor is the target of a named environment (not EnvCustom, which needs its
// base URL): the environment's host, and for demo its own credentials.
func TargetFor(e Environment, creds Credentials) Target {
	if e == EnvDemo {
		creds = DemoCredentials
	}
	return Target{Env: e, BaseURL: e.BaseURL(), Credentials: creds}
}

// Ready reports whether t can send: every environment but demo needs both
// credentials (a *CredentialsError otherwise).
func (t Target) Ready() error {
	if t.Env != EnvDemo && !t.Credentials.Complete() {
		return &CredentialsError{Env: t.Env, Missing: t.Credentials.Missing()}
	}
	return nil
}

// CurlBaseURL is the host a command run outside meshlink (curl, a front-end
// snippet) sends to for t: BaseURL, or for demo DemoServerURL.
func (t Target) CurlBaseURL() string {
	if t.Env == EnvDemo {
		return DemoServerURL
	}
	return t.BaseURL
}

// CredentialsError is a target that needs the keys the user has not set.
type CredentialsError struct {
	Env     Environment
	Missing string // as Credentials.Missing says it
}

func (e *CredentialsError) Error() string {
	where := string(e.Env)
	if e.Env == EnvCustom {
		where = "a custom base URL"
	}
	return fmt.Sprintf("%s needs MESH_CLIENT_ID and MESH_CLIENT_SECRET in the environment (%s)", where, e.Missing)
}
