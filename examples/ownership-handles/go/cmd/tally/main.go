// Command tally counts words in Rust through a Go handle and shows the
// handle's lifecycle: use, Close, a second Close, and use after Close.
package main

import (
	"errors"
	"fmt"
	"log"
	"strings"

	"example.com/handbook/ownership-handles"
)

const text = `the gopher handed the crab a pointer and the crab handed back a string
and the gopher freed the string with the crab's own free function`

// region: main
func main() {
	t, err := handles.NewTally()
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range strings.Fields(text) {
		if _, err := t.Add(w); err != nil {
			log.Fatal(err)
		}
	}
	distinct, _ := t.Distinct()
	fmt.Printf("%d words, %d distinct\n", len(strings.Fields(text)), distinct)
	top, _ := t.Top(3)
	fmt.Print("top 3:\n", top)

	_, err = t.Add("bad\x00word")
	fmt.Println("add a word with NUL:", err)

	live, _ := handles.LiveObjects()
	fmt.Println("live Rust objects before Close:", live)
	fmt.Println("Close:", t.Close())
	fmt.Println("Close again:", t.Close())
	live, _ = handles.LiveObjects()
	fmt.Println("live Rust objects after Close:", live)
	_, err = t.Top(3)
	fmt.Println("Top after Close:", err, errors.Is(err, handles.ErrClosed))
}

// endregion
