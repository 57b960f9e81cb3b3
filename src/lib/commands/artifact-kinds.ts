/**
 * What an example's Rust crate builds for Go, one row per kind. A new kind is a new row (and a unit test
 * in tests/unit/commands.test.ts); src/lib/commands/commands.ts derives the build, the output path and the Go
 * environment from these rows without knowing any kind by name. Pure data: the site, verify and the
 * runner all import it.
 *
 * Placeholders: `{lib}` is the crate's library name (dashes become underscores, as Cargo names the
 * files), `{bin}` the artifact's `name` (default: the crate's name).
 */
export interface ArtifactKind {
  /** One line for readers and authors. */
  what: string;
  /** `cargo build --target` triple; none builds for the host. */
  target?: string;
  /** Which of the package's targets cargo builds. */
  select: readonly string[];
  /** The file cargo writes under `target/[<triple>/]release/`. */
  file: string;
  /** C ABI: a cbindgen header (`rust.header`) that verify keeps current. */
  header: boolean;
  /**
   * cgo links it into the Go binary, so Go must rebuild when it changes: Go's cache does not hash files named
   * only in `#cgo LDFLAGS`, so verify adds a define carrying the file's digest to CGO_CFLAGS.
   */
  relink: boolean;
  /** The variable that hands Go the artifact's absolute path (Go finds it at run time), if it needs one. */
  pathEnv?: string;
  /** What to change when cargo built no such file. */
  missing: string;
}

export const ARTIFACT_KINDS = {
  staticlib: {
    what: 'a static library (`lib<crate>.a`) that cgo links into the Go binary',
    select: ['--lib'],
    file: 'lib{lib}.a',
    header: true,
    relink: true,
    missing: 'set crate-type = ["staticlib", "rlib"] in rust/Cargo.toml',
  },
  cdylib: {
    what: 'a shared library (`lib<crate>.so`) that cgo links against and the loader finds through the rpath in the cgo preamble, or that Go opens at run time (purego) from the path in RUST_CDYLIB',
    select: ['--lib'],
    file: 'lib{lib}.so',
    header: true,
    relink: true,
    pathEnv: 'RUST_CDYLIB',
    missing: 'add "cdylib" to crate-type in rust/Cargo.toml',
  },
  'wasm32-wasip1': {
    what: 'a WebAssembly module (`<crate>.wasm`, WASI preview 1) that Go loads at run time from the path in RUST_WASM_MODULE',
    target: 'wasm32-wasip1',
    select: ['--lib'],
    file: '{lib}.wasm',
    header: false,
    relink: false,
    pathEnv: 'RUST_WASM_MODULE',
    missing: 'add "cdylib" to crate-type in rust/Cargo.toml, and the target: `rustup target add wasm32-wasip1`',
  },
  bin: {
    what: 'a Rust executable that Go starts as a subprocess, from the path in RUST_BIN',
    select: ['--bin', '{bin}'],
    file: '{bin}',
    header: false,
    relink: false,
    pathEnv: 'RUST_BIN',
    missing: 'add a [[bin]] target with that name (or src/main.rs) to rust/Cargo.toml',
  },
} as const satisfies Record<string, ArtifactKind>;

export type ArtifactKindName = keyof typeof ARTIFACT_KINDS;
export const ARTIFACT_KIND_NAMES = Object.keys(ARTIFACT_KINDS) as [ArtifactKindName, ...ArtifactKindName[]];

/** Whether a kind's rows mention `{bin}`, i.e. whether an artifact of that kind may carry a `name`. */
export const takesName = (kind: ArtifactKindName): boolean => [...ARTIFACT_KINDS[kind].select, ARTIFACT_KINDS[kind].file].some((s) => s.includes('{bin}'));
