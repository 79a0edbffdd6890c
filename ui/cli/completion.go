package cli

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
	"github.com/meshlink/meshlink/presets/history"
)

func newCompletionCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script: commands, flags, presets, networks, use cases…",
		Long: `Print a script that teaches your shell to complete meshlink's commands and
flags, and their values: preset names, network and integration names (from
the catalog cache, else the built-in snapshot), use cases, environments and
snippet platforms. Values are looked up each time you press tab, so a new
preset completes at once.

  bash        echo 'source <(meshlink completion bash)' >> ~/.bashrc
              (works alone; with the bash-completion package, quoted
              words complete too)
  zsh         meshlink completion zsh > "${fpath[1]}/_meshlink"
              (with autoload -U compinit; compinit in ~/.zshrc)
  fish        meshlink completion fish > ~/.config/fish/completions/meshlink.fish
  powershell  meshlink completion powershell | Out-String | Invoke-Expression
              (add it to $PROFILE to keep it)`,
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("name one shell: bash, zsh, fish or powershell")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				var script bytes.Buffer
				if err := root.GenBashCompletionV2(&script, true); err != nil {
					return err
				}
				_, err := app.Out.Write(bashWithoutPackage(script.Bytes()))
				return err
			case "zsh":
				return root.GenZshCompletion(app.Out)
			case "fish":
				var script bytes.Buffer
				if err := root.GenFishCompletion(&script, true); err != nil {
					return err
				}
				_, err := app.Out.Write(fishEscapesArgs(script.Bytes()))
				return err
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(app.Out)
			}
			return usagef("no completion for %q: choose bash, zsh, fish or powershell", args[0])
		},
	}
}

// bashWords is where cobra's bash script reads the words before the cursor,
// with a function of the bash-completion package; without the package every
// tab said "_get_comp_words_by_ref: command not found". bashOwnWords stands
// in for it there: the line up to the cursor split at blanks only, so
// NETWORK:SYMBOL stays one word (cobra trims what bash splits at ":").
const (
	bashWords    = "    _get_comp_words_by_ref \"$@\" cur prev words cword\n"
	bashOwnWords = `    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref "$@" cur prev words cword
    else
        # no bash-completion package: meshlink's own minimal reading
        local line=${COMP_LINE:0:COMP_POINT}
        read -r -a words <<<"$line"
        [[ -z $line || $line == *[[:blank:]] ]] && words+=("")
        cword=$((${#words[@]} - 1))
        cur=${words[cword]}
        prev=${words[cword-1]}
    fi
`
)

func bashWithoutPackage(script []byte) []byte {
	return bytes.Replace(script, []byte(bashWords), []byte(bashOwnWords), 1)
}

// fishArgs is where cobra's fish script reads the words before the cursor:
// unescaped, and then evaluated, so a word the user quoted ('qa(touch x)')
// would run as a command on tab. Escaped again, eval gives back the words.
const fishArgs = "set -l args (commandline -opc)"

func fishEscapesArgs(script []byte) []byte {
	return bytes.Replace(script, []byte(fishArgs), []byte(fishArgs+"; set args (string escape -- $args)"), 1)
}

// completer answers the shell's questions from this machine's presets,
// catalog and history. It never fails: no answer is an empty list.
type completer struct {
	app *App
}

const noFiles = cobra.ShellCompDirectiveNoFileComp

type completeFunc = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)

// flagValues completes the flags of every command, by flag name.
func (c completer) flagValues() map[string]completeFunc {
	return map[string]completeFunc{
		"env":            fixed(c.environments),
		"use-case":       fixed(c.useCases),
		"preset":         fixed(c.presetNames),
		"integration-id": anyCase(c.integrations),
		"verify-network": anyCase(c.networks),
		"to":             c.destinations,
		"snippet":        fixed(platformCompletions),
		"down":           anyCase(c.integrations),
		"status":         fixed(transferStatuses),
		"order-by":       fixed(orderBys),
		"qr": func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"png"}, cobra.ShellCompDirectiveFilterFileExt
		},
	}
}

func transferStatuses() []string {
	out := make([]string, len(mesh.TransferStatuses))
	for i, st := range mesh.TransferStatuses {
		out[i] = string(st)
	}
	return out
}

func orderBys() []string {
	out := make([]string, len(mesh.TransferOrderByFields))
	for i, f := range mesh.TransferOrderByFields {
		out[i] = string(f)
	}
	return out
}

func fixed(values func() []string) completeFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values(), noFiles
	}
}

// anyCase offers the names that begin with what was typed in any case, as
// meshlink reads them, each spelled with the case the user began with: bash
// keeps only offers that begin with exactly what was typed.
func anyCase(values func() []string) completeFunc {
	return func(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, v := range values() {
			if rest, ok := cutPrefixFold(v, typed); ok {
				out = append(out, typed+rest)
			}
		}
		return out, noFiles
	}
}

// cutPrefixFold is strings.CutPrefix, ignoring case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(prefix) > len(s) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return "", false
	}
	return s[len(prefix):], true
}

