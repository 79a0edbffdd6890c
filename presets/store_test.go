package presets

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

func TestDir(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"override", map[string]string{"MESHLINK_CONFIG_DIR": "/cfg", "XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"}, "/cfg/presets"},
		{"xdg", map[string]string{"XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"}, "/xdg/meshlink/presets"},
		{"home", map[string]string{"HOME": "/home/u"}, "/home/u/.config/meshlink/presets"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Dir(func(k string) string { return tt.env[k] })
			if err != nil || got != filepath.FromSlash(tt.want) {
				t.Errorf("Dir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := Dir(func(string) string { return "" }); err == nil {
		t.Error("Dir with no home should fail")
	}
}

func TestRoundTripEveryUseCase(t *testing.T) {
	st := newStore(t)
	for _, u := range mesh.UseCases {
		t.Run(strings.ReplaceAll(string(u), "+", "_"), func(t *testing.T) {
			name := "qa-" + strings.ReplaceAll(string(u), "+", "-")
			p := preset(name, u)
			if u == mesh.UseWithdrawal {
				p.Fresh = []Field{FreshUserID}
				p.normalizeFresh()
			}
			want := *p
			want.Request = *cloneRequest(&p.Request)
			if err := st.Save(p, false); err != nil {
				t.Fatalf("Save: %v", err)
			}
			want.Created, want.Updated = testClock, testClock
			got, err := st.Load(name)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if !reflect.DeepEqual(got, &want) {
				t.Errorf("round trip changed the preset:\n got %+v\nwant %+v", got, &want)
			}
			if !reflect.DeepEqual(got.Request, want.Request) {
				t.Errorf("request differs:\n got %s\nwant %s", mustJSON(t, got.Request), mustJSON(t, want.Request))
			}
			if p.Created != testClock || p.Updated != testClock {
				t.Errorf("Save did not report its timestamps on p: %v %v", p.Created, p.Updated)
			}
			body := got.Body(nil)
			if err := mesh.Validate(body, mesh.Snapshot()).Err(); err != nil {
				t.Errorf("the loaded preset's body does not validate: %v", err)
			}
			if mesh.UseCaseOf(body) != u {
				t.Errorf("the body serves %s, want %s", mesh.UseCaseOf(body), u)
			}
		})
	}
	list, errs := st.List()
	if len(errs) > 0 {
		t.Fatalf("List errors: %v", errs)
	}
	if len(list) != len(mesh.UseCases) {
		t.Errorf("List has %d presets, want %d", len(list), len(mesh.UseCases))
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := marshal(v, "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSaveRefusesToOverwriteUnlessAsked(t *testing.T) {
	st := newStore(t)
	first := preset("qa", mesh.UseDeposit)
	if err := st.Save(first, false); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(st.Dir, "qa.json")
	before := readFile(t, path)

	second := preset("qa", mesh.UsePayment)
	err := st.Save(second, false)
	var ee *ExistsError
	if !errors.Is(err, ErrExists) || !errors.Is(err, fs.ErrExist) || !errors.As(err, &ee) {
		t.Fatalf("Save over an existing preset = %v, want *ExistsError matching ErrExists and fs.ErrExist", err)
	}
	if ee.Name != "qa" || ee.Path != path || ee.Unreadable != nil {
		t.Errorf("ExistsError = %+v", ee)
	}
	if !bytes.Equal(readFile(t, path), before) {
		t.Fatal("a refused save changed the file")
	}
	if exists, err := st.Exists("qa"); !exists || err != nil {
		t.Errorf("Exists = %v, %v", exists, err)
	}

	later := testClock.Add(time.Hour)
	st.Now = func() time.Time { return later }
	if err := st.Save(second, true); err != nil {
		t.Fatalf("Save with overwrite: %v", err)
	}
	got, err := st.Load("qa")
	if err != nil {
		t.Fatal(err)
	}
	if got.UseCase != mesh.UsePayment {
		t.Errorf("overwrite kept the old preset: %s", got.UseCase)
	}
	if !got.Created.Equal(testClock) || !got.Updated.Equal(later) {
		t.Errorf("created %v updated %v; want the first save's creation and the overwrite's update", got.Created, got.Updated)
	}
	if names := dirNames(t, st.Dir); !slices.Equal(names, []string{"qa.json"}) {
		t.Errorf("the directory holds %v, want only qa.json", names)
	}
}

// A corrupt or foreign file is the user's data: it is reported, with its
// path, and every operation that is not an explicit overwrite or delete leaves
// it byte for byte as it was.
func TestCorruptFileIsReportedAndLeftUntouched(t *testing.T) {
	files := map[string]string{
		"garbage":       "this is not json\x00\xff",
		"half-written":  `{"version": 1, "name": "half-written", "useCase": "dep`,
		"wrong-shape":   `{"version": 1, "useCase": "deposit", "request": [1, 2]}`,
		"from-future":   `{"version": 7, "anything": true}`,
		"access-tokens": `{"version": 1, "useCase": "withdrawal", "request": {"userId": "u", "accessTokens": [{"accessToken": "t"}]}}`,
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			st := newStore(t)
			if err := st.Save(preset("good", mesh.UseOnramp), false); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(st.Dir, name+".json")
			writeRaw(t, path, []byte(content))
			old := time.Now().Add(-time.Hour).Truncate(time.Second)
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
			untouched := func(op string) {
				t.Helper()
				if got := readFile(t, path); string(got) != content {
					t.Fatalf("%s changed the file to %q", op, got)
				}
				if fi, err := os.Stat(path); err != nil || !fi.ModTime().Equal(old) {
					t.Fatalf("%s rewrote the file (mod time %v)", op, fi.ModTime())
				}
			}

			list, errs := st.List()
			if len(list) != 1 || list[0].Name != "good" {
				t.Errorf("List = %+v, want just the good preset", list)
			}
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), path) {
				t.Errorf("List errors = %v, want one naming %s", errs, path)
			}
			var fe *FileError
			if len(errs) == 1 && (!errors.As(errs[0], &fe) || fe.Path != path) {
				t.Errorf("List error %#v is not a *FileError for %s", errs[0], path)
			}
			untouched("List")

			_, err := st.Load(name)
			if !errors.As(err, &fe) || fe.Path != path || !strings.Contains(err.Error(), path) {
				t.Errorf("Load = %v, want a *FileError naming %s", err, path)
			}
			untouched("Load")

			var ee *ExistsError
			err = st.Save(preset(name, mesh.UseDeposit), false)
			if !errors.As(err, &ee) || ee.Unreadable == nil || !strings.Contains(err.Error(), "meshlink never replaces it") {
				t.Errorf("Save without overwrite = %v, want an *ExistsError that warns the file is unreadable", err)
			}
			untouched("Save(overwrite=false)")

			if err := st.Rename(name, "moved"); err == nil {
				t.Error("Rename of an unreadable file succeeded")
			}
			untouched("Rename")
			if _, err := st.Export(name); err == nil {
				t.Error("Export of an unreadable file succeeded")
			}
			if err := st.Touch(name, testClock); err != nil {
				t.Errorf("Touch: %v", err)
			}
			untouched("Export and Touch")

			// Not even an overwrite replaces it: its content would be lost.
			err = st.Save(preset(name, mesh.UseDeposit), true)
			if !errors.As(err, &ee) || ee.Unreadable == nil {
				t.Errorf("Save with overwrite = %v, want an *ExistsError that warns the file is unreadable", err)
			}
			untouched("Save(overwrite=true)")

			if names, want := dirNames(t, st.Dir), slices.Sorted(slices.Values([]string{"good.json", name + ".json"})); !slices.Equal(names, want) {
				t.Errorf("the directory holds %v: something was moved, copied or left behind", names)
			}

			// Removing it on purpose frees the name.
			if err := st.Delete(name); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if err := st.Save(preset(name, mesh.UseDeposit), false); err != nil {
				t.Fatalf("Save after Delete: %v", err)
			}
			if _, err := st.Load(name); err != nil {
				t.Errorf("after Delete and Save: %v", err)
			}
		})
	}
}

