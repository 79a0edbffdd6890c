package mesh

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// TokenLifetime is how long Mesh accepts a fresh link token.
const TokenLifetime = 10 * time.Minute

// LinkToken is what POST /api/v1/linktoken gave back, with what it decodes to.
type LinkToken struct {
	Token string
	// PaymentLink is the pay link of the answer, when the request asked for
	// one and it leads where a pay link may (CheckPayLink). Otherwise it is
	// empty, and PayLinkRefused says why.
	PaymentLink    string
	PayLinkRefused string
	// LinkURL is the Link session URL the token decodes to, when that URL is
	// on a Mesh host. Otherwise it is empty and Suspicious says why.
	// Suspicious also warns of a Mesh host that is not one of Link's own, and
	// repeats PayLinkRefused.
	LinkURL    string
	Suspicious string
	ReceivedAt time.Time
	ExpiresAt  time.Time // single use, and only until then
}

// MeshLinkOrigins are Link's own origins. What Mesh's SDKs check of a token
// is less: the released web SDK (3.3.2, the fix for CVE-2025-59430) opens any
// http(s) URL a token decodes to; only its newer, unreleased code keeps an
// allow-list (these origins, its own dev and preview hosts, and whatever the
// integrator adds as trustedLinkOrigins). So meshlink shows a token that leads
// to another https://*.meshconnect.com host, with a warning, and refuses only
// hosts that are not Mesh's at all.
var MeshLinkOrigins = []string{
	"https://web.meshconnect.com",
	"https://link.meshconnect.com",
	"https://link.meshpay.com",
	"https://link2.meshconnect.com",
	"https://sandbox-web.meshconnect.com",
	"https://sandbox-link.meshconnect.com",
	"https://link.sbx.meshpay.com",
}

// MeshPayLinkOrigins are where Mesh's pay links lead, as its Paylinks guide
// and the advisory of CVE-2025-59430 show them
// (https://paylink.meshconnect.com/?linkToken=…). Like a Link URL, a pay
// link to another https://*.meshconnect.com host is kept with a warning.
var MeshPayLinkOrigins = []string{
	"https://paylink.meshconnect.com",
}

// linkCheck is what a token's links are checked against.
type linkCheck struct {
	// extraOrigins are trusted besides Mesh's own (the demo server's).
	extraOrigins []string
	// secret is MESH_CLIENT_SECRET when it must not show ("" for demo).
	secret string
}

// newLinkToken decodes token and checks where it and the pay link point.
func newLinkToken(token, payLink string, received time.Time, check linkCheck) *LinkToken {
	t := &LinkToken{Token: token, ReceivedAt: received, ExpiresAt: received.Add(TokenLifetime)}
	decoded, err := decodeBase64(token)
	if errors.Is(err, errURLSafeBase64) {
		t.Suspicious = "the token is URL-safe base64 (it holds - or _), which Mesh's SDKs cannot decode: they read standard base64"
	} else if err != nil {
		t.Suspicious = "the token is not a base64 Link URL, so meshlink cannot show where it leads"
	} else if CleanText(decoded) != decoded { // bidi overrides, C1 controls, broken UTF-8: unsafe to print
		t.Suspicious = "the token decodes to a URL that holds control characters; do not open it"
	} else if origin, err := checkOrigin(decoded); err != nil {
		t.Suspicious = fmt.Sprintf("the token decodes to %q, which %v", CleanText(truncate(decoded, 80)), err)
	} else if meshHost(decoded) && !slices.Contains(MeshLinkOrigins, origin) {
		t.LinkURL = decoded
		t.Suspicious = fmt.Sprintf("the token leads to %s, a Mesh host but not one of Link's own: Mesh's newer web SDK opens it only if trustedLinkOrigins lists it", CleanText(origin))
	} else if !slices.Contains(MeshLinkOrigins, origin) && !slices.Contains(check.extraOrigins, origin) {
		t.Suspicious = fmt.Sprintf("the token leads to %s, which is not a Mesh Link host; do not open it", CleanText(origin))
	} else {
		t.LinkURL = decoded
	}
	if payLink != "" {
		warning, err := CheckPayLink(payLink, check.extraOrigins, check.secret)
		if err != nil {
			t.PayLinkRefused = err.Error()
			warning = t.PayLinkRefused + "; it is not opened, drawn as a QR code or put in a snippet"
		} else {
			t.PaymentLink = payLink
		}
		t.Suspicious = strings.Join(slices.DeleteFunc([]string{t.Suspicious, warning}, func(s string) bool { return s == "" }), "; ")
	}
	return t
}

