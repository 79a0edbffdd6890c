package cli

import (
	"context"
	"strings"
	"testing"
)

func TestStrayArgumentsAreUsageErrors(t *testing.T) {
	cases := []struct {
		args  []string
		wants []string
	}{
		{[]string{"tokn"}, []string{`unknown command "tokn" for "meshlink"`, "Did you mean this?\n\ttoken", "meshlink --help"}},
		{[]string{"presets", "lst"}, []string{`unknown command "lst" for "meshlink presets"`, "Did you mean this?\n\tlist"}},
		{[]string{"xyz"}, []string{`unknown command "xyz"`}},
		{[]string{"token", "extra"}, []string{`unexpected argument "extra"`, "meshlink token --help"}},
		{[]string{"paths", "x"}, []string{`unexpected argument "x"`}},
		{[]string{"networks", "--json", "foo"}, []string{`unexpected argument "foo"`}},
		{[]string{"presets", "show", "a", "b"}, []string{"takes NAME"}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, "_"), func(t *testing.T) {
			app, out, _ := testApp(t)
			err := Execute(context.Background(), app, c.args)
			wantUsage(t, err, c.wants...)
			if ExitCode(err) != ExitUsage {
				t.Errorf("exit %d, want %d", ExitCode(err), ExitUsage)
			}
			if out.Len() != 0 {
				t.Errorf("stdout: %q", out)
			}
		})
	}
}