func TestListSkipsWhatIsNotAPresetFile(t *testing.T) {
	st := newStore(t)
	if err := st.Save(preset("b-second", mesh.UseDeposit), false); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(preset("a-first", mesh.UseVerify), false); err != nil {
		t.Fatal(err)
	}
	if err := st.Touch("a-first", testClock.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	writeRaw(t, filepath.Join(st.Dir, "README.md"), []byte("# our presets"))
	writeRaw(t, filepath.Join(st.Dir, ".hidden.json"), []byte("{"))
	writeRaw(t, filepath.Join(st.Dir, ".a-first.json.123.tmp"), []byte(`{"version": 1`))
	if err := os.Mkdir(filepath.Join(st.Dir, "folder.json"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeRaw(t, filepath.Join(st.Dir, "con.json"), []byte("{}"))

	list, errs := st.List()
	var names []string
	for _, s := range list {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, []string{"a-first", "b-second"}) {
		t.Errorf("List names = %v", names)
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "folder.json: not a readable preset: it is a directory") ||
		!strings.Contains(errs[1].Error(), "con.json") || !strings.Contains(errs[1].Error(), "rename the file") {
		t.Errorf("List errors = %v, want one about the directory folder.json, one about con.json's name", errs)
	}
	want := Summary{
		Name:        "a-first",
		Description: "QA Verify wallet",
		UseCase:     mesh.UseVerify,
		Environment: mesh.EnvSandbox,
		NetworkIDs:  []string{netEthereum},
		Updated:     testClock,
		LastUsed:    testClock.Add(time.Minute),
		Path:        filepath.Join(st.Dir, "a-first.json"),
	}
	if len(list) > 0 && !reflect.DeepEqual(list[0], want) {
		t.Errorf("summary:\n got %+v\nwant %+v", list[0], want)
	}
}

func TestListOfAMissingDirectoryIsEmpty(t *testing.T) {
	st := Store{Dir: filepath.Join(t.TempDir(), "never-created")}
	list, errs := st.List()
	if list != nil || errs != nil {
		t.Errorf("List = %v, %v", list, errs)
	}
}

func TestZeroStoreTouchesNoWorkingDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	var st Store
	if err := st.Save(preset("x", mesh.UseVerify), false); !errors.Is(err, errNoDir) {
		t.Errorf("Save = %v", err)
	}
	if _, errs := st.List(); len(errs) != 1 || !errors.Is(errs[0], errNoDir) {
		t.Errorf("List errors = %v", errs)
	}
	if names := dirNames(t, "."); len(names) != 0 {
		t.Errorf("wrote %v into the working directory", names)
	}
}

func TestLoadMissingPreset(t *testing.T) {
	st := newStore(t)
	_, err := st.Load("nope")
	var nf *NotFoundError
	if !errors.Is(err, ErrNotFound) || !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &nf) || !strings.Contains(err.Error(), `no preset named "nope"`) {
		t.Errorf("Load = %v", err)
	}
}

// Loading does not check networks against a catalog: a preset whose network
// has disappeared still loads, and the caller decides how to warn.
func TestPresetWithAnUnknownNetworkStillLoads(t *testing.T) {
	st := newStore(t)
	p := preset("gone", mesh.UseDeposit)
	p.Request.TransferOptions.ToAddresses[0].NetworkID = netGone
	if err := st.Save(p, false); err != nil {
		t.Fatalf("Save: %v", err)
	}
	got, err := st.Load("gone")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if ids := got.NetworkIDs(); !slices.Contains(ids, netGone) {
		t.Errorf("NetworkIDs = %v", ids)
	}
	warnings := mesh.Validate(got.Body(nil), mesh.Snapshot()).Warnings()
	if len(warnings.At("transferOptions.toAddresses[0].networkId")) == 0 {
		t.Errorf("the catalog should flag the network for the caller to warn about; warnings: %v", warnings)
	}
}

func TestSaveRefusesAccessTokens(t *testing.T) {
	st := newStore(t)
	p := preset("w", mesh.UseWithdrawal)
	p.Request.AccessTokens = []mesh.AccessToken{{AccountID: "a", AccessToken: "returning-user-token"}}
	if err := st.Save(p, true); !errors.Is(err, ErrAccessTokens) {
		t.Errorf("Save = %v, want ErrAccessTokens", err)
	}
	if _, err := os.Stat(st.Dir); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a refused save created files")
	}
}