// registerCompletions wires the completer into every command of root.
func registerCompletions(root *cobra.Command, app *App) {
	c := completer{app}
	flags := c.flagValues()
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		for name, f := range flags {
			if name == "to" && cmd.CommandPath() == "meshlink webhooks send" {
				continue // a URL there, not a destination
			}
			if name == "status" && cmd.CommandPath() != "meshlink transfers" {
				continue // history's --status takes no value
			}
			if cmd.LocalFlags().Lookup(name) != nil {
				if _, taken := cmd.GetFlagCompletionFunc(name); !taken {
					_ = cmd.RegisterFlagCompletionFunc(name, f)
				}
			}
		}
		switch cmd.CommandPath() {
		case "meshlink presets show", "meshlink presets rm", "meshlink presets rename", "meshlink presets export":
			cmd.ValidArgsFunction = c.firstArg(c.presetNames)
		case "meshlink report":
			cmd.ValidArgsFunction = c.firstArg(c.historyEntries)
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func (c completer) firstArg(values func() []string) completeFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, noFiles
		}
		return values(), noFiles
	}
}

func (c completer) environments() []string {
	out := make([]string, len(mesh.Environments))
	for i, e := range mesh.Environments {
		out[i] = string(e)
	}
	return out
}

func (c completer) useCases() []string {
	out := make([]string, len(mesh.UseCases))
	for i, u := range mesh.UseCases {
		out[i] = string(u) + "\t" + u.Summary()
	}
	return out
}

func (c completer) presetNames() []string {
	dir, err := presets.Dir(c.app.Getenv)
	if err != nil {
		return nil
	}
	list, _ := presets.Store{Dir: dir, Now: c.app.Now}.List()
	var out []string
	for _, s := range list {
		desc := string(s.UseCase)
		if s.Description != "" {
			desc += ": " + s.Description
		}
		out = offer(out, s.Name, desc)
	}
	return out
}

func (c completer) catalog() *mesh.Catalog {
	dir, _ := presets.CacheDir(c.app.Getenv)
	cat, _ := mesh.LoadCatalog(catalogDir(c.app, &globalFlags{}, dir)) // the default environment's; a broken cache is `networks`' to report, not tab's
	return cat
}

func (c completer) networks() []string {
	var out []string
	for _, n := range c.catalog().Networks {
		out = offer(out, n.Name, strings.Join(n.SupportedTokens, " "))
	}
	return out
}

func (c completer) integrations() []string {
	var out []string
	for _, in := range c.catalog().Integrations {
		out = offer(out, in.Name, in.Type)
	}
	return out
}

// destinations completes --to NETWORK:SYMBOL:ADDRESS one part at a time:
// the network, then the tokens the catalog lists on it; the address is the
// user's.
func (c completer) destinations(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
	network, rest, more := strings.Cut(typed, ":")
	if !more {
		// Names match in any case, as --to reads them (see anyCase).
		var out []string
		for _, n := range c.catalog().Networks {
			if rest, ok := cutPrefixFold(n.Name, network); ok && !strings.Contains(n.Name, " ") && completable(n.Name) {
				out = append(out, network+rest+":")
			}
		}
		return out, noFiles | cobra.ShellCompDirectiveNoSpace
	}
	if strings.Contains(rest, ":") {
		return nil, noFiles | cobra.ShellCompDirectiveNoSpace
	}
	n, ok := c.catalog().Network(network)
	if !ok {
		return nil, noFiles | cobra.ShellCompDirectiveNoSpace
	}
	var out []string
	for _, t := range n.SupportedTokens {
		if completable(t) {
			out = append(out, network+":"+t+":")
		}
	}
	return out, noFiles | cobra.ShellCompDirectiveNoSpace
}

// offer adds value, described by desc, to the shell's choices, unless the
// shell could read it as code (see completable): such a value is left out,
// however it got here (a preset file from elsewhere, a catalog from a
// hostile server).
func offer(out []string, value, desc string) []string {
	if !completable(value) {
		return out
	}
	return append(out, value+"\t"+mesh.CleanText(desc))
}

// completable reports whether a shell may be offered v. Cobra's scripts
// evaluate the line they complete (bash after inserting a common prefix
// unquoted, fish after unescaping what it inserted), so a character a shell
// reads as code (presets.ShellSpecial) would run a command on a later tab,
// and a control character would end an offer early or reach the terminal.
func completable(v string) bool {
	if !utf8.ValidString(v) || strings.ContainsAny(v, presets.ShellSpecial) {
		return false
	}
	for _, r := range v {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

func (c completer) historyEntries() []string {
	log, _, err := historyLogIgnoringSwitch(c.app)
	if err != nil {
		return nil
	}
	entries, _, _ := log.Read()
	var out []string
	for i, e := range entries {
		if i == 20 {
			break
		}
		out = append(out, strconv.Itoa(i+1)+"\t"+describeEntry(e))
	}
	return out
}

func describeEntry(e history.Entry) string {
	outcome := "ok"
	if !e.OK {
		outcome = "failed"
		if e.Status > 0 {
			outcome = fmt.Sprintf("HTTP %d", e.Status)
		}
	}
	return mesh.CleanText(fmt.Sprintf("%s %s %s, %s", e.Time.UTC().Format("2006-01-02 15:04"), e.Environment, e.UseCase, outcome))
}
