//go:build !ship

package cgodynamic

// Development builds (tests, `go run`) also find the library where Cargo wrote it. $ORIGIN comes
// first, so a libcrossings.so beside the binary wins over this one.

/*
#cgo LDFLAGS: -Wl,-rpath,${SRCDIR}/../../../target/release
*/
import "C"
