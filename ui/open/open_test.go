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

// A $BROWSER entry is split as a shell splits words: a program in a folder
// with spaces is written quoted or escaped, or whole without %s (Python's
// reading); %s stands for the address in any argument, and without it the
// address comes last; the address is always one argument.
func TestBrowserEntriesAsXdgAndPythonReadThem(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "My Browser")
	os.Mkdir(dir, 0o700)
	script, record := filepath.Join(dir, "browser app"), filepath.Join(dir, "opened")
	os.WriteFile(script, []byte("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '"+record+"'; done\n"), 0o700)
	escaped := strings.NewReplacer(" ", `\ `).Replace(script)
	const hostile = "https://paylink.meshconnect.com/?a=$(touch x)&b=`id`;c d"
	cases := []struct {
		name, browser, url, want string
	}{
		{"whole_path_with_spaces", script, link, link},
		{"single_quoted", "'" + script + "' --new-window %s", link, "--new-window\n" + link},
		{"double_quoted", `"` + script + `" %s`, link, link},
		{"backslash_escaped", escaped + " %s", link, link},
		{"escaped_without_placeholder", escaped + " --new-tab", link, "--new-tab\n" + link},
		{"placeholder_inside_an_argument", "'" + script + "' --url=%s --x", link, "--url=" + link + "\n--x"},
		{"placeholder_quoted", "'" + script + `' "%s"`, link, link},
		{"placeholder_twice", "'" + script + "' %s %s", link, link + "\n" + link},
		{"after_an_unclosed_quote", "'/nowhere %s:'" + script + "'", link, link},
		{"address_is_one_argument", "'" + script + "' %s", hostile, hostile},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			os.Remove(record)
			if err := (Opener{Getenv: env("BROWSER", c.browser)}).URL(c.url); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(record); string(got) != c.want+"\n" {
				t.Errorf("$BROWSER=%s: the browser got\n%s\nwant\n%s", c.browser, got, c.want)
			}
		})
	}
	err := Opener{Getenv: env("BROWSER", `'`+script+` %s`)}.URL(link)
	if err == nil || !strings.Contains(err.Error(), "' is not closed") || !strings.Contains(err.Error(), `/my\ dir/browser`) {
		t.Errorf("an unclosed quote: %v", err)
	}
}

func TestShellWords(t *testing.T) {
	for in, want := range map[string][]string{
		`a b  c`:              {"a", "b", "c"},
		`'a b' "c d" e\ f`:    {"a b", "c d", "e f"},
		`"a \"b\" \$c \d"`:    {`a "b" $c \d`},
		`a'b'"c"\d`:           {"abcd"},
		`'' ""`:               {"", ""},
		`'it''s'`:             {"its"},
		`C:\\Tools\\b.exe %s`: {`C:\Tools\b.exe`, "%s"},
		"\t a \n":             {"a"},
		`trailing\`:           {`trailing\`},
	} {
		got, err := shellWords(in)
		if err != nil || strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("shellWords(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{`'a`, `"a`, `a "b\"`} {
		if _, err := shellWords(in); err == nil {
			t.Errorf("shellWords(%q): no error", in)
		}
	}
}
