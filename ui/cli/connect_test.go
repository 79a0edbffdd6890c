package cli

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

func TestResolveTarget(t *testing.T) {
	creds := mesh.Credentials{ClientID: testClientID, ClientSecret: testSecret}
	cases := []struct {
		name string
		env  []string
		g    globalFlags
		want mesh.Target
	}{
		{"no_credentials_is_demo", nil, globalFlags{},
			mesh.Target{Env: mesh.EnvDemo, Credentials: mesh.DemoCredentials}},
		{"credentials_are_sandbox", withCreds, globalFlags{},
			mesh.Target{Env: mesh.EnvSandbox, BaseURL: mesh.SandboxBaseURL, Credentials: creds}},
		{"production_only_when_named", withCreds, globalFlags{env: "production"},
			mesh.Target{Env: mesh.EnvProduction, BaseURL: mesh.ProductionBaseURL, Credentials: creds}},
		{"prod_is_production", withCreds, globalFlags{env: "PROD"},
			mesh.Target{Env: mesh.EnvProduction, BaseURL: mesh.ProductionBaseURL, Credentials: creds}},
		{"demo_with_credentials_never_sends_them", withCreds, globalFlags{env: "demo"},
			mesh.Target{Env: mesh.EnvDemo, Credentials: mesh.DemoCredentials}},
		{"only_the_id_is_demo", []string{"MESH_CLIENT_ID", testClientID}, globalFlags{},
			mesh.Target{Env: mesh.EnvDemo, Credentials: mesh.DemoCredentials}},
		{"only_the_secret_is_demo", []string{"MESH_CLIENT_SECRET", testSecret}, globalFlags{},
			mesh.Target{Env: mesh.EnvDemo, Credentials: mesh.DemoCredentials}},
		{"blank_credentials_are_unset", []string{"MESH_CLIENT_ID", " ", "MESH_CLIENT_SECRET", "\t"}, globalFlags{},
			mesh.Target{Env: mesh.EnvDemo, Credentials: mesh.DemoCredentials}},
		{"credentials_are_trimmed", []string{"MESH_CLIENT_ID", " " + testClientID + "\n", "MESH_CLIENT_SECRET", testSecret + "\n"}, globalFlags{},
			mesh.Target{Env: mesh.EnvSandbox, BaseURL: mesh.SandboxBaseURL, Credentials: creds}},
		{"base_url_with_credentials", withCreds, globalFlags{baseURL: "https://proxy.example.com"},
			mesh.Target{Env: mesh.EnvCustom, BaseURL: "https://proxy.example.com", Credentials: creds}},
		{"base_url_on_loopback", withCreds, globalFlags{baseURL: "http://127.0.0.1:8080"},
			mesh.Target{Env: mesh.EnvCustom, BaseURL: "http://127.0.0.1:8080", Credentials: creds}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stderr strings.Builder
			app := &App{Getenv: getenvOf(c.env...), Err: &stderr}
			app.credentials = mesh.CredentialsFromEnv(app.Getenv) // as Execute reads them
			got, err := resolveTarget(app, &c.g)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
			// half-set credentials fall back to demo, and say so
			if half := len(c.env) == 2 && c.g.env == ""; half != strings.Contains(stderr.String(), "so the demo server is used") {
				t.Errorf("stderr %q for env %v", stderr.String(), c.env)
			}
		})
	}
}

