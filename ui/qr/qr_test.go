package qr

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// decode reads a QR code back from a PNG with a decoder that shares no code
// with the encoder.
func decode(t *testing.T, b []byte) string {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatal(err)
	}
	return res.GetText()
}

func TestWritePNGDecodesBackToTheLink(t *testing.T) {
	payLink := "https://paylink.meshconnect.com?linkToken=" + strings.Repeat("aHR0cHM6Ly93ZWIubWVzaGNvbm5lY3QuY29tL2IyYi1pZnJhbWUv", 9) + "%3D%3D"
	for _, link := range []string{"https://web.meshconnect.com/b2b-iframe/x/broker-connect?auth_code=abc", payLink} {
		path := filepath.Join(t.TempDir(), "pay.png")
		if err := WritePNG(path, link); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := decode(t, b); got != link {
			t.Errorf("decoded %q, want %q", got, link)
		}
		fi, _ := os.Stat(path)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
		cfg, _, _ := image.DecodeConfig(bytes.NewReader(b))
		if cfg.Width < 200 || cfg.Width > 1200 {
			t.Errorf("a %d-pixel image for %d characters", cfg.Width, len(link))
		}
	}
}

func TestTooLongForAQRCode(t *testing.T) {
	if _, err := PNG(strings.Repeat("x", 5000)); err == nil {
		t.Error("5000 characters made a QR code")
	}
}
