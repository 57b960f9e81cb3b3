/**
 * The bars of issue 12 over the whole tree: scripts/serve and scripts/verify never import each other
 * (what both need lives in scripts/lib or src/lib), and no `go` or `cargo` command line is written
 * anywhere but src/lib/commands/commands.ts, so what verify runs, what the runner runs and what readers are
 * told to type cannot drift apart. Tests, docs and guides may show commands; they are not scanned.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { relative, rootDir } from '../../src/lib/sources/paths.ts';

const COMMANDS_MODULE = 'src/lib/commands/commands.ts';
/** Top-level folders that are not the project's code: tests, docs, guides, examples, builds. */
const SKIP = new Set(['tests', 'docs', 'content', 'examples', 'public', 'dist', 'node_modules']);

/** Every .ts, .mjs and .astro file of the project outside tests, docs, guides and examples. */
function sourceFiles(dir = rootDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const file = path.join(dir, d.name);
    if (d.isDirectory()) return SKIP.has(relative(file)) || d.name.startsWith('.') || d.name === 'node_modules' ? [] : sourceFiles(file);
    return /\.(ts|mjs|astro)$/.test(d.name) ? [file] : [];
  });
}

/** The TypeScript of a file: an .astro file's front matter and scripts, with its markup as a separate text. */
function parts(file: string, text: string): { code: string[]; markup: string } {
  if (!file.endsWith('.astro')) return { code: [text], markup: '' };
  const front = /^---\n([\s\S]*?)\n---/.exec(text);
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  const markup = text
    .replace(/^---\n[\s\S]*?\n---/, '')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<!--[\s\S]*?-->|\{\/\*[\s\S]*?\*\/\}/g, '');
  return { code: [front?.[1] ?? '', ...scripts], markup };
}

/** Module specifiers a source imports (static, re-exports and `import()`). */
function imports(code: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0]))
      found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true));
  return found;
}

/** `go test`, `go run`, `go build`, … or `cargo <anything>` (`cargo +nightly miri`), as a line a program runs or shows. */
const COMMAND_LINE =
  /\bgo\s+(?:test|run|build|vet|install|generate|tool)\b|\bcargo\s+(?:\+\S+\s+)?(?:build|test|run|bench|check|clippy|fmt|miri|install|doc|update|tree|metadata)\b/;
const PROGRAMS = new Set(['go', 'cargo']);
/** Functions that start a program named by their first argument (node:child_process's and scripts/lib/process.ts's). */
const STARTERS = new Set(['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'start']);
const callee = (call: ts.CallExpression) => (ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : call.expression.getText());

/**
 * Command lines in a source: the text of its strings and templates (comments are not code), and `go` or
 * `cargo` given as the program to run (`cmd: 'go'`, `spawn('cargo', …)`).
 */
export function commandLines(file: string, text: string): string[] {
  const { code, markup } = parts(file, text);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) {
      const m = COMMAND_LINE.exec(node.text);
      if (m) found.push(m[0]);
      const parent = node.parent;
      const asProgram =
        (ts.isPropertyAssignment(parent) && parent.name.getText() === 'cmd') || (ts.isCallExpression(parent) && parent.arguments[0] === node && STARTERS.has(callee(parent)));
      if (asProgram && PROGRAMS.has(node.text)) found.push(`${node.text} as a program`);
    }
    ts.forEachChild(node, visit);
  };
  for (const c of code) visit(ts.createSourceFile('x.ts', c, ts.ScriptTarget.Latest, true));
  const m = COMMAND_LINE.exec(markup.replaceAll('&amp;', '&'));
  if (m) found.push(m[0]);
  return found;
}

const side = (file: string): 'serve' | 'verify' | undefined => /^scripts\/(serve|verify)(\.ts$|\/)/.exec(relative(file))?.[1] as 'serve' | 'verify' | undefined;

/** Imports from scripts/serve into scripts/verify or back. */
export function crossImports(file: string, text: string): string[] {
  const from = side(file);
  if (!from) return [];
  return parts(file, text)
    .code.flatMap(imports)
    .filter((spec) => spec.startsWith('.'))
    .filter((spec) => {
      const to = side(path.resolve(path.dirname(file), spec));
      return to !== undefined && to !== from;
    });
}

test('the checks find what they look for', () => {
  const f = path.join(rootDir, 'scripts/serve/x.ts');
  assert.deepEqual(crossImports(f, "import { a } from '../verify/example-steps.ts';\nexport * from '../verify.ts';\nawait import('../verify/x.ts');"), [
    '../verify/example-steps.ts',
    '../verify.ts',
    '../verify/x.ts',
  ]);
  assert.deepEqual(crossImports(path.join(rootDir, 'scripts/verify.ts'), "import { s } from './serve/runner.ts';"), ['./serve/runner.ts']);
  assert.deepEqual(crossImports(f, "import { a } from '../lib/process.ts';\nimport { b } from './static.ts';"), []);
  assert.deepEqual(commandLines('x.ts', "const c = { cmd: 'go', args: ['vet'] };\nspawn('cargo', ['x']);\ncp.execFileSync('go', []);\nside('go');"), [
    'go as a program',
    'cargo as a program',
    'go as a program',
  ]);
  assert.deepEqual(commandLines('x.ts', 'say(`$ cargo build --release -p ${c}`);\nconst t = "go test -race ./...";'), ['cargo build', 'go test']);
  assert.deepEqual(commandLines('x.astro', '---\nconst a = 1;\n---\n<pre><code>cd examples &amp;&amp; cargo build --release</code></pre>'), ['cargo build']);
  assert.deepEqual(commandLines('x.ts', "// go test in a comment\n/** cargo build, documented */\nconst langs = ['go', 'rust'];"), []);
});

test('scripts/serve and scripts/verify do not import each other', () => {
  const found = sourceFiles().flatMap((f) => crossImports(f, readFileSync(f, 'utf8')).map((spec) => `${relative(f)} imports ${spec}`));
  assert.deepEqual(found, [], 'move what both need to scripts/lib (processes, environment, toolchains) or src/lib (commands)');
});

test(`no go or cargo command line outside ${COMMANDS_MODULE}`, () => {
  const files = sourceFiles().filter((f) => relative(f) !== COMMANDS_MODULE);
  for (const reader of ['scripts/verify.ts', 'scripts/serve/runner.ts', 'src/pages/examples/[slug].astro', 'src/lib/render/stackblitz.ts']) {
    assert.ok(
      files.some((f) => relative(f) === reader),
      `the scan reaches ${reader}`,
    );
  }
  const found = files.flatMap((f) => commandLines(f, readFileSync(f, 'utf8')).map((c) => `${relative(f)}: ${c}`));
  assert.deepEqual(found, [], `derive the command from ${COMMANDS_MODULE} (and show it with \`shown\`)`);
});
