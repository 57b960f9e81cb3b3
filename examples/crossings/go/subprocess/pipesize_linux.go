package subprocess

import (
	"os"

	"golang.org/x/sys/unix"
)

// growPipe raises a pipe's capacity from Linux's default of 64 KiB (pipe(7))
// to 1 MiB, the default pipe-max-size: a 16 MiB request then crosses in 16
// wake-ups of the other side rather than 256, which matters most on a busy
// machine. Refused (a lower limit), the pipe keeps its default: slower, still
// correct.
func growPipe(f *os.File) {
	if rc, err := f.SyscallConn(); err == nil {
		_ = rc.Control(func(fd uintptr) {
			_, _ = unix.FcntlInt(fd, unix.F_SETPIPE_SZ, 1<<20)
		})
	}
}
