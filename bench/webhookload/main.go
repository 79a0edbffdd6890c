// Command webhookload measures 'meshlink webhooks listen' under load: it
// starts one, posts N signed deliveries to it (each a new EventId, one in
// ten a duplicate) over C keep-alive connections, drains what it prints,
// and reports deliveries a second and the process's resident memory as the
// count grows.
//
//	go run ./bench/webhookload -meshlink ./meshlink [-n 100000] [-c 8] [-json]
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/google/uuid"

	"github.com/meshlink/meshlink/mesh/webhook"
)

const secret = "webhookload-secret"

func main() {
	bin := flag.String("meshlink", "meshlink", "the meshlink binary to load")
	n := flag.Int("n", 100_000, "deliveries to post")
	c := flag.Int("c", 8, "connections posting at once")
	jsonOut := flag.Bool("json", false, "run listen with --json")
	flag.Parse()
	if err := run(*bin, *n, *c, *jsonOut); err != nil {
		fmt.Fprintln(os.Stderr, "webhookload:", err)
		os.Exit(1)
	}
}

func run(bin string, n, conns int, jsonOut bool) error {
	args := []string{"webhooks", "listen", "--addr", "127.0.0.1:0"}
	if jsonOut {
		args = append(args, "--json")
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), webhook.SecretEnv+"="+secret, "MESHLINK_HISTORY=off")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Signal(syscall.SIGINT); _ = cmd.Wait() }()
	var printed atomic.Int64
	go func() { // what listen prints goes through a pipe, read as a terminal would
		r := bufio.NewReaderSize(stdout, 64<<10)
		for {
			line, err := r.ReadSlice('\n')
			if len(line) > 0 && line[0] == '#' || jsonOut && len(line) > 0 {
				printed.Add(1)
			}
			if err != nil && err != bufio.ErrBufferFull {
				return
			}
		}
	}()
	url := ""
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if _, after, ok := strings.Cut(sc.Text(), "listening on "); ok {
			url = strings.Fields(after)[0]
			break
		}
	}
	if url == "" {
		return fmt.Errorf("listen did not start")
	}
	go func() { _, _ = io.Copy(io.Discard, stderr) }()

	// Bodies signed before the clock starts: the figure is listen's, not ours.
	bodies, sigs := make([][]byte, n), make([]string, n)
	transfer := uuid.NewString()
	for i := range n {
		event := uuid.NewString()
		if i%10 == 9 {
			event = "dup-" + strconv.Itoa(i-1)
		} else if i%10 == 8 {
			event = "dup-" + strconv.Itoa(i)
		}
		status := "Pending"
		if i%2 == 1 {
			status = "Succeeded"
		}
		bodies[i] = fmt.Appendf(nil, `{"Id":"%s","EventId":"%s","SentTimestamp":1720532648,"UserId":"user-123","TransactionId":"order-%d","TransferId":"%s-%d","TransferStatus":"%s","TxHash":"0xabc123","Chain":"Ethereum","Token":"USDC","DestinationAddress":"0x0Ff0000f0A0f0000F0F000000000ffFf00f0F0f0","SourceAccountProvider":"Sandbox","SourceAmount":25.0,"DestinationAmount":25.0,"Timestamp":%d}`,
			uuid.NewString(), event, i, transfer, i/2, status, 1715175519038+i)
		sigs[i] = webhook.Sign(secret, bodies[i])
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns, DisableCompression: true}}
	var next atomic.Int64
	var failed atomic.Int64
	marks := []int{n / 10, n / 4, n / 2, 3 * n / 4, n}
	rss := make([]string, len(marks))
	var rssMu sync.Mutex
	start := time.Now()
	var wg sync.WaitGroup
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				req, _ := http.NewRequest(http.MethodPost, url+"/api/mesh/webhook", bytes.NewReader(bodies[i]))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set(webhook.SignatureHeader, sigs[i])
				resp, err := client.Do(req)
				if err != nil || resp.StatusCode != http.StatusOK {
					failed.Add(1)
				}
				if resp != nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				for m, at := range marks {
					if i+1 == at {
						rssMu.Lock()
						rss[m] = residentKiB(cmd.Process.Pid)
						rssMu.Unlock()
					}
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	for printed.Load() < int64(n) && time.Since(start) < took+10*time.Second {
		time.Sleep(10 * time.Millisecond) // the last lines on their way through the pipe
	}
	fmt.Printf("%d deliveries over %d connections in %.2f s: %.0f deliveries/s verified and printed (%d printed, %d failed)\n",
		n, conns, took.Seconds(), float64(n)/took.Seconds(), printed.Load(), failed.Load())
	fmt.Print("listen's resident memory:")
	for m, at := range marks {
		fmt.Printf(" %d: %s", at, rss[m])
	}
	fmt.Println()
	if failed.Load() > 0 {
		return fmt.Errorf("%d deliveries failed", failed.Load())
	}
	return nil
}

// residentKiB is VmRSS of pid (Linux), or "?".
func residentKiB(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.Fields(v)[0])
			return fmt.Sprintf("%.1f MiB", float64(kb)/1024)
		}
	}
	return "?"
}
