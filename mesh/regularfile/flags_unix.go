//go:build unix

package regularfile

import "syscall"

const nonBlock = syscall.O_NONBLOCK

// NoFollow, added to Open's flag, refuses a symbolic link at the path.
const NoFollow = syscall.O_NOFOLLOW
