/** The search-quality list: used by search.test.ts (ranking) and budgets.test.ts (bytes of a first search). */

/** Query → the section that must come first: the page and the #fragment of the section that explains it. */
export const QUERIES: [query: string, expected: string][] = [
  ['cgo.Handle', '/guides/callbacks-and-cancellation/#callbacks-from-rust-threads-into-go'],
  ['Pinner', '/guides/memory-contracts/#go-memory-rust-keeps'],
  ['catch_unwind', '/guides/error-mapping/#catching-panics-at-every-export'],
  // The build guide explains what go build does with a staticlib; the first crossing only builds one.
  ['staticlib', '/guides/build-and-linking/#what-go-build-does-with-a-static-library'],
  ['LDFLAGS', '/guides/build-and-linking/#what-go-build-does-with-a-static-library'],
  ['build cache', '/guides/build-and-linking/#the-build-cache-does-not-see-the-library'],
  ['errors.Is', '/guides/error-mapping/#one-go-error-type'],
  ['runtime.KeepAlive', '/guides/ownership/#keeping-the-handle-alive'],
  // Without the code's identifiers in the index the two guides tie; ownership's section runs valgrind on a handle and
  // reads its report, which is what a reader typing the tool's name wants first (decision in docs/decisions.md).
  ['valgrind', '/guides/ownership/#proving-it-with-valgrind'],
  ['fuzz', '/guides/testing/#fuzz-what-crosses'],
  ['race detector', '/guides/concurrency/#what-the-race-detector-can-and-cannot-see'],
  ['break-even', '/guides/when-rust-pays-off/#the-break-even-point'],
  ['cbindgen', '/guides/your-first-crossing/#the-contract-is-a-generated-header'],
];