func TestResolveTargetErrors(t *testing.T) {
	cases := []struct {
		name string
		env  []string
		g    globalFlags
		says []string
	}{
		{"sandbox_without_credentials", nil, globalFlags{env: "sandbox"},
			[]string{"sandbox needs MESH_CLIENT_ID and MESH_CLIENT_SECRET", "neither MESH_CLIENT_ID nor MESH_CLIENT_SECRET is set", "--env demo"}},
		{"production_without_the_secret", []string{"MESH_CLIENT_ID", testClientID}, globalFlags{env: "production"},
			[]string{"production needs", "MESH_CLIENT_SECRET is not set"}},
		{"sandbox_without_the_id", []string{"MESH_CLIENT_SECRET", testSecret}, globalFlags{env: "sandbox"},
			[]string{"MESH_CLIENT_ID is not set"}},
		{"unknown_environment", withCreds, globalFlags{env: "staging"},
			[]string{`unknown environment "staging"`, "demo, sandbox or production"}},
		{"base_url_and_env", withCreds, globalFlags{env: "sandbox", baseURL: "https://proxy.example.com"},
			[]string{"give --env or --base-url, not both"}},
		{"base_url_not_http", withCreds, globalFlags{baseURL: "ftp://proxy.example.com"},
			[]string{`--base-url "ftp://proxy.example.com" is not an http(s) address`}},
		{"base_url_without_scheme", withCreds, globalFlags{baseURL: "proxy.example.com"},
			[]string{"is not an http(s) address"}},
		{"base_url_without_host", withCreds, globalFlags{baseURL: "https://"},
			[]string{"is not an http(s) address"}},
		{"base_url_without_credentials", nil, globalFlags{baseURL: "http://127.0.0.1:8080"},
			[]string{"--base-url needs MESH_CLIENT_ID and MESH_CLIENT_SECRET"}},
		{"base_url_with_half_the_credentials", []string{"MESH_CLIENT_ID", testClientID}, globalFlags{baseURL: "http://127.0.0.1:8080"},
			[]string{"--base-url needs MESH_CLIENT_ID and MESH_CLIENT_SECRET"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := &App{Getenv: getenvOf(c.env...)}
			app.credentials = mesh.CredentialsFromEnv(app.Getenv) // as Execute reads them
			got, err := resolveTarget(app, &c.g)
			if err == nil {
				t.Fatalf("got %+v, want an error", got)
			}
			wantUsage(t, err, c.says...)
			if strings.Contains(err.Error(), testSecret) {
				t.Errorf("the error shows the secret: %v", err)
			}
		})
	}
}

func TestConnectorDemoStartsOneLoopbackServer(t *testing.T) {
	httpClient := &http.Client{}
	conn := &connector{app: &App{HTTPClient: httpClient, Now: time.Now, Getenv: getenvOf("MESHLINK_DEMO_SERVER", "off")}, g: &globalFlags{timeout: 7 * time.Second}}
	secret := mesh.Credentials{ClientID: testClientID, ClientSecret: testSecret}
	first, err := conn.client(mesh.Target{Env: mesh.EnvDemo, Credentials: secret})
	if err != nil {
		t.Fatal(err)
	}
	second, err := conn.client(mesh.Target{Env: mesh.EnvDemo, Credentials: secret})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.BaseURL, "http://127.0.0.1:") {
		t.Errorf("demo URL %q is not on 127.0.0.1", first.BaseURL)
	}
	if second.BaseURL != first.BaseURL {
		t.Errorf("a second demo client got another server: %s, then %s", first.BaseURL, second.BaseURL)
	}
	if !reflect.DeepEqual(first.TrustedLinkOrigins, []string{first.BaseURL}) {
		t.Errorf("TrustedLinkOrigins %v, want the demo server %s", first.TrustedLinkOrigins, first.BaseURL)
	}
	if first.Credentials != mesh.DemoCredentials {
		t.Errorf("the demo server was given the user's credentials")
	}
	if first.Env != mesh.EnvDemo || first.HTTPClient != httpClient || first.Timeout != 7*time.Second {
		t.Errorf("client env %s, timeout %s, HTTP client from the App: %t", first.Env, first.Timeout, first.HTTPClient == httpClient)
	}
	get := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Get
	resp, err := get(first.BaseURL + mesh.PathNetworks)
	if err != nil {
		t.Fatalf("the demo server is not serving: %v", err)
	}
	resp.Body.Close()

	conn.Close()
	if resp, err := get(first.BaseURL + mesh.PathNetworks); err == nil {
		resp.Body.Close()
		t.Errorf("the demo server still answers after Close")
	}
}

