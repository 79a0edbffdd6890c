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
	Token       string
	PaymentLink string // set when the request asked for a pay link
	// LinkURL is the Link session URL the token decodes to, when that URL is
	// on a Mesh host. Otherwise it is empty and Suspicious says why.
	// Suspicious also warns of a Mesh host that is not one of Link's own.
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

// newLinkToken decodes token and checks where it points. extraOrigins are
// trusted besides Mesh's own (the demo server's).
func newLinkToken(token, payLink string, received time.Time, extraOrigins []string) *LinkToken {
	t := &LinkToken{Token: token, ReceivedAt: received, ExpiresAt: received.Add(TokenLifetime)}
	decoded, err := decodeBase64(token)
	if errors.Is(err, errURLSafeBase64) {
		t.Suspicious = "the token is URL-safe base64 (it holds - or _), which Mesh's SDKs cannot decode: they read standard base64"
	} else if err != nil {
		t.Suspicious = "the token is not a base64 Link URL, so meshlink cannot show where it leads"
	} else if CleanText(decoded) != decoded { // bidi overrides, C1 controls, broken UTF-8: unsafe to print
		t.Suspicious = "the token decodes to a URL that holds control characters; do not open it"
	} else if origin, err := linkOrigin(decoded); err != nil {
		t.Suspicious = fmt.Sprintf("the token decodes to %q, which %v", CleanText(truncate(decoded, 80)), err)
	} else if meshHost(decoded) && !slices.Contains(MeshLinkOrigins, origin) {
		t.LinkURL = decoded
		t.Suspicious = fmt.Sprintf("the token leads to %s, a Mesh host but not one of Link's own: Mesh's newer web SDK opens it only if trustedLinkOrigins lists it", CleanText(origin))
	} else if !slices.Contains(MeshLinkOrigins, origin) && !slices.Contains(extraOrigins, origin) {
		t.Suspicious = fmt.Sprintf("the token leads to %s, which is not a Mesh Link host; do not open it", CleanText(origin))
	} else {
		t.LinkURL = decoded
	}
	if payLink != "" {
		// a pay link is used as sent or not at all: cleaning
		// "https://pay.meshconnect.com\x1b[0m.evil.example" would make a link
		// to another host
		if u, err := url.Parse(payLink); err == nil && CleanText(payLink) == payLink && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			t.PaymentLink = payLink
		} else {
			dropped := fmt.Sprintf("the pay link %q is not a web address and was dropped", CleanText(truncate(payLink, 80)))
			if CleanText(payLink) != payLink {
				dropped = "the pay link holds control characters and was dropped"
			}
			t.Suspicious = strings.Join(slices.DeleteFunc([]string{t.Suspicious, dropped}, func(s string) bool { return s == "" }), "; ")
		}
	}
	return t
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
	return err == nil && u.Scheme == "https" && u.Port() == "" && u.User == nil && strings.HasSuffix(u.Hostname(), ".meshconnect.com")
}

func linkOrigin(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("is not a web address")
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return "", fmt.Errorf("is not an http(s) address")
	}
	return u.Scheme + "://" + u.Host, nil
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
// meshlink trusts. what names it for messages ("the pay link").
func (t *LinkToken) Shareable() (link, what string) {
	switch {
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
	return newLinkToken(strings.TrimSpace(token), "", now, trusted)
}