func TestSaveValidatesTheRequest(t *testing.T) {
	st := newStore(t)
	p := preset("bad", mesh.UsePayment)
	p.Request.TransferOptions.ToAddresses[0].Amount = "-1"
	if err := st.Save(p, false); !errors.Is(err, mesh.ErrInvalidRequest) {
		t.Errorf("Save = %v, want mesh.ErrInvalidRequest", err)
	}
	if exists, _ := st.Exists("bad"); exists {
		t.Error("an invalid preset was saved")
	}
}

func TestDeleteAndRename(t *testing.T) {
	st := newStore(t)
	for _, n := range []string{"one", "two"} {
		if err := st.Save(preset(n, mesh.UseDeposit), false); err != nil {
			t.Fatal(err)
		}
	}
	used := testClock.Add(2 * time.Hour)
	if err := st.Touch("one", used); err != nil {
		t.Fatal(err)
	}

	if err := st.Rename("one", "two"); !errors.Is(err, ErrExists) {
		t.Errorf("Rename onto an existing preset = %v, want ErrExists", err)
	}
	if err := st.Rename("missing", "three"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Rename of a missing preset = %v, want ErrNotFound", err)
	}
	if err := st.Rename("one", "uno"); err != nil {
		t.Fatalf("Rename: %v", err)
	}
	if _, err := st.Load("one"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the old name still loads: %v", err)
	}
	p, err := st.Load("uno")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "uno" || !p.LastUsed.Equal(used) || !p.Created.Equal(testClock) {
		t.Errorf("renamed preset = name %q, last used %v, created %v", p.Name, p.LastUsed, p.Created)
	}
	if !strings.Contains(string(readFile(t, filepath.Join(st.Dir, "uno.json"))), `"name": "uno"`) {
		t.Error("the file still carries the old name")
	}

	if err := st.Delete("uno"); err != nil {
		t.Fatal(err)
	}
	if err := st.Delete("uno"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete = %v, want ErrNotFound", err)
	}
	if _, err := os.Stat(st.usedPath("uno")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("Delete left the last-used record behind")
	}
	list, _ := st.List()
	if len(list) != 1 || list[0].Name != "two" {
		t.Errorf("List after delete = %+v", list)
	}
}

