// Command vs times two commands as whole processes, in turn (A B A B …), and
// prints each one's median and the median of the ratios A/B taken pair by
// pair, so a comparison holds when a shared machine's speed drifts.
//
//	go run ./bench/vs [-n 30] [-warmup 3] [-until TEXT] -- A ARGS… --vs B ARGS…
//
// With -until, each command runs on a pseudo-terminal that answers the
// colour and cursor queries a real terminal answers, and its time ends when
// TEXT first appears on the screen (the process is then killed): the time
// to the first frame of an interactive program.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

func main() {
	n := flag.Int("n", 30, "counted runs of each command")
	warmup := flag.Int("warmup", 3, "runs of each command before counting")
	until := flag.String("until", "", "time each command until this text appears on its terminal")
	label := flag.String("label", "", "name of the figure, printed first")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: vs [-n RUNS] [-warmup RUNS] [-until TEXT] [-label NAME] -- A [ARG…] --vs B [ARG…]")
		flag.PrintDefaults()
	}
	flag.Parse()
	a, b, ok := split(flag.Args())
	if !ok || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	run := timeExit
	if *until != "" {
		run = func(argv []string) (sample, error) { return timeUntil(argv, *until) }
	}
	for range *warmup {
		for _, argv := range [][]string{a, b} {
			if _, err := run(argv); err != nil {
				fail(err)
			}
		}
	}
	var as, bs []sample
	var wall, cpu []float64
	for range *n {
		sa, err := run(a)
		if err != nil {
			fail(err)
		}
		sb, err := run(b)
		if err != nil {
			fail(err)
		}
		as, bs = append(as, sa), append(bs, sb)
		wall = append(wall, sa.wall.Seconds()/sb.wall.Seconds())
		if sb.cpu > 0 {
			cpu = append(cpu, sa.cpu.Seconds()/sb.cpu.Seconds())
		}
	}
	name := *label
	if name == "" {
		name = strings.Join(a, " ")
	}
	fmt.Printf("%s\n  A wall %s  cpu %s   B wall %s  cpu %s   A/B wall %.2fx (%.2f–%.2f)  cpu %s  (%d pairs)\n",
		name, ms(median(walls(as))), ms(median(cpus(as))), ms(median(walls(bs))), ms(median(cpus(bs))),
		median(wall), slices.Min(wall), slices.Max(wall), ratio(cpu), *n)
}

type sample struct{ wall, cpu time.Duration }

func split(args []string) (a, b []string, ok bool) {
	i := slices.Index(args, "--vs")
	if i < 1 || i == len(args)-1 {
		return nil, nil, false
	}
	return args[:i], args[i+1:], true
}

// timeExit runs argv to its end, output thrown away.
func timeExit(argv []string) (sample, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &errb
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v\n%s", strings.Join(argv, " "), err, errb.Bytes())
	}
	return sample{wall, cpuTime(cmd.ProcessState)}, nil
}

// timeUntil runs argv on a terminal and stops the clock when text shows.
func timeUntil(argv []string, text string) (sample, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	start := time.Now()
	ptm, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 100})
	if err != nil {
		return sample{}, err
	}
	defer ptm.Close()
	var screen []byte
	buf := make([]byte, 64<<10)
	for {
		k, err := ptm.Read(buf)
		if err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			return sample{}, fmt.Errorf("%s: ended before showing %q:\n%s", strings.Join(argv, " "), text, ansi.Strip(string(screen)))
		}
		chunk := buf[:k]
		answer(ptm, chunk)
		screen = append(screen, chunk...)
		if strings.Contains(ansi.Strip(string(screen)), text) {
			break
		}
	}
	wall := time.Since(start)
	cmd.Process.Kill()
	cmd.Wait()
	return sample{wall, cpuTime(cmd.ProcessState)}, nil
}

// answer replies as an xterm with a black background would.
func answer(ptm *os.File, chunk []byte) {
	if bytes.Contains(chunk, []byte("\x1b]11;?")) {
		ptm.WriteString("\x1b]11;rgb:0000/0000/0000\x1b\\")
	}
	if bytes.Contains(chunk, []byte("\x1b[6n")) {
		ptm.WriteString("\x1b[1;1R")
	}
}

// cpuTime is the child's user and system time (its rusage on Unix).
func cpuTime(ps *os.ProcessState) time.Duration {
	return ps.UserTime() + ps.SystemTime()
}

func walls(s []sample) []float64 {
	out := make([]float64, len(s))
	for i, x := range s {
		out[i] = x.wall.Seconds()
	}
	return out
}

func cpus(s []sample) []float64 {
	out := make([]float64, len(s))
	for i, x := range s {
		out[i] = x.cpu.Seconds()
	}
	return out
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	s := slices.Clone(x)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ratio(x []float64) string {
	if len(x) == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2fx", median(x))
}

func ms(s float64) string { return fmt.Sprintf("%.1f ms", s*1000) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "vs:", err)
	os.Exit(1)
}
