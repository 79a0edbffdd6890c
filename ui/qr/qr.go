// Package qr draws a link as a QR code, for a phone to scan: a PNG file for
// any screen, or text for a terminal large enough. It draws nothing at
// package init and never writes to a terminal by itself.
package qr

import (
	"fmt"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/meshlink/meshlink/mesh/atomicfile"
)

// modulePixels is the size of one QR module in a PNG: a 500-character pay
// link (version 20, 97 modules) comes out near 800 pixels, sharp on any
// screen and easy for a phone camera.
const modulePixels = 8

// PNG is content as a QR code image. Medium error correction (15%) keeps a
// long pay link within the versions every phone reads.
func PNG(content string) ([]byte, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	return q.PNG(-modulePixels)
}

// WritePNG writes content's QR code to path, whole or not at all, readable
// only by the user: a pay link is single use, but it is a way to pay.
func WritePNG(path, content string) error {
	b, err := PNG(content)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, b, 0o600); err != nil {
		return fmt.Errorf("write the QR code: %w", err)
	}
	return nil
}

// Blocks is content's QR code as text, two modules a character (█ ▀ ▄ and
// spaces), at 65×33 characters for a 500-character pay link (Low error
// correction keeps it that small).
//
// darkOnLight draws the dark modules, without the quiet zone: for a caller
// that colours the text dark on light and pads it with two light columns
// and a light row all round. Otherwise the light modules are drawn, quiet
// zone included, for a light-on-dark terminal with no colours of its own.
func Blocks(content string, darkOnLight bool) (string, error) {
	q, err := qrcode.New(content, qrcode.Low)
	if err != nil {
		return "", fmt.Errorf("QR code: %w", err)
	}
	q.DisableBorder = darkOnLight
	return strings.TrimSuffix(q.ToSmallString(darkOnLight), "\n"), nil
}
