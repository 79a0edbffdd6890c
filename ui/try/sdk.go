package try

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/snippet"
)

// SDKPackage is Mesh's web SDK on npm; the page loads it at
// snippet.WebSDKVersion, the version the web snippet is written against.
const SDKPackage = "@meshconnect/web-link-sdk"

// DefaultCDN serves npm packages: their files byte for byte under
// /npm/NAME@VERSION/FILE, and a package made a browser module under
// /npm/NAME@VERSION/+esm (jsDelivr).
const DefaultCDN = "https://cdn.jsdelivr.net"

// sdkFiles are the SDK's own files at snippet.WebSDKVersion with their
// Subresource Integrity hashes, computed from the npm tarball (npm's own
// bytes, which the CDN serves unchanged): the browser refuses a file that
// differs. TestSDKHashesMatchNPM checks them against the package npm
// installs. The SDK's imports name files without ".js", which a browser
// cannot resolve, so the import map maps each to its file.
var sdkFiles = []struct{ path, integrity string }{
	{"index.js", "sha384-VA8uet6wHy0+h7eRoD8CgHiRDhfdw3eQ81KwQtew+PyXNLeShy4pBPcBf95S9xs8"},
	{"Link.js", "sha384-FWfzz7YQi1fI2OwTBGlOZCNysxKfjs2w/qTessy6avjl74YWVrqkFV885fQ6PK8T"},
	{"utils/event-types.js", "sha384-o7+9UFe99vuEHirtRUxP+kniR0LmGc40eQL6BG8M9h0pDrTaZV2a9CNqYD+hpRB8"},
	{"utils/popup.js", "sha384-yJexNYNI2ezTvrerUi9THb/gSaJU2N8q5cPOPDI6EStC8NWMXhoaJa2aqHmc+gZj"},
	{"utils/prewarm.js", "sha384-wReplaKeH3b5ZnqBNCyEroVds8GwvXGKpElioRHn9jp2g92t/jy2fVUbXnQoKqTy"},
	{"utils/sdk-specs.js", "sha384-lhsDS9eOa6zKGPrpPMq6egK6TOiumI92k8cIsS+M7X2gFOoMc8JckyBifGerf7T6"},
	{"utils/style.js", "sha384-I0NLhATR2PociduRT1Uyp9xutTSceP3zPyRAmwxNMJ4urOh8qVabZ23JlYC2gK6g"},
	{"utils/types.js", "sha384-z0dQZuTpVhlJhRpzBVjQTCgdq+BUSh89DMD4c8ea5gn4XTF+416jeLVKPWSl2O8q"},
	{"utils/url.js", "sha384-PKUb9KbzFmizPDD/XFJ08JbBrBUal/otnIC4cvtwqlFEcyOybIYFlF7cIg8fD0cf"},
	{"utils/version.js", "sha384-OymZNJ3j7n0mH/3zewL84qHgYkF3uJP5rQM9QG+p/zGKB+cckfXsiFPveepMfhA0"},
}

// bridgePackage is the SDK's one import from another package, its wallet
// bridge, at the exact version the SDK's package.json pins. It pulls in
// Solana's libraries, CommonJS among them, which only a CDN's build makes
// browser modules: that build is the CDN's, not npm's bytes, and its own
// dependencies are resolved from version ranges when it is built, so no
// hash can be known in advance.
const bridgePackage = "@meshconnect/uwc-bridge-parent"
const bridgeVersion = "1.7.0"

// MaxSDKFileBytes bounds --sdk FILE: the SDK bundled with its wallet
// bridge is under 1 MB, minified under half.
const MaxSDKFileBytes = 32 << 20

// SDK says where the page loads Mesh's web SDK from. The zero value is the
// pinned version from DefaultCDN.
type SDK struct {
	// CDN is a jsDelivr-compatible host (a mirror or proxy of it); "" is
	// DefaultCDN. The SDK's files keep their integrity hashes.
	CDN string
	// File is an ES module on this machine that exports createLink, as
	// esbuild bundles the SDK from a project's node_modules.
	File string
	// URL is such a module on the web.
	URL string

	module []byte // File's contents, read by LoadSDK
}