func TestTouchRecordsLastUseWithoutChangingThePresetFile(t *testing.T) {
	st := newStore(t)
	if err := st.Save(preset("qa", mesh.UsePayment), false); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(st.Dir, "qa.json")
	before := readFile(t, path)
	at := time.Date(2026, 11, 21, 14, 0, 0, 5, time.FixedZone("PST", -8*3600))
	if err := st.Touch("qa", at); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("Touch changed the preset file; a committed preset would show a diff after every run")
	}
	p, err := st.Load("qa")
	if err != nil {
		t.Fatal(err)
	}
	if !p.LastUsed.Equal(at) {
		t.Errorf("LastUsed = %v, want %v", p.LastUsed, at)
	}
	ignore := readFile(t, filepath.Join(st.Dir, usedDir, ".gitignore"))
	if !strings.Contains(string(ignore), "\n*\n") {
		t.Errorf(".lastused/.gitignore = %q, want it to ignore everything", ignore)
	}
	if err := st.Touch("missing", at); !errors.Is(err, ErrNotFound) {
		t.Errorf("Touch of a missing preset = %v", err)
	}
	if _, err := os.Stat(st.usedPath("missing")); err == nil {
		t.Error("Touch of a missing preset left a record")
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	st := newStore(t)
	orig := preset("qa-pay", mesh.UsePaymentVerify)
	if err := st.Save(orig, false); err != nil {
		t.Fatal(err)
	}
	if err := st.Touch("qa-pay", testClock); err != nil {
		t.Fatal(err)
	}
	data, err := st.Export("qa-pay")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "lastUsed") {
		t.Error("Export carries personal last-use data")
	}
	if !bytes.Equal(data, readFile(t, filepath.Join(st.Dir, "qa-pay.json"))) {
		t.Error("Export differs from the file it came from")
	}

	if _, err := st.Import(data, "", false); !errors.Is(err, ErrExists) {
		t.Errorf("Import under the file's own, taken, name = %v, want ErrExists", err)
	}
	imported, err := st.Import(data, "teammate-pay", false)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	loaded, err := st.Load("teammate-pay")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(imported, loaded) {
		t.Errorf("Import returned %+v, Load gives %+v", imported, loaded)
	}
	if !reflect.DeepEqual(loaded.Request, orig.Request) || !slices.Equal(loaded.Fresh, orig.Fresh) || loaded.UseCase != orig.UseCase {
		t.Errorf("import changed the setup:\n got %+v\nwant %+v", loaded, orig)
	}

	// Elsewhere: a fresh store, the file's own name.
	other := Store{Dir: filepath.Join(t.TempDir(), "presets")}
	if p, err := other.Import(data, "", false); err != nil || p.Name != "qa-pay" {
		t.Errorf("Import into an empty store = %+v, %v", p, err)
	}
}

