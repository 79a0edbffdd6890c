package mesh

import (
	"fmt"
	"net"
	"net/url"
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
	if near := Nearest(strings.ToLower(strings.TrimSpace(s)), []string{string(EnvDemo), string(EnvSandbox), string(EnvProduction)}); near != "" {
		return "", fmt.Errorf("unknown environment %q: did you mean %s? (use demo, sandbox or production)", s, near)
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

// Mask shows whether a value is set and nothing else: not a character of
// it, not even its length.
func Mask(s string) string {
	if s == "" {
		return "not set"
	}
	return "set"
}

// CheckBaseURL refuses an API address the credentials must not travel to:
// anything but http(s), and plain http to any host but this machine's, where
// the secret would cross the network unencrypted.
func CheckBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) address like https://proxy.example.com", CleanText(raw))
	}
	if u.User != nil {
		return fmt.Errorf("%s holds a user name or password, which would show in process lists and messages: give the host alone (Mesh's keys come from MESH_CLIENT_ID and MESH_CLIENT_SECRET)", CleanText(u.Redacted()))
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return fmt.Errorf("%s uses plain http, which would send MESH_CLIENT_SECRET unencrypted: use https://%s (plain http is only for this machine: 127.0.0.1, [::1], localhost)", CleanText(u.Scheme+"://"+u.Host), CleanText(u.Host))
	}
	return nil
}

// IsLoopbackHost reports whether host (no port; IPv6 without brackets) is
// this machine: localhost, 127.0.0.0/8 or ::1.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
