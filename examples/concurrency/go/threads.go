package concurrency

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// region: threads
// OSThreads is how many OS threads this process has now, from the kernel's
// own count in /proc/self/status (Linux). It counts every thread: Go's, and
// any that Rust started. Go never ends an idle thread, so the count only grows.
func OSThreads() (int, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "Threads:"); ok {
			return strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return 0, os.ErrNotExist
}

// endregion
