package main

import (
	"strings"
	"testing"
)

const sample = `desc: I1 cache: 32768 B
cmd: /tmp/workload -hash 200
events: Ir
fl=/rust/src/lib.rs
fn=observing::fnv1a
73 49150000
fn=obs_hash
104 6800
fl=???
fn=runtime.mallocgc
0 1200000
summary: 50400000
`

func TestParseCachegrindCountsTheKernelAndTheProcess(t *testing.T) {
	whole, kernel, err := parseCachegrind("cachegrind.out", sample)
	if err != nil || whole != 50400000 || kernel != 49156800 {
		t.Fatalf("got whole %v, kernel %v, err %v", whole, kernel, err)
	}
}

func TestParseCachegrindNamesTheBadLine(t *testing.T) {
	_, _, err := parseCachegrind("cachegrind.out", strings.Replace(sample, "104 6800", "104 lots", 1))
	if err == nil || !strings.Contains(err.Error(), "cachegrind.out:8:") {
		t.Fatalf("want an error naming line 8, got %v", err)
	}
	if _, _, err := parseCachegrind("cachegrind.out", "summary: 5\n"); err == nil {
		t.Fatal("no kernel lines: want an error")
	}
}
