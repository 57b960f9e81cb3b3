/** Tools verify installs (scripts/lib/tools.ts): one folder per machine, one sub-folder per crate and version. */
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { installTool, shown, toolPath, TOOLS } from '../../src/lib/commands/commands.ts';
import { toolsDir } from '../../scripts/lib/tools.ts';

test('the tools folder is HANDBOOK_TOOLS, else under XDG_CACHE_HOME, else under ~/.cache: never inside the clone', () => {
  assert.equal(toolsDir({ HANDBOOK_TOOLS: '/opt/t' }), '/opt/t');
  assert.equal(toolsDir({ XDG_CACHE_HOME: '/xdg' }), '/xdg/go-rust-handbook/tools');
  assert.equal(toolsDir({}), path.join(os.homedir(), '.cache/go-rust-handbook/tools'));
});

test('each version of a tool installs into a folder of its own, with --locked', () => {
  assert.equal(toolPath('/t', TOOLS.cbindgen), `/t/cbindgen-${TOOLS.cbindgen.version}/bin/cbindgen`);
  assert.equal(shown(installTool('/t', TOOLS.cbindgen)), `cargo install cbindgen@${TOOLS.cbindgen.version} --locked --root /t/cbindgen-${TOOLS.cbindgen.version}`);
});
