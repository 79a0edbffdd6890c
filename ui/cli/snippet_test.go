package cli

import (
	"context"
	"encoding/base64"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh/snippet"
)

const sampleToken = "aHR0cHM6Ly93ZWIubWVzaGNvbm5lY3QuY29tL2IyYi1pZnJhbWUvYWJjL2Jyb2tlci1jb25uZWN0"

func TestSnippetPrintsThePlatformsCode(t *testing.T) {
	app, out, _ := testApp(t)
	if err := Execute(context.Background(), app, []string{"snippet", "React", "--token", sampleToken}); err != nil {
		t.Fatal(err)
	}
	want, _ := snippet.Render(snippet.React, snippet.Options{Token: sampleToken})
	if out.String() != want {
		t.Errorf("stdout is not the react snippet:\n%s", out)
	}
}

func TestSnippetReadsTheTokenAndAccessTokens(t *testing.T) {
	app, out, _ := testApp(t)
	app.In = strings.NewReader(sampleToken + "\n")
	file := filepath.Join(t.TempDir(), "tokens.json")
	os.WriteFile(file, []byte(`[{"accountId":"a1","accountName":"Main","accessToken":"managed-secret","brokerType":"coinbase","brokerName":"Coinbase"}]`), 0o600)
	if err := Execute(context.Background(), app, []string{"snippet", "ios", "--token", "-", "--access-tokens", file}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"` + sampleToken + `"`, `accessToken: "managed-secret"`, "IntegrationAccessToken("} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("snippet lacks %q", want)
		}
	}
}

func TestSnippetNodeCallsTheNamedEnvironment(t *testing.T) {
	for env, want := range map[string]string{"": "https://sandbox-integration-api.meshconnect.com", "demo": "http://127.0.0.1:8080", "production": "https://integration-api.meshconnect.com"} {
		app, out, _ := testApp(t)
		args := []string{"snippet", "node"}
		if env != "" {
			args = append(args, "--env", env)
		}
		if err := Execute(context.Background(), app, args); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "?? '"+want+"'") {
			t.Errorf("--env %q: the node snippet does not call %s", env, want)
		}
	}
}

func TestSnippetMistakes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		says []string
	}{
		{"unknown_platform", []string{"snippet", "vue"}, []string{`unknown platform "vue"`, snippet.Names()}},
		{"no_platform", []string{"snippet"}, []string{"name one platform", snippet.Names()}},
		{"two_platforms", []string{"snippet", "web", "ios"}, []string{"name one platform"}},
		{"not_a_token", []string{"snippet", "web", "--token", "');alert(1);('"}, []string{"not a link token"}},
		{"paylink_from_a_token", []string{"snippet", "paylink", "--token", sampleToken}, []string{"--pay-link"}},
		{"missing_access_tokens_file", []string{"snippet", "web", "--access-tokens", "/nonexistent.json"}, []string{"--access-tokens"}},
		{"token_snippet_unknown", []string{"token", "--use-case", "withdrawal", "--user-id", "u1", "--snippet", "vue"}, []string{"--snippet", snippet.Names()}},
		{"token_snippet_and_json", []string{"token", "--use-case", "withdrawal", "--user-id", "u1", "--snippet", "web", "--json"}, []string{"--json or --snippet"}},
		{"token_snippet_dry_run", []string{"token", "--use-case", "withdrawal", "--user-id", "u1", "--snippet", "web", "--dry-run"}, []string{"meshlink snippet web"}},
	}
	dir := t.TempDir()
	for name, entry := range map[string]string{
		"no_broker_type":      `{"accountId":"a1","accountName":"Main","accessToken":"at","brokerName":"Coinbase"}`,
		"no_broker_name":      `{"accountId":"a1","accountName":"Main","accessToken":"at","brokerType":"coinbase"}`,
		"unknown_broker_type": `{"accountId":"a1","accountName":"Main","accessToken":"at","brokerType":"coinbse","brokerName":"Coinbase"}`,
	} {
		file := filepath.Join(dir, name+".json")
		os.WriteFile(file, []byte("["+entry+"]"), 0o600)
		says := map[string][]string{
			"no_broker_type":      {"accessTokens[0] has no brokerType", "coinbase, kraken"},
			"no_broker_name":      {"accessTokens[0] has no brokerName"},
			"unknown_broker_type": {`brokerType "coinbse"`, "did you mean coinbase?", "coinbase, kraken"},
		}[name]
		cases = append(cases, struct {
			name string
			args []string
			says []string
		}{"access_tokens_" + name, []string{"snippet", "web", "--access-tokens", file}, says})
	}
	cases = append(cases, struct {
		name string
		args []string
		says []string
	}{"token_snippet_access_token_without_broker", []string{"token", "--use-case", "withdrawal", "--user-id", "u1",
		"--set", "accessTokens[0].accessToken=at", "--snippet", "react"}, []string{"nothing was sent", "has no brokerName"}})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app, out, _ := testApp(t) // no network: nothing may be sent
			err := Execute(context.Background(), app, c.args)
			wantUsage(t, err, c.says...)
			if ExitCode(err) != ExitUsage {
				t.Errorf("exit %d, want %d", ExitCode(err), ExitUsage)
			}
			if out.Len() > 0 {
				t.Errorf("stdout: %q", out)
			}
		})
	}
}

func TestTokenSnippetEmbedsTheFreshToken(t *testing.T) {
	app, out, errb := testApp(t)
	app.HTTPClient = &http.Client{} // the in-process demo server, on loopback
	err := Execute(context.Background(), app, []string{"token", "--use-case", "withdrawal", "--user-id", "u1",
		"--set", "accessTokens[0].accessToken=managed-secret", "--set", "accessTokens[0].accountId=a1",
		"--set", "accessTokens[0].brokerType=coinbase", "--set", "accessTokens[0].brokerName=Coinbase", "--snippet", "web"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	m := regexp.MustCompile(`const linkToken = '([A-Za-z0-9+/=]+)'`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no token in the snippet:\n%s", out)
	}
	link, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil || !strings.HasPrefix(string(link), "http://127.0.0.1:") {
		t.Errorf("the embedded token is not the demo server's: %q, %v", link, err)
	}
	if !strings.Contains(out.String(), "accessToken: 'managed-secret'") {
		t.Errorf("the snippet lacks the accessTokens given to meshlink:\n%s", out)
	}
	if !strings.Contains(out.String(), "// Before it works:") {
		t.Error("the snippet lacks its checklist")
	}
}
