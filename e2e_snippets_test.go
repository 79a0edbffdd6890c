package main

// The JavaScript and TypeScript snippets are compiled as a user would paste
// them: into a TypeScript project with `tsc --strict`, against the SDK
// packages at the versions the snippets name, installed from npm at test time.

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh/snippet"
)

// snippetPackages are the packages the snippets name, at their versions, and
// the compiler and type definitions a project of each kind has.
var snippetPackages = []string{
	"typescript@5.9.3",
	"@meshconnect/web-link-sdk@3.13.0",
	"@meshconnect/node-api@2.0.28",
	"@types/react@19.3.3",
	"express@5.3.0",
	"@types/express@5.0.6",
	"@types/node@20.19.43",
}

// A browser project (web, react, nextjs, paylink) and a Node 20 back end
// (node, a plain ES module checked through its JSDoc types).
const (
	tsconfigBrowser = `{"compilerOptions": {"strict": true, "noEmit": true, "target": "es2022", "module": "esnext",
  "moduleResolution": "bundler", "jsx": "react-jsx", "lib": ["es2022", "dom", "dom.iterable"], "types": [],
  "skipLibCheck": true, "noUnusedLocals": true, "isolatedModules": true, "moduleDetection": "force"}, "include": ["*.ts", "*.tsx"]}`
	tsconfigNode = `{"compilerOptions": {"strict": true, "noEmit": true, "target": "es2022", "module": "nodenext",
  "moduleResolution": "nodenext", "lib": ["es2022"], "types": ["node"], "allowJs": true, "checkJs": true,
  "skipLibCheck": true, "noUnusedLocals": true}, "include": ["*.mjs"]}`
)

func TestSnippetsCompileWithTscStrict(t *testing.T) {
	t.Parallel()
	modules := filepath.Join(npmPackages(t, snippetPackages...), "node_modules")
	node := needTool(t, "node", "apt-get install nodejs npm")

	// The brokerTypes meshlink accepts in --access-tokens are the SDK's.
	api, err := os.ReadFile(filepath.Join(modules, "@meshconnect", "node-api", "api.d.ts"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`export type BrokerType = ([^;]*);`).FindSubmatch(api)
	if m == nil {
		t.Fatal("no BrokerType in @meshconnect/node-api's api.d.ts")
	}
	var sdkTypes []string
	for _, q := range strings.Split(string(m[1]), "|") {
		sdkTypes = append(sdkTypes, strings.Trim(strings.TrimSpace(q), "'"))
	}
	if !slices.Equal(sdkTypes, snippet.BrokerTypes) {
		t.Errorf("snippet.BrokerTypes = %q\nthe SDK's BrokerType = %q", snippet.BrokerTypes, sdkTypes)
	}

	srv := startDemoServer(t)
	tokens := filepath.Join(t.TempDir(), "tokens.json")
	if err := os.WriteFile(tokens, []byte(`[{"accountId":"acc-1","accountName":"Main wallet","accessToken":"at-1","brokerType":"coinbase","brokerName":"Coinbase"}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	token := meshlink(t, nil, "", "token", "--env", "demo", "--use-case", "withdrawal", "--user-id", "u1").stdout
	payment := []string{"token", "--base-url", srv.URL, "--use-case", "payment", "--user-id", "u1", "--transaction-id", "auto", "--pay-link",
		"--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:10.50"}
	deposit := []string{"token", "--base-url", srv.URL, "--use-case", "deposit", "--user-id", "u1",
		"--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj,minAmount=10,minAmountInFiat=10"}

	type project struct{ config, dir string }
	browser := project{tsconfigBrowser, t.TempDir()}
	server := project{tsconfigNode, t.TempDir()}
	snippets := []struct {
		file string
		p    project
		args []string
	}{
		{"web.ts", browser, []string{"snippet", "web"}},
		{"web-token.ts", browser, []string{"snippet", "web", "--token", strings.TrimSpace(token), "--access-tokens", tokens}},
		{"react.tsx", browser, []string{"snippet", "react"}},
		{"react-token.tsx", browser, []string{"snippet", "react", "--token", strings.TrimSpace(token), "--access-tokens", tokens}},
		{"nextjs.tsx", browser, []string{"snippet", "nextjs"}},
		{"nextjs-token.tsx", browser, []string{"snippet", "nextjs", "--token", strings.TrimSpace(token), "--access-tokens", tokens}},
		{"paylink.ts", browser, []string{"snippet", "paylink"}},
		{"paylink-token.ts", browser, append(payment, "--snippet", "paylink")},
		{"node.mjs", server, []string{"snippet", "node"}},
		{"node-payment.mjs", server, append(payment, "--snippet", "node")},
		{"node-deposit.mjs", server, append(deposit, "--snippet", "node")},
	}
	for _, s := range snippets {
		r := meshlink(t, withCreds, "", s.args...)
		if r.code != 0 {
			t.Fatalf("meshlink %s: exit %d\n%s", strings.Join(s.args, " "), r.code, r.stderr)
		}
		if err := os.WriteFile(filepath.Join(s.p.dir, s.file), []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, p := range map[string]project{"browser": browser, "node": server} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(p.dir, "tsconfig.json"), []byte(p.config), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(modules, filepath.Join(p.dir, "node_modules")); err != nil {
				t.Fatal(err)
			}
			tsc := exec.Command(node, filepath.Join(modules, "typescript", "bin", "tsc"), "-p", ".")
			tsc.Dir = p.dir
			if out, err := tsc.CombinedOutput(); err != nil {
				t.Errorf("tsc --strict: %v\n%s", err, out)
			}
		})
	}
	// Node runs the back end as it is, and it answers the front end with a
	// token (and the pay link the body asks for).
	for file, want := range map[string][]string{"node-deposit.mjs": {"linkToken"}, "node-payment.mjs": {"linkToken", "paymentLink"}} {
		t.Run(file, func(t *testing.T) {
			got := runNodeSnippet(t, node, filepath.Join(server.dir, file), srv.URL)
			for _, key := range want {
				if s, _ := got[key].(string); s == "" {
					t.Errorf("the back end answered %v, without %s", got, key)
				}
			}
		})
	}
}

// runNodeSnippet starts the node snippet at path against the API at api,
// asks it for a token as the front-end snippets do, and returns its answer.
func runNodeSnippet(t *testing.T, node, path, api string) map[string]any {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, path)
	cmd.Env = append(os.Environ(), "PORT="+port, "MESH_API_URL="+api, "MESH_CLIENT_ID="+testClientID, "MESH_CLIENT_SECRET="+testSecret)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if !strings.Contains(line, "localhost:"+port) {
		t.Fatalf("node %s did not start: %q, %v\n%s", filepath.Base(path), line, err, stderr.String())
	}
	resp, err := http.Post("http://127.0.0.1:"+port+"/api/mesh/link-token", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/mesh/link-token: %s, %v, %v\n%s", resp.Status, got, err, stderr.String())
	}
	return got
}