// CheckPayLink checks a pay link as a Link URL is checked: it must lead to
// one of MeshPayLinkOrigins, another https Mesh host (with a warning), or one
// of extraOrigins (the demo server's); over https unless it stays on this
// machine; with no user name before its host (https://pay.meshconnect.com@evil.example
// leads to evil.example); and without secret, a MESH_CLIENT_SECRET that a
// server or proxy echoed. The error says why a link is refused, showing
// the link inert and with the secret hidden.
func CheckPayLink(link string, extraOrigins []string, secret string) (warning string, err error) {
	if CleanText(link) != link {
		// used as sent or not at all: cleaning "https://paylink.meshconnect.com\x1b[0m.evil.example"
		// would make a link to another host
		return "", errors.New("the pay link holds control characters and was refused")
	}
	shown := fmt.Sprintf("%q", truncateMiddle(hideSecret(link, secret), 60, 40))
	if holdsSecret(link, secret) {
		return "", fmt.Errorf("the pay link %s holds MESH_CLIENT_SECRET (shown as [MESH_CLIENT_SECRET]) and was refused: the server or a proxy echoes the secret", shown)
	}
	origin, err := checkOrigin(link)
	switch {
	case err != nil:
		return "", fmt.Errorf("the pay link %s %v, and was refused", shown, err)
	case slices.Contains(MeshPayLinkOrigins, origin), slices.Contains(extraOrigins, origin):
		return "", nil
	case meshHost(link):
		return fmt.Sprintf("the pay link leads to %s, a Mesh host but not Mesh's pay-link host %s", CleanText(origin), strings.Join(MeshPayLinkOrigins, ", ")), nil
	}
	return "", fmt.Errorf("the pay link %s leads to %s, which is not Mesh's pay-link host %s, and was refused", shown, CleanText(origin), strings.Join(MeshPayLinkOrigins, ", "))
}

// holdsSecret reports whether s holds secret as is or %-escaped.
func holdsSecret(s, secret string) bool {
	if len(secret) < minSecretLen {
		return false
	}
	if strings.Contains(s, secret) {
		return true
	}
	for _, unescape := range []func(string) (string, error){url.PathUnescape, url.QueryUnescape} {
		if u, err := unescape(s); err == nil && strings.Contains(u, secret) {
			return true
		}
	}
	return false
}

// hideSecret shows s with secret as [MESH_CLIENT_SECRET]; when only an
// escaped form holds it, it shows no more than where s leads.
func hideSecret(s, secret string) string {
	if len(secret) >= minSecretLen {
		s = strings.ReplaceAll(s, secret, "[MESH_CLIENT_SECRET]")
	}
	if !holdsSecret(s, secret) {
		return s
	}
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		return u.Scheme + "://" + u.Host + "/[…]"
	}
	return "[…]"
}

var errURLSafeBase64 = errors.New("URL-safe base64")

// decodeBase64 decodes a token as Mesh's SDKs do: standard base64 with its
// padding (the web SDK's atob forgives missing padding, and so does this).
func decodeBase64(s string) (string, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return string(b), nil
		}
	}
	if strings.ContainsAny(s, "-_") {
		if _, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "=")); err == nil {
			return "", errURLSafeBase64
		}
	}
	return "", fmt.Errorf("not base64")
}

// meshHost reports whether raw is an https URL on a meshconnect.com host,
// on the default port.
func meshHost(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme == "https" && u.Port() == "" && u.User == nil && strings.HasSuffix(strings.ToLower(u.Hostname()), ".meshconnect.com")
}

// checkOrigin is the origin of a web address a token or pay link leads to,
// or why no such address may be opened: it is no http(s) address, it holds a
// user name (which hides the host from a reader), or it is plain http to
// another machine (even a trusted origin must be https off this machine).
func checkOrigin(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("is not a web address")
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return "", fmt.Errorf("is not an http(s) address")
	}
	origin := u.Scheme + "://" + strings.ToLower(u.Host) // a host has no case, as a browser reads it
	if u.User != nil {
		return "", fmt.Errorf("holds a user name before @ (it leads to %s, not where it seems to)", CleanText(origin))
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return "", fmt.Errorf("uses plain http to another machine (%s)", CleanText(origin))
	}
	return origin, nil
}

// truncateMiddle keeps the first head and last tail runes of a long s: a
// pay link's host and the end of its query.
func truncateMiddle(s string, head, tail int) string {
	r := []rune(s)
	if len(r) <= head+tail+1 {
		return s
	}
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// Shareable is the address to hand a phone or a browser: the pay link when
// there is one, else the Link URL; empty when the token leads nowhere
// meshlink trusts, or the pay link asked for was refused (a Link URL in its
// place would not be what the user asked for). what names it for messages
// ("the pay link").
func (t *LinkToken) Shareable() (link, what string) {
	switch {
	case t.PayLinkRefused != "":
		return "", ""
	case t.PaymentLink != "":
		return t.PaymentLink, "the pay link"
	case t.LinkURL != "":
		return t.LinkURL, "the Link URL"
	}
	return "", ""
}

// InspectLinkToken is a token given as it is, not fetched: where it leads
// and whether to trust that, by the rules of a fetched one. A token that
// leads to this machine (a meshlink demo server) is trusted: the user's own
// machine serves it.
func InspectLinkToken(token string, now time.Time) *LinkToken {
	var trusted []string
	if decoded, err := decodeBase64(strings.TrimSpace(token)); err == nil {
		if u, err := url.Parse(decoded); err == nil && (u.Scheme == "http" || u.Scheme == "https") && IsLoopbackHost(u.Hostname()) {
			trusted = append(trusted, u.Scheme+"://"+u.Host)
		}
	}
	return newLinkToken(strings.TrimSpace(token), "", now, linkCheck{extraOrigins: trusted})
}
