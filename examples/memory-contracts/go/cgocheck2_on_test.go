//go:build goexperiment.cgocheck2

package contracts

// builtWithCgocheck2 says whether this test binary was built with
// GOEXPERIMENT=cgocheck2 (the whole suite's cgocheck2 lane).
const builtWithCgocheck2 = true
