package mesh_test

import (
	"errors"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func TestChooseTarget(t *testing.T) {
	keys := mesh.Credentials{ClientID: "id", ClientSecret: "secret"}
	half := mesh.Credentials{ClientID: "id"}
	cases := []struct {
		name, env, baseURL string
		creds              mesh.Credentials
		want               mesh.Target
	}{
		{"no_credentials_is_demo", "", "", mesh.Credentials{}, mesh.Target{Env: mesh.EnvDemo, Credentials: mesh.DemoCredentials}},
		{"half_the_credentials_is_demo", "", "", half, mesh.Target{Env: mesh.EnvDemo, Credentials: mesh.DemoCredentials}},
		{"credentials_are_sandbox", "", "", keys, mesh.Target{Env: mesh.EnvSandbox, BaseURL: mesh.SandboxBaseURL, Credentials: keys}},
		{"production_only_when_named", "production", "", keys, mesh.Target{Env: mesh.EnvProduction, BaseURL: mesh.ProductionBaseURL, Credentials: keys}},
		{"prod_in_any_case", "PROD", "", keys, mesh.Target{Env: mesh.EnvProduction, BaseURL: mesh.ProductionBaseURL, Credentials: keys}},
		{"demo_never_gets_the_users_keys", "demo", "", keys, mesh.Target{Env: mesh.EnvDemo, Credentials: mesh.DemoCredentials}},
		{"sandbox_named_without_keys_is_chosen", "sandbox", "", mesh.Credentials{}, mesh.Target{Env: mesh.EnvSandbox, BaseURL: mesh.SandboxBaseURL}},
		{"base_url_is_custom", "", "https://proxy.example.com", keys, mesh.Target{Env: mesh.EnvCustom, BaseURL: "https://proxy.example.com", Credentials: keys}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := mesh.ChooseTarget(c.env, c.baseURL, c.creds)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestChooseTargetErrors(t *testing.T) {
	cases := []struct {
		name, env, baseURL, says string
	}{
		{"unknown_environment", "staging", "", `unknown environment "staging": use demo, sandbox or production`},
		{"misspelt_environment", "sandbx", "", `unknown environment "sandbx": did you mean sandbox? (use demo, sandbox or production)`},
		{"both", "sandbox", "https://proxy.example.com", "choose one"},
		{"not_http", "", "ftp://proxy.example.com", `"ftp://proxy.example.com" is not an http(s) address`},
		{"no_scheme", "", "proxy.example.com", "is not an http(s) address"},
		{"no_host", "", "https://", "is not an http(s) address"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := mesh.ChooseTarget(c.env, c.baseURL, mesh.Credentials{ClientID: "id", ClientSecret: "s"})
			if err == nil {
				t.Fatalf("got %+v, want an error", got)
			}
			wantErr(t, err, c.says)
		})
	}
}

func TestTargetReady(t *testing.T) {
	keys := mesh.Credentials{ClientID: "id", ClientSecret: "s3cr3t"}
	cases := []struct {
		name   string
		target mesh.Target
		says   string // "" when ready
	}{
		{"demo_needs_no_keys", mesh.TargetFor(mesh.EnvDemo, mesh.Credentials{}), ""},
		{"sandbox_with_keys", mesh.TargetFor(mesh.EnvSandbox, keys), ""},
		{"sandbox_without_keys", mesh.TargetFor(mesh.EnvSandbox, mesh.Credentials{}),
			"sandbox needs MESH_CLIENT_ID and MESH_CLIENT_SECRET in the environment (neither MESH_CLIENT_ID nor MESH_CLIENT_SECRET is set)"},
		{"production_without_the_secret", mesh.TargetFor(mesh.EnvProduction, mesh.Credentials{ClientID: "id"}),
			"production needs MESH_CLIENT_ID and MESH_CLIENT_SECRET in the environment (MESH_CLIENT_SECRET is not set)"},
		{"custom_without_the_id", mesh.Target{Env: mesh.EnvCustom, BaseURL: "http://127.0.0.1:1", Credentials: mesh.Credentials{ClientSecret: "s3cr3t"}},
			"a custom base URL needs MESH_CLIENT_ID and MESH_CLIENT_SECRET in the environment (MESH_CLIENT_ID is not set)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.target.Ready()
			if c.says == "" {
				if err != nil {
					t.Fatalf("Ready() = %v", err)
				}
				return
			}
			var ce *mesh.CredentialsError
			if !errors.As(err, &ce) || err.Error() != c.says {
				t.Errorf("Ready() = %v, want a *CredentialsError saying %q", err, c.says)
			}
		})
	}
}

func TestCurlBaseURL(t *testing.T) {
	keys := mesh.Credentials{ClientID: "id", ClientSecret: "s"}
	for _, c := range []struct {
		target mesh.Target
		want   string
	}{
		{mesh.TargetFor(mesh.EnvDemo, keys), mesh.DemoServerURL},
		{mesh.TargetFor(mesh.EnvSandbox, keys), mesh.SandboxBaseURL},
		{mesh.TargetFor(mesh.EnvProduction, keys), mesh.ProductionBaseURL},
		{mesh.Target{Env: mesh.EnvCustom, BaseURL: "https://proxy.example.com"}, "https://proxy.example.com"},
	} {
		if got := c.target.CurlBaseURL(); got != c.want {
			t.Errorf("%s: CurlBaseURL() = %q, want %q", c.target.Env, got, c.want)
		}
	}
	if mesh.DemoServerURL != "http://127.0.0.1:8080" {
		t.Errorf("DemoServerURL %q is not the demo-server command's default address", mesh.DemoServerURL)
	}
}

// Without --env a run goes to sandbox with both keys and to demo otherwise,
// whatever the keys look like (production's, blank, half set): never to
// production, where real money moves.
func TestDefaultEnvironmentIsNeverProduction(t *testing.T) {
	for _, c := range []struct {
		id, secret string
		want       mesh.Environment
	}{
		{"", "", mesh.EnvDemo},
		{"id", "", mesh.EnvDemo},
		{"", "secret", mesh.EnvDemo},
		{"  ", "\t", mesh.EnvDemo}, // blank values, as a shell leaves them
		{"id", "secret", mesh.EnvSandbox},
		{"prod-client-id", "prod-secret", mesh.EnvSandbox}, // keys cannot ask for production
	} {
		creds := mesh.CredentialsFromEnv(func(k string) string {
			return map[string]string{"MESH_CLIENT_ID": c.id, "MESH_CLIENT_SECRET": c.secret}[k]
		})
		if got := mesh.DefaultEnvironment(creds); got != c.want {
			t.Errorf("id %q, secret %q: DefaultEnvironment = %s, want %s", c.id, c.secret, got, c.want)
		}
		target, err := mesh.ChooseTarget("", "", creds)
		if err != nil || target.Env != c.want || target.BaseURL == mesh.ProductionBaseURL {
			t.Errorf("id %q, secret %q: ChooseTarget with no environment = %+v, %v; want %s", c.id, c.secret, target, err, c.want)
		}
	}
}
