package handles_test

import (
	"fmt"
	"log"
	"strings"

	"example.com/handbook/ownership-handles"
)

// region: example
func ExampleTally() {
	t, err := handles.NewTally()
	if err != nil {
		log.Fatal(err)
	}
	defer t.Close() // the Rust object is freed here, not whenever the GC runs

	for _, w := range strings.Fields("the cat saw the dog and the bird") {
		t.Add(w)
	}
	top, _ := t.Top(2) // a Rust-owned string, copied into Go and freed by Rust
	fmt.Print(top)

	t.Close()
	_, err = t.Add("late")
	fmt.Println(err)
	// Output:
	// the 3
	// and 1
	// handles: use of closed Tally
}

// endregion
