/** The search-quality list: used by search.test.ts (ranking) and budgets.test.ts (bytes of a first search). */

/** Query → the section that must come first: the page and the #fragment of the section that explains it. */
export const QUERIES: [query: string, expected: string][] = [
  ['cgo.Handle', '/guides/callbacks-and-cancellation/#callbacks-from-rust-threads-into-go'],
  ['Pinner', '/guides/pinning/#go-memory-rust-keeps'],
  ['catch_unwind', '/guides/panics/#catching-panics-at-every-export'],
  // The build guide explains what go build does with a staticlib; the first crossing only builds one.
  ['staticlib', '/guides/build-and-linking/#what-go-build-does-with-a-static-library'],
  ['LDFLAGS', '/guides/build-and-linking/#what-go-build-does-with-a-static-library'],
  ['build cache', '/guides/build-and-linking/#the-build-cache-does-not-see-the-library'],
  ['errors.Is', '/guides/error-mapping/#one-go-error-type'],
  ['runtime.KeepAlive', '/guides/ownership/#keeping-the-handle-alive'],
  // The testing guide teaches valgrind's set-up for every example; ownership's section applies it to one handle and
  // links there for the details (docs/decisions.md, 104).
  ['valgrind', '/guides/testing/#leaks-and-freed-memory'],
  // Security fuzzes both sides of one crossing (Go's fuzzer and cargo-fuzz) and proves each finds a planted bug; the
  // testing guide's section teaches the Go side for every example and links there.
  ['fuzz', '/guides/security-at-the-boundary/#go-test--fuzz-through-the-boundary'],
  ['race detector', '/guides/concurrency/#what-the-race-detector-can-and-cannot-see'],
  ['break-even', '/guides/when-rust-pays-off/#the-break-even-point'],
  ['cbindgen', '/guides/your-first-crossing/#the-contract-is-a-generated-header'],
];
