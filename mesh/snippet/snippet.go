package snippet

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
	"text/template"

	"github.com/meshlink/meshlink/mesh"
)

// Platform is where Link opens: an SDK, a hosted page, or the back end that
// fetches the token.
type Platform string

const (
	Web         Platform = "web"
	React       Platform = "react"
	NextJS      Platform = "nextjs"
	ReactNative Platform = "react-native"
	IOS         Platform = "ios"
	Android     Platform = "android"
	Flutter     Platform = "flutter"
	PayLink     Platform = "paylink"
	Node        Platform = "node"
)

// WebSDKVersion is the @meshconnect/web-link-sdk the web, react and nextjs
// snippets are written against, and the one `meshlink try` loads.
const WebSDKVersion = "3.13.0"

// Platforms lists every platform, in the order help and menus show them.
var Platforms = []Platform{Web, React, NextJS, ReactNative, IOS, Android, Flutter, PayLink, Node}

// Describe says in a few words what the platform's snippet is.
func (p Platform) Describe() string {
	switch p {
	case Web:
		return "a web page, with @meshconnect/web-link-sdk " + WebSDKVersion
	case React:
		return "a React component, with @meshconnect/web-link-sdk " + WebSDKVersion
	case NextJS:
		return "a Next.js client component (the SDK loads only in the browser)"
	case ReactNative:
		return "a React Native screen, with @meshconnect/react-native-link-sdk 2.4.5"
	case IOS:
		return "a UIKit view controller, with LinkSDK 3.2.1 (Swift)"
	case Android:
		return "an Android activity, with com.meshconnect:link 3.4.4 (Kotlin)"
	case Flutter:
		return "a Flutter widget, with mesh_sdk_flutter 1.1.2"
	case PayLink:
		return "a redirect to Mesh's hosted pay page (no SDK)"
	case Node:
		return "the back end that fetches the token, with @meshconnect/node-api 2.0.28"
	}
	return ""
}

// Names is the platforms as one phrase: "web, react, … or node".
func Names() string {
	names := make([]string, len(Platforms))
	for i, p := range Platforms {
		names[i] = string(p)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// ParsePlatform accepts a platform's name in any case.
func ParsePlatform(s string) (Platform, error) {
	want := Platform(strings.ToLower(strings.TrimSpace(s)))
	for _, p := range Platforms {
		if p == want {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown platform %q: use %s", s, Names())
}

// Options are what a snippet embeds. Everything is optional.
type Options struct {
	// Token is a link token to embed for a quick try. Without one, the
	// snippet fetches a fresh token from your back end when the user acts.
	Token string
	// PaymentLink is the pay link Mesh returned, for the paylink snippet.
	PaymentLink string
	// AccessTokens are a returning user's Mesh managed tokens: the SDKs take
	// them (accessTokens), the link-token request does not.
	AccessTokens []mesh.AccessToken
	// Request is the body the node snippet sends; nil sends a minimal one.
	Request *mesh.LinkTokenRequest
	// BaseURL is the API host the node snippet calls; empty means sandbox.
	BaseURL string
}

// Render returns p's snippet for o, ending with p's checklist.
func Render(p Platform, o Options) (string, error) {
	if p == PayLink && o.Token != "" && o.PaymentLink == "" {
		return "", fmt.Errorf("a pay link comes from Mesh's answer, not from the token: fetch one with `meshlink token … --pay-link --transaction-id auto --snippet paylink`")
	}
	if o.Token != "" && !isLinkToken(o.Token) {
		return "", fmt.Errorf("the token is not a link token (base64 text, as POST /api/v1/linktoken returns it)")
	}
	if err := CheckAccessTokens(o.AccessTokens); err != nil {
		return "", err
	}
	tmpl, err := templates()
	if err != nil {
		return "", err
	}
	d, err := newData(o)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, string(p)+".tmpl", d); err != nil {
		return "", fmt.Errorf("snippet %s: %w", p, err)
	}
	b.WriteString("\n")
	b.WriteString(checklist(p))
	return b.String(), nil
}

// isLinkToken accepts base64 text (standard or URL-safe), which is all a
// link token holds, so an embedded token needs no escaping in any language.
func isLinkToken(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r == '+', r == '/', r == '=', r == '-', r == '_':
		default:
			return false
		}
	}
	return true
}

//go:embed templates/*.tmpl
var templateFiles embed.FS

// templates are parsed on first use: commands that print no snippet never
// pay for them. The delimiters are <% %> because JSX, Swift and Dart all use
// {{ or [[ themselves.
var templates = sync.OnceValues(func() (*template.Template, error) {
	t := template.New("").Delims("<%", "%>")
	return t.Funcs(template.FuncMap{
		"js":     jsString,
		"swift":  swiftString,
		"kotlin": kotlinString,
		"dart":   dartString,
		// indent runs a shared part and indents it by n spaces, so a part
		// reads the same at the top of a file and inside a component.
		"indent": func(n int, name string, d any) (string, error) {
			var b strings.Builder
			if err := t.ExecuteTemplate(&b, name, d); err != nil {
				return "", err
			}
			pad := strings.Repeat(" ", n)
			lines := strings.Split(b.String(), "\n")
			for i, l := range lines {
				if l != "" {
					lines[i] = pad + l
				}
			}
			return strings.Join(lines, "\n"), nil
		},
	}).ParseFS(templateFiles, "templates/*.tmpl")
})

// data is what the templates see.
type data struct {
	Token        string
	PaymentLink  string
	AccessTokens []mesh.AccessToken
	Body         string // node: the request body as a JavaScript object literal
	FreshTxID    bool   // node: the body makes a transactionId per token
	PayLink      bool   // node: the body asks for a pay link
	BaseURL      string
	BaseURLNote  string
}

func newData(o Options) (data, error) {
	d := data{Token: o.Token, PaymentLink: o.PaymentLink, AccessTokens: o.AccessTokens}
	body, err := nodeBody(o.Request)
	if err != nil {
		return data{}, err
	}
	d.Body = body
	d.FreshTxID = strings.Contains(body, "randomUUID()")
	if r := o.Request; r != nil && r.TransferOptions != nil && r.TransferOptions.GeneratePayLink != nil {
		d.PayLink = *r.TransferOptions.GeneratePayLink
	}
	d.BaseURL, d.BaseURLNote = o.BaseURL, ""
	switch {
	case o.BaseURL == "":
		d.BaseURL = mesh.SandboxBaseURL
	case o.BaseURL == mesh.ProductionBaseURL:
		d.BaseURLNote = "production: real money moves; use production keys"
	case o.BaseURL != mesh.SandboxBaseURL:
		d.BaseURLNote = "not Mesh: a proxy or a `meshlink demo-server`"
	}
	return d, nil
}
