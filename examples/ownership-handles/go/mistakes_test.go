package handles

import (
	"testing"
	"time"
)

// region: test-no-keepalive
// The mistake is real: without KeepAlive the cleanup frees the object while
// the Rust call is still running. Rust's test aid notices and returns -1
// instead of reading freed memory. A race, so try until it shows.
func TestWithoutKeepAliveTheObjectDiesMidCall(t *testing.T) {
	before := must(LiveObjects())
	stop := collectContinuously()
	defer func() { stop(); waitLive(t, before) }()
	for attempt := 1; attempt <= 200; attempt++ {
		if n, err := must(NewTally()).distinctAfterNoKeepAlive(5 * time.Millisecond); n == -1 && err == nil {
			t.Logf("attempt %d: the cleanup freed the object during the call", attempt)
			return
		}
	}
	t.Fatal("in 200 calls the object never died mid-call; the test cannot show the mistake")
}

// endregion

// region: test-nul
func TestCStringCutsAtNUL(t *testing.T) {
	tl := must(NewTally())
	defer tl.Close()
	tl.addTruncating("go\x00lang") // the mistake: Rust counts "go"
	if n, _ := tl.Count("go"); n != 1 {
		t.Fatalf(`Count("go") = %d after adding "go\x00lang" through C.CString; want the silent cut to 1`, n)
	}
	if _, err := tl.Add("go\x00lang"); err != ErrInvalidWord {
		t.Fatalf("Add refused nothing: err = %v, want ErrInvalidWord", err)
	}
}

// endregion
