package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/snippet"
)

type snippetOptions struct {
	token        string
	accessTokens string
}

func newSnippetCmd(app *App, g *globalFlags) *cobra.Command {
	o := &snippetOptions{}
	var long strings.Builder
	long.WriteString(`Print the code that opens Mesh Link with a link token, for one platform:

`)
	for _, p := range snippet.Platforms {
		fmt.Fprintf(&long, "  %-13s %s\n", p, p.Describe())
	}
	long.WriteString(`
Without --token the code fetches a fresh token from your back end when the
user acts (the node snippet is that back end); with it, the token is embedded
for a quick try. Each snippet ends with the checklist of what makes Link show
a grey box. ` + "`meshlink token … --snippet PLATFORM`" + ` fetches a token and prints
its snippet in one step.`)
	cmd := &cobra.Command{
		Use:   "snippet PLATFORM",
		Short: "Print the front-end code that opens Link with a token (web, react, ios, …)",
		Long:  long.String(),
		Example: `  meshlink snippet web
  meshlink snippet react --token "$TOKEN"
  meshlink token --use-case withdrawal --user-id u1 | meshlink snippet nextjs --token -
  meshlink snippet ios --access-tokens tokens.json
  meshlink snippet node --env sandbox`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("name one platform: %s", snippet.Names())
			}
			return nil
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return platformCompletions(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSnippet(app, g, o, args[0])
		},
	}
	cmd.Flags().StringVar(&o.token, "token", "", "a link token to embed for a quick try, or - to read it from stdin")
	cmd.Flags().StringVar(&o.accessTokens, "access-tokens", "", `a returning user's Mesh managed tokens to pass to the SDK: a JSON file (or -) of [{"accountId","accountName","accessToken","brokerType","brokerName"}]`)
	return cmd
}

func platformCompletions() []string {
	out := make([]string, len(snippet.Platforms))
	for i, p := range snippet.Platforms {
		out[i] = string(p) + "\t" + p.Describe()
	}
	return out
}

func runSnippet(app *App, g *globalFlags, o *snippetOptions, platform string) error {
	p, err := snippet.ParsePlatform(platform)
	if err != nil {
		return &UsageError{err.Error()}
	}
	if o.token == "-" && o.accessTokens == "-" {
		return usagef("--token and --access-tokens cannot both read stdin")
	}
	opts := snippet.Options{}
	if o.token != "" {
		opts.Token = o.token
		if o.token == "-" {
			b, err := readInput("-", app.In)
			if err != nil {
				return usagef("read --token: %v", err)
			}
			opts.Token = strings.TrimSpace(string(b))
		}
	}
	if o.accessTokens != "" {
		if opts.AccessTokens, err = readAccessTokens(o.accessTokens, app); err != nil {
			return err
		}
	}
	if p == snippet.Node {
		if opts.BaseURL, err = snippetBaseURL(app, g); err != nil {
			return err
		}
	}
	return printSnippet(app, p, opts)
}

func printSnippet(app *App, p snippet.Platform, opts snippet.Options) error {
	s, err := snippet.Render(p, opts)
	if err != nil {
		return &UsageError{err.Error()}
	}
	_, err = fmt.Fprint(app.Out, s)
	return err
}

func readAccessTokens(path string, app *App) ([]mesh.AccessToken, error) {
	data, err := readInput(path, app.In)
	if err != nil {
		return nil, usagef("read --access-tokens: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var tokens []mesh.AccessToken
	if err := dec.Decode(&tokens); err != nil {
		return nil, usagef(`--access-tokens %s: want a JSON list like [{"accountId":"…","accountName":"…","accessToken":"…","brokerType":"…","brokerName":"…"}]: %v`, path, err)
	}
	if err := snippet.CheckAccessTokens(tokens); err != nil {
		return nil, usagef("--access-tokens %s: %v", path, err)
	}
	return tokens, nil
}

// snippetBaseURL is the host the node snippet calls: --base-url, else the
// named environment, else sandbox. The demo environment means a running
// `meshlink demo-server`, since the in-process one ends with meshlink.
func snippetBaseURL(app *App, g *globalFlags) (string, error) {
	if g.baseURL != "" {
		return g.baseURL, nil
	}
	if g.env == "" {
		return mesh.SandboxBaseURL, nil
	}
	env, err := mesh.ParseEnvironment(g.env)
	if err != nil {
		return "", &UsageError{err.Error()}
	}
	if env == mesh.EnvDemo {
		return mesh.DemoServerURL, nil
	}
	return env.BaseURL(), nil
}
