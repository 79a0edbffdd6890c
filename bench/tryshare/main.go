// Command tryshare measures meshlink try's own share of the way to Link's
// first callback, and how long a callback takes from the page to the
// terminal. It plays the browser itself over HTTP, so the browser's share
// (drawing, running the SDK, Link) is left out by construction:
//
//	own share = start → the page's address printed (token fetched from the
//	            in-process demo server, page served)
//	          + the page's GET + the SDK module's GET (--sdk FILE)
//	          + the first callback's POST → its line on stdout
//
// Usage: tryshare -n RUNS MESHLINK
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

var pageLine = regexp.MustCompile(`open (http://\S+/try/[0-9a-f]+) in your browser`)

func main() {
	runs := flag.Int("n", 30, "runs")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: tryshare -n RUNS MESHLINK")
		os.Exit(2)
	}
	dir, err := os.MkdirTemp("", "tryshare")
	check(err)
	defer os.RemoveAll(dir)
	// the SDK bundle's size (about 830 KB): what meshlink serves does not
	// depend on what the module says
	sdk := filepath.Join(dir, "mesh-link-sdk.js")
	check(os.WriteFile(sdk, []byte(strings.Repeat("// padding to the size of the SDK bundled with its wallet bridge\n", 13000)+"export function createLink() {}\n"), 0o644))
	var share, callback []time.Duration
	for range *runs {
		s, c := once(flag.Arg(0), sdk)
		share, callback = append(share, s), append(callback, c)
	}
	report("meshlink try: its own share from start to the page's first callback (goal <= 100 ms)", share)
	report("meshlink try: a callback from the page's POST to its line on stdout (goal <= 50 ms)", callback)
}

func once(meshlink, sdk string) (share, callback time.Duration) {
	cmd := exec.Command(meshlink, "try", "--use-case", "withdrawal", "--user-id", "u1", "--sdk", sdk, "--no-open", "--json", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "MESHLINK_DEMO_SERVER=off", "MESH_CLIENT_ID=", "MESH_CLIENT_SECRET=")
	stderr, err := cmd.StderrPipe()
	check(err)
	stdout, err := cmd.StdoutPipe()
	check(err)
	start := time.Now()
	check(cmd.Start())
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	page := ""
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if m := pageLine.FindStringSubmatch(sc.Text()); m != nil {
			page = m[1]
			break
		}
	}
	if page == "" {
		check(fmt.Errorf("meshlink try printed no page address"))
	}
	go io.Copy(io.Discard, stderr)
	ready := time.Since(start)

	t := time.Now()
	get(page)
	get(page + "/sdk.js")
	served := time.Since(t)

	lines := bufio.NewReader(stdout)
	u, _ := url.Parse(page)
	t = time.Now()
	req, _ := http.NewRequest(http.MethodPost, page+"/events", strings.NewReader(`{"callback":"event","payload":{"type":"pageLoaded"}}`))
	req.Header.Set("Origin", u.Scheme+"://"+u.Host)
	res, err := http.DefaultClient.Do(req)
	check(err)
	res.Body.Close()
	_, err = lines.ReadString('\n')
	check(err)
	callback = time.Since(t)
	return ready + served + callback, callback
}

func get(u string) {
	res, err := http.Get(u)
	check(err)
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		check(fmt.Errorf("GET %s: %s", u, res.Status))
	}
}

func report(label string, ds []time.Duration) {
	slices.Sort(ds)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	fmt.Printf("%s\n  median %s (min %s, max %s, %d runs)\n", label, ms(ds[len(ds)/2]), ms(ds[0]), ms(ds[len(ds)-1]), len(ds))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "tryshare:", err)
		os.Exit(1)
	}
}
