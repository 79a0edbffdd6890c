//go:build !unix

package regularfile

// Elsewhere (Windows) a named pipe or device does not sit in a folder as a
// file does, and opening never waits on one.
const nonBlock = 0

// NoFollow, added to Open's flag, refuses a symbolic link at the path where
// the system can (Unix); elsewhere it does nothing.
const NoFollow = 0