func TestImportRejects(t *testing.T) {
	invalid := `{"version": 1, "name": "bad", "useCase": "payment", "request": {"userId": "u", "transferOptions": {"transferType": "payment"}}}`
	tests := []struct {
		name, data, as string
		wantIs         error
	}{
		{"invalid_request", invalid, "", mesh.ErrInvalidRequest},
		{"newer_version", `{"version": 2}`, "x", ErrNewerVersion},
		{"not_json", `<html>`, "x", ErrCorrupt},
		{"access_tokens", `{"useCase": "withdrawal", "request": {"userId": "u", "accessTokens": [{"accessToken": "t"}]}}`, "x", ErrAccessTokens},
		{"bad_name_in_file", `{"version": 1, "name": "../etc", "useCase": "withdrawal", "request": {"userId": "u"}}`, "", ErrInvalidName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newStore(t)
			if _, err := st.Import([]byte(tt.data), tt.as, false); !errors.Is(err, tt.wantIs) {
				t.Errorf("Import = %v, want %v", err, tt.wantIs)
			}
			if _, err := os.Stat(st.Dir); !errors.Is(err, fs.ErrNotExist) {
				t.Error("a refused import wrote files")
			}
		})
	}
	t.Run("version_0_body_with_a_name", func(t *testing.T) {
		st := newStore(t)
		p, err := st.Import([]byte(`{"userId": "u", "verifyWalletOptions": {"verificationMethods": ["signedMessage"]}}`), "from-curl", false)
		if err != nil || p.UseCase != mesh.UseVerify {
			t.Errorf("Import = %+v, %v", p, err)
		}
	})
}

func TestFilesArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	st := newStore(t)
	if err := st.Save(preset("private", mesh.UseDeposit), false); err != nil {
		t.Fatal(err)
	}
	if err := st.Touch("private", testClock); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(preset("private", mesh.UsePayment), true); err != nil {
		t.Fatal(err)
	}
	if err := st.Rename("private", "still-private"); err != nil {
		t.Fatal(err)
	}
	checks := map[string]fs.FileMode{
		st.Dir: 0o700 | fs.ModeDir,
		filepath.Join(st.Dir, "still-private.json"): 0o600,
		filepath.Join(st.Dir, usedDir):              0o700 | fs.ModeDir,
		st.usedPath("still-private"):                0o600,
	}
	for path, want := range checks {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("%s has mode %v, want %v", path, fi.Mode(), want)
		}
	}
}

