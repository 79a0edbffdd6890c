package cli

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The Charm stack's initialisers run with CI set (package quietinit); by the
// time a command runs, the environment must be the user's again, or every
// child process ($EDITOR, the clipboard tools) would inherit it.
func TestInitialisersLeaveTheEnvironmentAsFound(t *testing.T) {
	if os.Getenv("MESHLINK_TEST_REPORT_CI") == "1" {
		_, set := os.LookupEnv("CI")
		if set {
			os.Stdout.WriteString("CI set\n")
		} else {
			os.Stdout.WriteString("CI unset\n")
		}
		return
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CI=") {
			env = append(env, kv)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestInitialisersLeaveTheEnvironmentAsFound$")
	cmd.Env = append(env, "MESHLINK_TEST_REPORT_CI=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(string(out), "CI unset") {
		t.Errorf("a process started without CI has it after init:\n%s", out)
	}
}
