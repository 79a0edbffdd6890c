package mesh

import (
	"encoding/base64"
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
	// on a host Link is known to use. Otherwise it is empty and Suspicious
	// says why.
	LinkURL    string
	Suspicious string
	ReceivedAt time.Time
	ExpiresAt  time.Time // single use, and only until then
}

// MeshLinkOrigins are the origins Mesh's web SDK accepts for a decoded token.
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
	if err != nil {
		t.Suspicious = "the token is not a base64 Link URL, so meshlink cannot show where it leads"
	} else if CleanText(decoded) != decoded { // bidi overrides, C1 controls, broken UTF-8: unsafe to print
		t.Suspicious = "the token decodes to a URL that holds control characters; do not open it"
	} else if origin, err := linkOrigin(decoded); err != nil {
		t.Suspicious = fmt.Sprintf("the token decodes to %q, which %v", CleanText(truncate(decoded, 80)), err)
	} else if !slices.Contains(MeshLinkOrigins, origin) && !slices.Contains(extraOrigins, origin) {
		t.Suspicious = fmt.Sprintf("the token leads to %s, which is not a Mesh Link host; do not open it", CleanText(origin))
	} else {
		t.LinkURL = decoded
	}
	if payLink != "" {
		if u, err := url.Parse(payLink); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			t.PaymentLink = payLink
		} else {
			dropped := fmt.Sprintf("the pay link %q is not a web address and was dropped", CleanText(truncate(payLink, 80)))
			t.Suspicious = strings.Join(slices.DeleteFunc([]string{t.Suspicious, dropped}, func(s string) bool { return s == "" }), "; ")
		}
	}
	return t
}

func decodeBase64(s string) (string, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return string(b), nil
		}
	}
	return "", fmt.Errorf("not base64")
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
