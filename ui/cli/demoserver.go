package cli

import (
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

func newDemoServerCmd(app *App) *cobra.Command {
	var (
		addr        string
		autoplay    string
		settleAfter time.Duration
		down        []string
	)
	hooks := &demoWebhookFlags{}
	cmd := &cobra.Command{
		Use:   "demo-server",
		Short: "Serve a demo Mesh API on loopback, for front-end work without Mesh keys",
		Long: `Serve the Mesh API endpoints meshlink uses (link tokens, networks,
integrations, transfers, integration status) on this machine. It checks the
two credential headers (any values pass), the body and the query as Mesh
does. Its tokens open a stand-in for Mesh Link, labelled as a demo, that
plays Link with the sandbox's personas (password Pass123, code 123456) and
posts the messages Mesh's web SDK reads; each token opens Link once, within
10 minutes. Its transfers stay pending for --settle-after, then succeed or
fail. Point your back end's Mesh base URL at it. Stop it with ctrl+c.

--autoplay SCRIPT makes every Link page play the script by itself, for a
front end's own tests:
` + scriptList(),
		Example: "  meshlink demo-server --addr 127.0.0.1:8080\n  meshlink demo-server --autoplay transfer-succeeds --settle-after 100ms\n  meshlink demo-server --settle-after 1s --down Coinbase\n  MESH_CLIENT_ID=x MESH_CLIENT_SECRET=y meshlink token --base-url http://127.0.0.1:8080 --use-case withdrawal --user-id u1",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// the key by which the server proves to meshlink runs that it is
			// the user's; without one they start their own instead
			keyPath, err := demoKeyPath(app)
			var key []byte
			if err == nil {
				key, err = demo.LoadKey(keyPath, true)
			}
			if err != nil {
				sayf(app.Err, "warning: %v; meshlink's demo environment will not use this server (name it with --base-url)", err)
			}
			if settleAfter == 0 {
				settleAfter = time.Nanosecond // at once; demo.Options reads 0 as its default
			}
			script, _ := demo.ParseScript(autoplay) // checked before
			o := demo.Options{Addr: addr, SettleAfter: settleAfter, Down: down, Autoplay: script, Key: key}
			if err := hooks.options(app, &o.Webhooks); err != nil {
				return err
			}
			srv, err := demo.StartWith(o)
			if err != nil {
				return usagef("%v (is the port in use? pick another with --addr)", err)
			}
			defer srv.Close()
			srv.OnLinkStep = func(st demo.LinkStep) {
				page := st.Page
				if len(st.Messages) > 0 {
					page += ", posts " + strings.Join(st.Messages, " ")
				}
				fmt.Fprintf(app.Err, "%s Link %s %s → %s\n", app.Now().Format("15:04:05"), st.Session, mesh.CleanText(st.Action), mesh.CleanText(page))
			}
			srv.OnRequest = func(r demo.Request) {
				fmt.Fprintf(app.Err, "%s %s %s → %d\n", app.Now().Format("15:04:05"), mesh.CleanText(r.Method), mesh.CleanText(r.Path), r.Status)
			}
			fmt.Fprintf(app.Out, "meshlink demo server listening on %s\n", srv.URL)
			fmt.Fprintf(app.Out, "  POST %s%s\n", srv.URL, mesh.PathLinkToken)
			for _, p := range []string{mesh.PathNetworks, mesh.PathIntegrations, mesh.PathTransfers, mesh.PathStatus} {
				fmt.Fprintf(app.Out, "  GET  %s%s\n", srv.URL, p)
			}
			if key != nil {
				how := "while it runs"
				if srv.URL != demoServerURL(app) {
					how = "with MESHLINK_DEMO_SERVER=" + srv.URL
				}
				fmt.Fprintf(app.Out, "meshlink's demo environment uses it %s: it proves it is yours with the key in %s\n", how, keyPath)
			}
			fmt.Fprintln(app.Out, "Send any X-Client-Id and X-Client-Secret headers. ctrl+c stops it.")
			hooks.announce(app)
			if script != "" {
				fmt.Fprintf(app.Out, "Every Link page plays %s by itself: %s.\n", script, script.About())
			}
			<-cmd.Context().Done()
			return cmd.Context().Err()
		},
	}
	cmd.Flags().StringVar(&addr, "addr", mesh.DemoServerAddr, "host:port to listen on")
	cmd.Flags().DurationVar(&settleAfter, "settle-after", demo.DefaultSettleAfter, "how long a transfer stays pending before it succeeds or fails (0: at once)")
	cmd.Flags().StringArrayVar(&down, "down", nil, "report integration NAME (or id, or type) down in GET /api/v1/status (repeatable)")
	hooks.register(cmd)
	cmd.Flags().StringVar(&autoplay, "autoplay", "", "make every Link page play `SCRIPT` by itself: "+demo.ScriptNames())
	cmd.PreRunE = func(*cobra.Command, []string) error {
		if settleAfter < 0 {
			return usagef("--settle-after %s: give a duration like 2s, or 0 to settle at once", settleAfter)
		}
		if err := checkDown(down); err != nil {
			return err
		}
		if _, err := demo.ParseScript(autoplay); err != nil {
			return usagef("--autoplay: %v", err)
		}
		loopback, err := isLoopbackAddr(addr)
		if err != nil {
			return err
		}
		if !loopback {
			sayf(app.Err, "warning: %s is reachable from other machines; the demo server is meant for loopback", addr)
		}
		return nil
	}
	return cmd
}

// checkDown refuses a --down that names no integration of the demo
// catalog: a typo would leave every integration up and the test wrong.
func checkDown(names []string) error {
	ints := mesh.Snapshot().Integrations
	for _, d := range names {
		if !slices.ContainsFunc(ints, func(in mesh.Integration) bool {
			return strings.EqualFold(d, in.Name) || strings.EqualFold(d, in.ID) || strings.EqualFold(d, in.Type)
		}) {
			known := make([]string, len(ints))
			for i, in := range ints {
				known[i] = in.Name
			}
			return usagef("--down %q is not an integration of the demo catalog: use one of %s", d, strings.Join(known, ", "))
		}
	}
	return nil
}

func scriptList() string {
	var b strings.Builder
	for _, sc := range demo.Scripts {
		fmt.Fprintf(&b, "  %-19s %s\n", sc, sc.About())
	}
	return b.String()
}

// isLoopbackAddr reports whether the listen address addr is on this machine
// only ([::1] included; an empty host is every interface).
func isLoopbackAddr(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, usagef("--addr %q is not host:port, like 127.0.0.1:8080 or [::1]:8080", addr)
	}
	return mesh.IsLoopbackHost(host), nil
}
