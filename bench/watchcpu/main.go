// Command watchcpu measures what `meshlink transfers watch` costs while it
// waits: the CPU time (user + system, from the kernel's accounting of the
// process) of a watch that runs for -d against a transfer that stays
// pending, start-up included, and the polls it made. Between polls a watch
// only waits on a timer, so the figure is start-up plus a few requests.
//
// It starts `meshlink demo-server --settle-after 1h`, fetches a demo token,
// plays Link over HTTP so a pending transfer exists, then watches it.
//
// Usage: watchcpu [-d 60s] MESHLINK
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

func main() {
	d := flag.Duration("d", time.Minute, "how long the watch runs")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: watchcpu [-d 60s] MESHLINK")
		os.Exit(2)
	}
	ml := flag.Arg(0)
	dir, err := os.MkdirTemp("", "watchcpu")
	check(err)
	defer os.RemoveAll(dir)
	env := append(os.Environ(), "MESHLINK_CONFIG_DIR="+dir+"/config", "MESHLINK_CACHE_DIR="+dir+"/cache", "MESHLINK_STATE_DIR="+dir+"/state",
		"MESH_CLIENT_ID=", "MESH_CLIENT_SECRET=")

	server := exec.Command(ml, "demo-server", "--addr", "127.0.0.1:0", "--settle-after", "1h")
	server.Env = env
	out, err := server.StdoutPipe()
	check(err)
	logs, err := server.StderrPipe()
	check(err)
	check(server.Start())
	defer func() { _ = server.Process.Kill(); _ = server.Wait() }()
	line, err := bufio.NewReader(out).ReadString('\n')
	check(err)
	base := strings.TrimSpace(line[strings.Index(line, "http://"):])
	go io.Copy(io.Discard, out)
	polls := make(chan int)
	go func() {
		n := 0
		sc := bufio.NewScanner(logs)
		for sc.Scan() {
			if strings.Contains(sc.Text(), mesh.PathTransfers) {
				n++
			}
		}
		polls <- n
	}()
	env = append(env, "MESHLINK_DEMO_SERVER="+base)

	tok := exec.Command(ml, "token", "--use-case", "deposit", "--user-id", "u1", "--to", "solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj",
		"--transaction-id", "auto", "--json", "-q")
	tok.Env = env
	raw, err := tok.Output()
	check(err)
	var t struct{ LinkToken, TransactionID string }
	check(json.Unmarshal(raw, &t))
	_, err = demo.Play(context.Background(), http.DefaultClient, t.LinkToken, demo.ScriptSucceeds)
	check(err)

	watch := exec.Command(ml, "--timeout", d.String(), "transfers", "watch", "--transaction-id", t.TransactionID, "-q")
	watch.Env = env
	watch.Stdout = io.Discard
	start := time.Now()
	err = watch.Run()
	wall := time.Since(start)
	if code := watch.ProcessState.ExitCode(); code != 1 { // it times out: the transfer stays pending
		fmt.Fprintf(os.Stderr, "watch ended with exit status %d (%v), not the timeout\n", code, err)
		os.Exit(1)
	}
	cpu := watch.ProcessState.UserTime() + watch.ProcessState.SystemTime()
	_ = server.Process.Kill()
	fmt.Printf("transfers watch for %s: CPU %.1f ms (user %.1f, system %.1f), %d polls, %s wall (goal <= 50 ms of CPU for 60 s)\n",
		*d, ms(cpu), ms(watch.ProcessState.UserTime()), ms(watch.ProcessState.SystemTime()), <-polls, wall.Round(time.Millisecond))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "watchcpu:", err)
		os.Exit(1)
	}
}
