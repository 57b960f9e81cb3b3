/** The id of a file's block on its example page: `go/rust.go` → `file-go-rust-go`. */
export const fileAnchor = (file: string): string => `file-${file.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** The id of a checklist item wherever it is shown, so a pull request can link to it. */
export const checkAnchor = (id: string): string => `check-${id}`;
