package presets

import "github.com/meshlink/meshlink/mesh/atomicfile"

// writeFile writes a preset file (mode 0600) so that a reader or a crash
// sees the old file or the new one. With replace false it fails with
// fs.ErrExist rather than replace a file that is there, even one another
// process created a moment ago.
func writeFile(path string, data []byte, replace bool) error {
	if replace {
		return atomicfile.Write(path, data, 0o600)
	}
	return atomicfile.Create(path, data, 0o600)
}
