// The cgo crossing measured by each Go release: a module of its own, outside examples/go.work (whose `go 1.26` line
// an older toolchain refuses), with a `go` line every measured release accepts. Run it with GOWORK=off.
module example.com/handbook/abi-evolution/releases

go 1.22
