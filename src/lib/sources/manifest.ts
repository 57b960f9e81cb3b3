import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ARTIFACT_KIND_NAMES, ARTIFACT_KINDS, takesName, type ArtifactKind } from '../commands/artifact-kinds.ts';
import { TOOL_NAMES } from '../commands/commands.ts';
import { SourceError } from './errors.ts';
import { examplesDir, relative, resolveInside } from './paths.ts';
import { readYamlFile } from './yaml-file.ts';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case-with-dashes');
/** A Go benchmark as `go test` names it, without `Benchmark` and the `-N` suffix: `Rust/size=1024`. */
const benchName = z.string().regex(/^[A-Za-z0-9_]+(\/\S+)?$/, 'name a Go benchmark like `Rust/size=1024`');

/** "`faster` takes at most 1/`by` of the time `than` takes", judged on medians from one run. */
export const claimSchema = z.strictObject({
  id: slug,
  says: z.string().min(10, 'say the claim in a sentence a reader can check'),
  faster: benchName,
  than: benchName,
  by: z.number().positive(),
});

/** One thing the crate builds for Go; its kind's row in src/lib/commands/artifact-kinds.ts says how. */
const artifactSchema = z
  .strictObject({
    kind: z.enum(ARTIFACT_KIND_NAMES),
    /** The binary's name, for kinds that build one (`bin`); default: the crate's name. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'a Cargo target name')
      .optional(),
    /** The variable that hands Go the artifact's path, for kinds Go loads at run time; default: the kind's. */
    env: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name in CAPITALS')
      .optional(),
  })
  .superRefine((a, ctx) => {
    if (a.name !== undefined && !takesName(a.kind)) ctx.addIssue({ code: 'custom', path: ['name'], message: `a ${a.kind} takes no name (it is the crate's library)` });
    if (a.env !== undefined && !('pathEnv' in ARTIFACT_KINDS[a.kind])) ctx.addIssue({ code: 'custom', path: ['env'], message: `Go finds a ${a.kind} without a variable` });
  });

const rustSchema = z
  .strictObject({
    /** Cargo package name in the examples workspace. */
    crate: z.string(),
    /** Other crates of the example (a safe core the FFI crate wraps) whose formatting, lints and tests the fmt, clippy and cargo-test lanes check too. */
    also: z.array(z.string()).default([]),
    /** The cbindgen header, relative to the example folder; verify checks that it is current. Required for C ABI artifacts. */
    header: z.string().optional(),
    /** What the crate builds for Go (src/lib/commands/artifact-kinds.ts); today's examples build one static library. */
    artifacts: z
      .array(artifactSchema)
      .min(1)
      .default([{ kind: 'staticlib' }]),
  })
  .superRefine((r, ctx) => {
    const needsHeader = r.artifacts.find((a) => ARTIFACT_KINDS[a.kind].header);
    if (needsHeader && r.header === undefined) ctx.addIssue({ code: 'custom', path: ['header'], message: `a ${needsHeader.kind} needs its cbindgen header: name it here` });
    const seen = new Map<string, number>();
    r.artifacts.forEach((a, i) => {
      const kind: ArtifactKind = ARTIFACT_KINDS[a.kind];
      const variable = a.env ?? kind.pathEnv;
      if (variable === undefined) return;
      if (seen.has(variable))
        ctx.addIssue({ code: 'custom', path: ['artifacts', i, 'env'], message: `${variable} already carries artifact ${seen.get(variable)}: give each its own \`env\`` });
      seen.set(variable, i);
    });
  });

/**
 * A program verify runs for figures `go test -bench` cannot give (start-up costs, sizes, percentiles, memory, what a
 * crash does): it prints JSON lines `{"figure":"name","value":…,"unit":"…"}`, recorded with provenance in
 * verified.json and re-checked by `verify --check` (src/lib/measure/figures.ts). Exactly one of `go` and `cargo`.
 */
const measureSchema = z
  .strictObject({
    id: slug,
    /** One line for readers: what it measures. */
    what: z.string().min(10, 'say what it measures in a line a reader understands'),
    /** `go run <package>`, a package path relative to `in`. */
    go: z.string().startsWith('./').optional(),
    /** `cargo run --release --locked -p <crate> --bin <name>`. */
    cargo: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'a Cargo binary target name')
      .optional(),
    /** For `cargo`: the package, if not the example's crate. */
    crate: z.string().optional(),
    /**
     * The folder it runs in, relative to the example. For `go`, default `go` (a module of its own, for instance). For
     * `cargo`, a crate with its own `[workspace]`, run there instead of with `-p` (for a toolchain that cannot read
     * the examples workspace); default: the workspace.
     */
    in: z.string().optional(),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    /** Another toolchain than the project's: `go1.22.12` (GOTOOLCHAIN) for `go`, `1.80.1` (`cargo +1.80.1`) for `cargo`. */
    toolchain: z
      .string()
      .regex(/^(go\d+\.\d+(\.\d+)?|\d+\.\d+\.\d+|nightly-\d{4}-\d{2}-\d{2})$/, 'a release such as go1.22.12, 1.80.1 or nightly-2026-05-20')
      .optional(),
    /** `false`: recorded only, never re-run by `--check` (another toolchain, a long campaign); the page says when and with what. */
    rerun: z.boolean().default(true),
    /** Tools of TOOLS (src/lib/commands/commands.ts) the program runs: verify installs each first, into the machine's tools folder (scripts/lib/tools.ts), where the program finds it. */
    tools: z.array(z.enum(TOOL_NAMES)).default([]),
    /** A re-run's numbers must agree with the record within this factor either way. */
    tolerance: z.number().min(1).default(3),
  })
  .superRefine((m, ctx) => {
    if ((m.go === undefined) === (m.cargo === undefined)) ctx.addIssue({ code: 'custom', path: ['go'], message: 'give exactly one of `go` (a package) and `cargo` (a binary)' });
    if (m.crate !== undefined && m.cargo === undefined) ctx.addIssue({ code: 'custom', path: ['crate'], message: '`crate` goes with `cargo`' });
    if (m.crate !== undefined && m.in !== undefined)
      ctx.addIssue({ code: 'custom', path: ['in'], message: 'give `crate` (a workspace package) or `in` (a crate of its own), not both' });
    if (m.toolchain !== undefined && (m.go !== undefined) !== m.toolchain.startsWith('go'))
      ctx.addIssue({ code: 'custom', path: ['toolchain'], message: m.go !== undefined ? 'a Go toolchain looks like go1.22.12' : 'a Rust toolchain looks like 1.80.1' });
  });

