package open

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a $BROWSER script that writes its arguments, one a line, to
// a file the test reads back.
func recorder(t *testing.T) (script, record string) {
	t.Helper()
	dir := t.TempDir()
	script, record = filepath.Join(dir, "browser.sh"), filepath.Join(dir, "opened")
	body := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + record + "'; done\necho 'browser says hi'\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	return script, record
}

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

const link = "https://paylink.meshconnect.com?linkToken=abc&x=1"

func TestBrowserVariableIsHonoured(t *testing.T) {
	script, record := recorder(t)
	cases := map[string]string{
		"plain":            script,
		"with_placeholder": script + " --new-window %s",
		"after_a_failure":  "/nonexistent/browser:" + script,
		"even_over_ssh":    script,
	}
	for name, value := range cases {
		t.Run(name, func(t *testing.T) {
			os.Remove(record)
			var out strings.Builder
			err := Opener{Getenv: env("BROWSER", value, "SSH_CONNECTION", "1.2.3.4 5 6.7.8.9 22"), Output: &out}.URL(link)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(record)
			if !strings.HasSuffix(string(got), link+"\n") {
				t.Errorf("the browser got %q", got)
			}
			if name == "with_placeholder" && string(got) != "--new-window\n"+link+"\n" {
				t.Errorf("the browser got %q", got)
			}
			if !strings.Contains(out.String(), "browser says hi") {
				t.Errorf("the browser's output went elsewhere: %q", out.String())
			}
		})
	}
}

func TestOverSSHWithoutBrowserNothingStarts(t *testing.T) {
	for _, v := range []string{"SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"} {
		if err := (Opener{Getenv: env(v, "x")}).URL(link); !errors.Is(err, ErrRemote) {
			t.Errorf("%s: got %v, want ErrRemote", v, err)
		}
	}
}

func TestBrowserThatFails(t *testing.T) {
	err := Opener{Getenv: env("BROWSER", "/nonexistent/one:/nonexistent/two")}.URL(link)
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/one") || !strings.Contains(err.Error(), "/nonexistent/two") {
		t.Errorf("got %v", err)
	}
}
