// The cgo crossing timed by each Go release: a module of its own, outside examples/go.work and the example's module,
// whose `go 1.26` lines an older toolchain refuses, with a `go` line every measured release accepts. Run with GOWORK=off.
module example.com/handbook/abi-evolution/releases

go 1.22