// LoadSDK checks and reads what --sdk names: a URL (https, or http on this
// machine) or a file.
func LoadSDK(arg, cdn string) (SDK, error) {
	s := SDK{CDN: strings.TrimRight(cdn, "/")}
	if s.CDN != "" {
		if err := checkWebAddress(s.CDN); err != nil {
			return s, fmt.Errorf("--cdn %w", err)
		}
	}
	if arg == "" {
		return s, nil
	}
	if strings.HasPrefix(arg, "https://") || strings.HasPrefix(arg, "http://") {
		if err := checkWebAddress(arg); err != nil {
			return s, fmt.Errorf("--sdk %w", err)
		}
		s.URL = arg
		return s, nil
	}
	fi, err := os.Stat(arg)
	switch {
	case err != nil:
		return s, fmt.Errorf("--sdk %s: %w; %s", arg, errors.Unwrap(err), buildHint)
	case !fi.Mode().IsRegular():
		return s, fmt.Errorf("--sdk %s is not a file; %s", arg, buildHint)
	case fi.Size() > MaxSDKFileBytes:
		return s, fmt.Errorf("--sdk %s is %s; a bundle of Mesh's web SDK is under 1 MB (meshlink reads at most %s)", arg, mesh.FormatBytes(fi.Size()), mesh.FormatBytes(MaxSDKFileBytes))
	}
	b, err := os.ReadFile(arg)
	if err != nil {
		return s, fmt.Errorf("--sdk: %w", err)
	}
	if !bytes.Contains(b, []byte("createLink")) {
		return s, fmt.Errorf("--sdk %s does not export createLink, so it is not Mesh's web SDK; %s", arg, buildHint)
	}
	s.File, s.module = arg, b
	return s, nil
}

// BuildCommand makes the --sdk FILE bundle from a project that has the SDK
// in its node_modules.
const BuildCommand = "npx esbuild " + SDKPackage + " --bundle --format=esm --outfile=mesh-link-sdk.js"

// buildHint says how to make a bundle --sdk takes.
var buildHint = "make one in a project that has " + SDKPackage + " installed: " + BuildCommand

func checkWebAddress(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
		return fmt.Errorf("%q is not an http(s) address", mesh.CleanText(raw))
	case u.Scheme == "http" && !mesh.IsLoopbackHost(u.Hostname()):
		return fmt.Errorf("%s uses plain http, which anyone on the way could change: use https (plain http only on this machine)", mesh.CleanText(u.Scheme+"://"+u.Host))
	}
	return nil
}

func (s SDK) cdn() string {
	if s.CDN != "" {
		return s.CDN
	}
	return DefaultCDN
}

func (s SDK) packageBase() string {
	return s.cdn() + "/npm/" + SDKPackage + "@" + snippet.WebSDKVersion + "/"
}

// Source says where the SDK comes from, for the terminal and the page.
func (s SDK) Source() string {
	switch {
	case s.File != "":
		return s.File
	case s.URL != "":
		return s.URL
	}
	return s.packageBase()
}

// Describe names the SDK and where it comes from, for the terminal.
func (s SDK) Describe() string {
	if s.File != "" || s.URL != "" {
		return "Mesh's web SDK from " + mesh.CleanText(s.Source())
	}
	return "Mesh's web SDK " + snippet.WebSDKVersion + " from " + s.Source() + " (its files checked against npm's hashes)"
}

// importMap is the page's import map: the bare name the web snippet imports
// resolves to the SDK; moduleURL is where the page serves --sdk FILE.
type importMap struct {
	Imports   map[string]string `json:"imports"`
	Integrity map[string]string `json:"integrity,omitempty"`
}

func (s SDK) importMap(moduleURL string) importMap {
	m := importMap{Imports: map[string]string{}}
	switch {
	case s.File != "":
		m.Imports[SDKPackage] = moduleURL
	case s.URL != "":
		m.Imports[SDKPackage] = s.URL
	default:
		base := s.packageBase()
		m.Integrity = map[string]string{}
		m.Imports[SDKPackage] = base + "index.js"
		for _, f := range sdkFiles {
			m.Imports[base+strings.TrimSuffix(f.path, ".js")] = base + f.path
			m.Integrity[base+f.path] = f.integrity
		}
		m.Imports[bridgePackage] = s.cdn() + "/npm/" + bridgePackage + "@" + bridgeVersion + "/+esm"
	}
	return m
}

// scriptOrigins are the origins the page's Content-Security-Policy lets
// scripts come from, besides the page's own.
func (s SDK) scriptOrigins() []string {
	raw := s.cdn()
	if s.URL != "" {
		raw = s.URL
	} else if s.File != "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	return []string{u.Scheme + "://" + u.Host}
}
