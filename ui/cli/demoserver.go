package cli

import (
	"fmt"
	"net"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

func newDemoServerCmd(app *App) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "demo-server",
		Short: "Serve a demo Mesh API on loopback, for front-end work without Mesh keys",
		Long: `Serve the Mesh API endpoints meshlink uses (link tokens, networks,
integrations) on this machine. It checks the two credential headers (any
values pass) and the body as Mesh does, and its tokens lead to a page that
says plainly it is a demo. Point your back end's Mesh base URL at it.
Stop it with ctrl+c.`,
		Example: "  meshlink demo-server --addr 127.0.0.1:8080\n  MESH_CLIENT_ID=x MESH_CLIENT_SECRET=y meshlink token --base-url http://127.0.0.1:8080 --use-case withdrawal --user-id u1",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			srv, err := demo.Start(addr)
			if err != nil {
				return usagef("%v (is the port in use? pick another with --addr)", err)
			}
			defer srv.Close()
			srv.OnRequest = func(r demo.Request) {
				fmt.Fprintf(app.Err, "%s %s %s → %d\n", app.Now().Format("15:04:05"), mesh.CleanText(r.Method), mesh.CleanText(r.Path), r.Status)
			}
			fmt.Fprintf(app.Out, "meshlink demo server listening on %s\n", srv.URL)
			fmt.Fprintf(app.Out, "  POST %s%s\n  GET  %s%s\n  GET  %s%s\n", srv.URL, mesh.PathLinkToken, srv.URL, mesh.PathNetworks, srv.URL, mesh.PathIntegrations)
			fmt.Fprintln(app.Out, "Send any X-Client-Id and X-Client-Secret headers. ctrl+c stops it.")
			<-cmd.Context().Done()
			return cmd.Context().Err()
		},
	}
	cmd.Flags().StringVar(&addr, "addr", mesh.DemoServerAddr, "host:port to listen on")
	cmd.PreRunE = func(*cobra.Command, []string) error {
		loopback, err := isLoopbackAddr(addr)
		if err != nil {
			return err
		}
		if !loopback {
			fmt.Fprintf(app.Err, "meshlink: warning: %s is reachable from other machines; the demo server is meant for loopback\n", addr)
		}
		return nil
	}
	return cmd
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
