// Package qr draws a link as a QR code, for a phone to scan: a PNG file for
// any screen. It draws nothing at package init and never touches a terminal
// by itself.
package qr

import (
	"fmt"

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