// A crash between writing and renaming leaves the new content in a hidden
// temporary file beside the old one (mesh/atomicfile tests the crash itself):
// the old preset still loads, the stray file never shows, and saving again
// works.
func TestStrayTemporaryFileFromACrashIsIgnored(t *testing.T) {
	st := newStore(t)
	if err := st.Save(preset("qa", mesh.UseDeposit), false); err != nil {
		t.Fatal(err)
	}
	newer, err := Encode(preset("qa", mesh.UsePayment))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(st.Dir, ".qa.json.123456.tmp"), newer, 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := st.Load("qa")
	if err != nil || p.UseCase != mesh.UseDeposit {
		t.Errorf("Load after the crash = %+v, %v; want the old deposit preset", p, err)
	}
	list, errs := st.List()
	if len(list) != 1 || len(errs) != 0 {
		t.Errorf("List after the crash = %v, %v; the temporary file must not show", list, errs)
	}
	if err := st.Save(preset("qa", mesh.UsePayment), true); err != nil {
		t.Errorf("saving again after the crash: %v", err)
	}
}

func TestConcurrentSavesOfDifferentPresetsAllSurvive(t *testing.T) {
	st := newStore(t)
	const n = 20
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := mesh.UseCases[i%len(mesh.UseCases)]
			errs[i] = st.Save(preset(fmt.Sprintf("p%02d", i), u), false)
			if errs[i] == nil {
				errs[i] = st.Touch(fmt.Sprintf("p%02d", i), testClock)
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("p%02d: %v", i, err)
		}
	}
	checkAllPresent(t, st, n, "p%02d")
}

func checkAllPresent(t *testing.T, st Store, n int, format string) {
	t.Helper()
	list, errs := st.List()
	if len(errs) > 0 {
		t.Fatalf("List errors: %v", errs)
	}
	if len(list) != n {
		t.Fatalf("List has %d presets, want %d", len(list), n)
	}
	for i := range n {
		name := fmt.Sprintf(format, i)
		p, err := st.Load(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if want := mesh.UseCases[i%len(mesh.UseCases)]; p.UseCase != want || p.Name != name {
			t.Errorf("%s holds %s %q, want %s", name, p.UseCase, p.Name, want)
		}
	}
	for _, name := range dirNames(t, st.Dir) {
		if strings.HasSuffix(name, ".tmp") {
			t.Errorf("temporary file %s left behind", name)
		}
	}
}

// Separate processes share nothing but the directory; none may lose another's
// preset.
func TestConcurrentSavesFromSeveralProcessesAllSurvive(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	if os.Getenv("PRESETS_SAVER_DIR") != "" {
		t.Skip("in a child")
	}
	st := newStore(t)
	const procs, each = 4, 10
	var wg sync.WaitGroup
	for p := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := runChild(t, "TestHelperProcessSaves", "PRESETS_SAVER_DIR="+st.Dir, fmt.Sprintf("PRESETS_SAVER_RANGE=%d,%d", p*each, (p+1)*each))
			if err != nil {
				t.Errorf("child %d: %v\n%s", p, err, out)
			}
		}()
	}
	wg.Wait()
	checkAllPresent(t, st, procs*each, "proc-%02d")
}

func TestHelperProcessSaves(t *testing.T) {
	dir := os.Getenv("PRESETS_SAVER_DIR")
	if dir == "" {
		t.Skip("run by TestConcurrentSavesFromSeveralProcessesAllSurvive")
	}
	var from, to int
	if _, err := fmt.Sscanf(os.Getenv("PRESETS_SAVER_RANGE"), "%d,%d", &from, &to); err != nil {
		t.Fatal(err)
	}
	st := Store{Dir: dir}
	for i := from; i < to; i++ {
		if err := st.Save(preset(fmt.Sprintf("proc-%02d", i), mesh.UseCases[i%len(mesh.UseCases)]), false); err != nil {
			t.Fatal(err)
		}
	}
}