export const exampleManifestSchema = z.strictObject({
  title: z.string().min(3),
  summary: z.string().min(20).max(300),
  /** What the example teaches, one short line each: shown on its page. */
  demonstrates: z.array(z.string()).min(1),
  rust: rustSchema,
  go: z.strictObject({
    /** The runnable command, a Go package path relative to the example's go/ folder. */
    main: z.string().startsWith('./'),
    /** Environment the command must run with (for example GODEBUG settings the example teaches). */
    env: z.record(z.string(), z.string()).default({}),
  }),
  /** The files to read first, relative to the example folder: listed on its page and sent to StackBlitz. */
  files: z.array(z.string()).min(1),
  benchmarks: z
    .strictObject({
      /** Regular expression for `go test -bench`. */
      pattern: z.string().default('.'),
      /** Go package holding the benchmarks, relative to go/. */
      package: z.string().startsWith('./').default('./'),
      /** Go packages outside the example benchmarked in the same `go test` run, to compare with: `cmd/cgo/internal/test`. */
      alongside: z.array(z.string().regex(/^[a-z][\w.-]*(\/[\w.-]+)*$/, 'an import path such as cmd/cgo/internal/test')).default([]),
      /** Variant pairs `Slow>Fast` whose crossover the example's charts mark, e.g. `Go>Rust`. */
      crossovers: z.array(z.string().regex(/^[A-Za-z0-9_]+>[A-Za-z0-9_]+$/, 'write `Slow>Fast`, e.g. `Go>Rust`')).default([]),
      /** Ratios between benchmarks that must hold on every fresh run. */
      claims: z.array(claimSchema).default([]),
      /**
       * Variants whose time depends on where the scheduler puts two processes more than on the code (a round trip to a
       * child): the ratios shown with them may move this far between runs, rather than verify's 3×. Say why beside it.
       */
      ratioTolerance: z.record(z.string().regex(/^[A-Za-z0-9_]+$/, 'a variant, the part of a benchmark name before /'), z.number().min(3)).default({}),
    })
    .optional(),
  /** Programs whose printed figures verify records beside the benchmarks. */
  measures: z
    .array(measureSchema)
    .default([])
    .superRefine((ms, ctx) => {
      ms.forEach((m, i) => {
        if (ms.findIndex((o) => o.id === m.id) !== i) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `measure "${m.id}" is already defined` });
      });
    }),
});

export type Measure = z.output<typeof measureSchema>;
export type Claim = z.output<typeof claimSchema>;
export type Artifact = z.output<typeof artifactSchema>;
export type ExampleManifest = z.output<typeof exampleManifestSchema>;
export interface Example {
  slug: string;
  dir: string;
  manifest: ExampleManifest;
}

const MANIFEST = 'example.yaml';

/** Reads and validates one example's manifest; files it names must exist. */
export function loadExample(slugName: string, root = examplesDir): Example {
  const dir = path.join(root, slugName);
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) throw new SourceError(relative(file), undefined, 'missing manifest', `add ${MANIFEST} (see README: adding an example)`);
  const manifest = readYamlFile(file, exampleManifestSchema);
  for (const shown of [...(manifest.rust.header === undefined ? [] : [manifest.rust.header]), ...manifest.files]) {
    const abs = resolveInside(dir, shown);
    if (!abs) throw new SourceError(relative(file), undefined, `lists "${shown}", which is outside ${relative(dir)}/`);
    if (!existsSync(abs)) {
      throw new SourceError(relative(file), undefined, `lists "${shown}", which does not exist in ${relative(dir)}/`);
    }
  }
  return { slug: slugName, dir, manifest };
}

/** Every folder under examples/ that holds a manifest or looks like an example (has go/ or rust/). */
export function loadExamples(root = examplesDir): Example[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'target')
    .filter((e) => ['go', 'rust', MANIFEST].some((f) => existsSync(path.join(root, e.name, f))))
    .map((e) => loadExample(e.name, root))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}
