package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
)

// presets save checks a body as token --preset will, catalog included: the
// guide's "xxx" addresses keep it from being saved, each one named.
func TestPresetsSaveChecksTheBody(t *testing.T) {
	app, _, errb := testApp(t)
	app.In = strings.NewReader(`{"userId": "u1", "transferOptions": {"toAddresses": [
		{"networkId": "` + solanaID + `", "symbol": "USDC", "address": "xxx"},
		{"networkId": "` + ethereumID + `", "symbol": "USDC", "address": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"}]}}`)
	err := run(t, app, "presets", "save", "guide", "--body", "-")
	if ExitCode(err) != ExitUsage {
		t.Fatalf("exit %d (%v), want %d", ExitCode(err), err, ExitUsage)
	}
	for _, want := range []string{
		"the preset was not saved",
		`transferOptions.toAddresses[0].address: "xxx" is a placeholder: put the real Solana address here`,
		"transferOptions.toAddresses[1].address: checksum fails (EIP-55)",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "--to") {
		t.Errorf("presets save has no --to flag, yet the error names it:\n%v", err)
	}
	if _, statErr := os.Stat(filepath.Join(app.Getenv("MESHLINK_CONFIG_DIR"), "presets", "guide.json")); statErr == nil {
		t.Errorf("the preset was saved\n%s", errb)
	}
}

// accessTokens never reach a preset; each way of saving says where they
// belong instead.
func TestPresetsLeaveOutAccessTokensAndSayWhereTheyBelong(t *testing.T) {
	const body = `{"userId": "u1", "accessTokens": [{"accountId": "a", "accountName": "Coinbase", "accessToken": "secret-token", "brokerType": "coinbase", "brokerName": "Coinbase"}]}`
	app, _, errb := testApp(t)
	app.In = strings.NewReader(body)
	if err := run(t, app, "presets", "save", "returning", "--body", "-"); err != nil {
		t.Fatal(err)
	}
	app.In = strings.NewReader(body)
	if err := run(t, app, "token", "--body", "-", "--dry-run", "--save-preset", "returning-2"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"", ` of preset "returning-2"`} {
		want := "accessTokens were left out" + name + ": a preset never holds a user's Mesh tokens; they belong in Mesh's front-end SDK, createLink({accessTokens}), where 'meshlink snippet PLATFORM --access-tokens FILE' puts them"
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
	// A preset file that holds them is refused, with the same pointer.
	file := filepath.Join(t.TempDir(), "shared.json")
	if err := os.WriteFile(file, []byte(`{"version": 1, "name": "shared", "useCase": "withdrawal", "environment": "demo", "request": `+body+`}`), 0o600); err != nil {
		t.Fatal(err)
	}
	err := run(t, app, "presets", "import", file)
	msg := Message(err)
	for _, want := range []string{`remove "accessTokens"`, "they belong in Mesh's front-end SDK, createLink({accessTokens})", "'meshlink snippet PLATFORM --access-tokens FILE' puts them in your front-end code."} {
		if ExitCode(err) != ExitUsage || !strings.Contains(msg, want) {
			t.Errorf("exit %d, message lacks %q:\n%s", ExitCode(err), want, msg)
		}
	}
}

// A preset replays where it was saved: a demo preset goes to demo though
// keys are set, and says so, unless --env names another environment.
func TestTokenPresetKeepsItsEnvironment(t *testing.T) {
	app, out, errb := demoApp(t, withCreds...)
	store, err := presetStore(app)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Save(presets.FromRequest("demo-w", mesh.UseWithdrawal, mesh.EnvDemo, mesh.NewRequest(mesh.UseWithdrawal, "u1")), false); err != nil {
		t.Fatal(err)
	}
	if err := run(t, app, "token", "--preset", "demo-w", "--curl"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), mesh.DemoServerURL) || !strings.Contains(errb.String(), `preset "demo-w" was saved for demo`) {
		t.Errorf("curl of a demo preset with keys set:\n%s\n%s", out, errb)
	}
	out.Reset()
	errb.Reset()
	if err := run(t, app, "token", "--preset", "demo-w", "--json"); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	if !strings.Contains(out.String(), `"environment": "demo"`) {
		t.Errorf("a demo preset with keys set fetched:\n%s\n%s", out, errb)
	}
	out.Reset()
	errb.Reset()
	if err := run(t, app, "token", "--preset", "demo-w", "--curl", "--env", "sandbox"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), mesh.SandboxBaseURL) || strings.Contains(errb.String(), "saved for demo") {
		t.Errorf("--env sandbox:\n%s\n%s", out, errb)
	}
}