// Many writers racing to create one name: exactly one wins each round, the
// others are told it exists. A check-then-rename would let a later writer
// replace the first silently; the rounds make that race likely to show.
func TestConcurrentSavesOfOneNameCreateItOnce(t *testing.T) {
	st := newStore(t)
	const writers, rounds = 20, 10
	for round := range rounds {
		name := fmt.Sprintf("contested-%d", round)
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, writers)
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p := preset(name, mesh.UseCases[i%len(mesh.UseCases)])
				p.Description = fmt.Sprintf("writer %d", i)
				<-start
				errs[i] = st.Save(p, false)
			}()
		}
		close(start)
		wg.Wait()
		winner := -1
		for i, err := range errs {
			switch {
			case err == nil && winner >= 0:
				t.Fatalf("round %d: writers %d and %d both created the preset: one silently replaced the other", round, winner, i)
			case err == nil:
				winner = i
			case !errors.Is(err, ErrExists):
				t.Fatalf("round %d: writer %d: %v, want ErrExists", round, i, err)
			}
		}
		p, err := st.Load(name)
		if err != nil || winner < 0 || p.Description != fmt.Sprintf("writer %d", winner) {
			t.Fatalf("round %d: Load = %+v, %v; want writer %d's preset", round, p, err, winner)
		}
	}
}

// Credentials in the environment never reach a file: not through any use
// case, nor through Touch, Export, Import or Rename. The returning user's
// access token, another secret, is given too, and must be dropped.
func TestNoSecretInAnyFile(t *testing.T) {
	const (
		clientID = "cid-5b1f0c9e-NOT-IN-FILES"
		secret   = "sk_test_9f8e7d6c5b4a_SECRET_NEVER_STORED"
		token    = "mmt_returning_user_TOKEN_NEVER_STORED"
	)
	st := newStore(t)
	t.Setenv("MESH_CLIENT_ID", clientID)
	t.Setenv("MESH_CLIENT_SECRET", secret)
	creds := mesh.CredentialsFromEnv(os.Getenv)
	if !creds.Complete() {
		t.Fatal("credentials not set")
	}
	for _, u := range mesh.UseCases {
		r := request(u)
		r.AccessTokens = []mesh.AccessToken{{AccountID: "acc-1", AccessToken: token}}
		name := "s-" + strings.ReplaceAll(string(u), "+", "-")
		p := FromRequest(name, u, mesh.EnvSandbox, r, FreshTransactionID)
		p.Description = fmt.Sprintf("saved with %v", creds) // what a careless caller might do
		if err := st.Save(p, false); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if err := st.Touch(name, testClock); err != nil {
			t.Fatal(err)
		}
		data, err := st.Export(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Import(data, name+"-copy", false); err != nil {
			t.Fatal(err)
		}
		if err := st.Rename(name+"-copy", name+"-renamed"); err != nil {
			t.Fatal(err)
		}
	}
	files := 0
	for _, root := range []string{os.Getenv("MESHLINK_CONFIG_DIR"), os.Getenv("MESHLINK_CACHE_DIR")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			files++
			b := readFile(t, path)
			for _, s := range []string{clientID, secret, token} {
				if bytes.Contains(b, []byte(s)) {
					t.Errorf("%s contains the secret %q", path, s)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if want := 3*len(mesh.UseCases) + 2; files != want { // 2 presets and 1 last-use record per use case, .gitignore, .lock
		t.Errorf("checked %d files, want %d: the test looked in the wrong place", files, want)
	}
}

// runChild runs one test of this binary in a new process with extra
// environment, and returns its output.
func runChild(t *testing.T, test string, env ...string) ([]byte, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	return cmd.CombinedOutput()
}