func TestConnectorTrustsOnlyLoopbackLinks(t *testing.T) {
	cases := []struct {
		name    string
		env     mesh.Environment
		baseURL string
		base    string
		trusted []string
	}{
		{"loopback_ip", mesh.EnvCustom, "http://127.0.0.1:8080/prefix", "http://127.0.0.1:8080/prefix", []string{"http://127.0.0.1:8080"}},
		{"localhost", mesh.EnvCustom, "http://localhost:9000", "http://localhost:9000", []string{"http://localhost:9000"}},
		{"ipv6_loopback", mesh.EnvCustom, "http://[::1]:8080", "http://[::1]:8080", []string{"http://[::1]:8080"}},
		{"remote_host", mesh.EnvCustom, "https://proxy.example.com", "https://proxy.example.com", nil},
		{"loopback_lookalike", mesh.EnvCustom, "http://127.0.0.1.example.com", "http://127.0.0.1.example.com", nil},
		{"localhost_lookalike", mesh.EnvCustom, "http://localhost.example.com:8080", "http://localhost.example.com:8080", nil},
		{"sandbox", mesh.EnvSandbox, "", mesh.SandboxBaseURL, nil},
		{"production", mesh.EnvProduction, "", mesh.ProductionBaseURL, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conn := &connector{app: &App{}, g: &globalFlags{}}
			defer conn.Close()
			cl, err := conn.client(mesh.Target{Env: c.env, BaseURL: c.baseURL, Credentials: mesh.Credentials{ClientID: "id", ClientSecret: "s"}})
			if err != nil {
				t.Fatal(err)
			}
			if cl.BaseURL != c.base {
				t.Errorf("BaseURL %q, want %q", cl.BaseURL, c.base)
			}
			if !reflect.DeepEqual(cl.TrustedLinkOrigins, c.trusted) {
				t.Errorf("TrustedLinkOrigins %v, want %v", cl.TrustedLinkOrigins, c.trusted)
			}
			if conn.demo != nil {
				t.Errorf("a demo server was started for %s", c.env)
			}
			if cl.Credentials != (mesh.Credentials{ClientID: "id", ClientSecret: "s"}) {
				t.Errorf("the user's credentials were not used")
			}
		})
	}
}

// The keys are read from the environment once a run, however many places
// use them (the target, the note about half-set keys, the catalog, the
// wizard's options).
func TestCredentialsAreReadOnce(t *testing.T) {
	for _, args := range [][]string{
		{"token", "--use-case", "withdrawal", "--user-id", "u1", "--dry-run"},
		{"token", "--use-case", "withdrawal", "--user-id", "u1", "--env", "demo"},
		{"paths"},
	} {
		app, _, errb := testApp(t, "MESH_CLIENT_ID", testClientID)
		app.HTTPClient = &http.Client{} // the in-process demo server, on loopback
		getenv, reads := app.Getenv, 0
		app.Getenv = func(k string) string {
			if k == "MESH_CLIENT_SECRET" {
				reads++
			}
			return getenv(k)
		}
		if err := Execute(context.Background(), app, args); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errb)
		}
		if reads != 1 {
			t.Errorf("%v read MESH_CLIENT_SECRET %d times, want once", args, reads)
		}
	}
}

// No client is made for a target without the keys it needs: every send, the
// CLI's and the wizard's, gets its client from the connector.
func TestConnectorRefusesATargetThatIsNotReady(t *testing.T) {
	app, _, _ := testApp(t)
	conn := &connector{app: app, g: &globalFlags{}}
	defer conn.Close()
	for _, target := range []mesh.Target{
		{Env: mesh.EnvSandbox, BaseURL: mesh.SandboxBaseURL, Credentials: mesh.Credentials{ClientID: "id"}},
		{Env: mesh.EnvProduction, BaseURL: mesh.ProductionBaseURL},
		{Env: mesh.EnvCustom, BaseURL: "https://proxy.example.com", Credentials: mesh.Credentials{ClientSecret: "s"}},
	} {
		cl, err := conn.client(target)
		var missing *mesh.CredentialsError
		if cl != nil || !errors.As(err, &missing) {
			t.Errorf("%s: client %v, error %v; want none and a *mesh.CredentialsError", target.Env, cl, err)
		}
	}
	if _, err := conn.client(mesh.TargetFor(mesh.EnvDemo, mesh.Credentials{})); err != nil {
		t.Errorf("demo needs no keys: %v", err)
	}
}
