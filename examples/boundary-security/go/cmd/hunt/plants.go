package main

import "regexp"

// A plant is one bug put into a copy of the example, the checker that must
// find it, and what that checker's report must say for the find to count.
type plant struct {
	id string
	by hunter
	// file, relative to the example folder, holds find exactly once; the copy
	// holds replace instead.
	file, find, replace string
	finding             *regexp.Regexp
	// budget is the longest the checker may take, in seconds.
	budget int
}

// region: plants
var plants = []plant{
	{
		// The safe core forgets that values must not hold NUL. No memory error:
		// only the Go fuzz target's comparison with the Go reference sees it.
		id:      "go-fuzz-finds-nul-check-removed",
		by:      goFuzz,
		file:    "core/src/lib.rs",
		find:    "    if field.contains(&0) {",
		replace: "    if false {",
		finding: regexp.MustCompile(`Rust says ok, the Go reference says bad text`),
		budget:  60,
	},
	{
		// The FFI layer's capacity check is off by one: a value one byte longer
		// than the caller's buffer is copied anyway. AddressSanitizer sees the
		// write past the allocation.
		id:      "cargo-fuzz-finds-off-by-one-overflow",
		by:      cargoFuzz,
		file:    "rust/src/lib.rs",
		find:    "        if value.len() > out_cap {",
		replace: "        if value.len() > out_cap + 1 {",
		finding: regexp.MustCompile(`ERROR: AddressSanitizer: heap-buffer-overflow(.|\n)*WRITE of size`),
		budget:  60,
	},
	{
		// A null pointer with length 0 (a nil Go slice) becomes a slice. Every
		// test still passes in a release build and no fuzzer reports it: no byte
		// is read. Miri reports the invalid reference the moment it is made.
		id:      "miri-finds-null-slice",
		by:      miriCheck,
		file:    "rust/src/lib.rs",
		find:    "    if ptr.is_null() {",
		replace: "    if ptr.is_null() && len != 0 {",
		finding: regexp.MustCompile(`Undefined Behavior: constructing invalid value of type &\[u8\]: encountered a null reference`),
		budget:  180,
	},
}

// endregion
