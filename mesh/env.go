package mesh

import (
	"fmt"
	"strings"
)

// Environment is a Mesh API to talk to.
type Environment string

const (
	EnvDemo       Environment = "demo"
	EnvSandbox    Environment = "sandbox"
	EnvProduction Environment = "production"
	// EnvCustom is a base URL the user gave (a proxy, a test server).
	EnvCustom Environment = "custom"
)

// Environments are the names a user can choose, in a menu's order.
var Environments = []Environment{EnvDemo, EnvSandbox, EnvProduction}

// Hosts of Mesh's integration API.
const (
	SandboxBaseURL    = "https://sandbox-integration-api.meshconnect.com"
	ProductionBaseURL = "https://integration-api.meshconnect.com"
)

// ParseEnvironment accepts demo, sandbox or production in any case.
func ParseEnvironment(s string) (Environment, error) {
	switch e := Environment(strings.ToLower(strings.TrimSpace(s))); e {
	case EnvDemo, EnvSandbox, EnvProduction:
		return e, nil
	case "prod":
		return EnvProduction, nil
	}
	return "", fmt.Errorf("unknown environment %q: use demo, sandbox or production", s)
}

// BaseURL is the environment's API host; demo and custom have none of their own.
func (e Environment) BaseURL() string {
	switch e {
	case EnvSandbox:
		return SandboxBaseURL
	case EnvProduction:
		return ProductionBaseURL
	}
	return ""
}

// Credentials are the two API-key headers. String never shows the secret, so
// a stray Printf cannot leak it.
type Credentials struct {
	ClientID     string
	ClientSecret string
}

// CredentialsFromEnv reads MESH_CLIENT_ID and MESH_CLIENT_SECRET.
func CredentialsFromEnv(getenv func(string) string) Credentials {
	return Credentials{ClientID: strings.TrimSpace(getenv("MESH_CLIENT_ID")), ClientSecret: strings.TrimSpace(getenv("MESH_CLIENT_SECRET"))}
}

// Complete reports whether both values are set.
func (c Credentials) Complete() bool { return c.ClientID != "" && c.ClientSecret != "" }

func (c Credentials) String() string {
	return fmt.Sprintf("client id %s, secret %s", Mask(c.ClientID), Mask(c.ClientSecret))
}

// GoString keeps %#v from printing the secret too.
func (c Credentials) GoString() string { return "mesh.Credentials{" + c.String() + "}" }

// Mask shows whether a value is set without showing any of it.
func Mask(s string) string {
	if s == "" {
		return "(not set)"
	}
	return fmt.Sprintf("set (%d characters)", len([]rune(s)))
}
