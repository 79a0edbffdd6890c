package cli

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/open"
	"github.com/meshlink/meshlink/ui/qr"
)

// checkQRPath refuses, before anything is sent, a --qr path meshlink could
// not write: a directory, or a file in a directory that does not exist.
func checkQRPath(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return usagef("--qr %s is a directory; name a file, like %s", path, filepath.Join(path, "pay.png"))
	}
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		return usagef("--qr %s: the directory %s does not exist", path, filepath.Dir(path))
	}
	return nil
}

// writeQR writes the link's QR code for `token --qr`.
func writeQR(app *App, g *globalFlags, path string, tok *mesh.LinkToken) error {
	link, what := tok.Shareable()
	switch {
	case tok.PayLinkRefused != "":
		return errors.New("no QR code was written: " + tok.PayLinkRefused)
	case link == "":
		return errors.New("no QR code was written: the answer has no pay link and the token leads nowhere meshlink trusts")
	}
	if err := qr.WritePNG(path, link); err != nil {
		return fmt.Errorf("no QR code was written of %s (%d characters): %w", what, len(link), err)
	}
	g.note(app, "wrote a QR code of %s to %s", what, path)
	if u, err := url.Parse(link); err == nil && mesh.IsLoopbackHost(u.Hostname()) {
		g.note(app, "it leads to %s, on this machine: a phone cannot reach it", u.Host)
	} else if tok.PaymentLink == "" {
		g.note(app, "a phone opens Link best from a pay link: ask for one with --pay-link --transaction-id auto")
	}
	return nil
}

// openLink opens the link in the browser for `token --open`. A browser that
// cannot be reached is a note with the address, not a failure: the token is
// fetched and printed. A link meshlink refused is never opened.
func openLink(app *App, g *globalFlags, tok *mesh.LinkToken) error {
	link, what := tok.Shareable()
	switch {
	case tok.PayLinkRefused != "":
		return errors.New("nothing was opened: " + tok.PayLinkRefused)
	case link == "":
		return errors.New("nothing was opened: the token leads nowhere meshlink trusts")
	}
	err := open.Opener{Getenv: app.Getenv, Output: app.Err}.URL(link)
	switch {
	case errors.Is(err, open.ErrRemote):
		g.note(app, "%v; open %s on your own machine: %s", err, what, link)
	case err != nil:
		g.note(app, "warning: %v; open %s yourself: %s", err, what, link)
	default:
		g.note(app, "opened %s in your browser", what)
	}
	return nil
}
