import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checklistMarkdown } from '../../src/lib/checklist-markdown.ts';

test('checklist Markdown links each item and its explanation', () => {
  const md = checklistMarkdown([{ id: 'ffi-abi-version', text: 'Checks the ABI.', ticked: true, why: '/guides/x/#abi' }], 'http://127.0.0.1:4321');
  assert.equal(md, '- [x] [`ffi-abi-version`](http://127.0.0.1:4321/checklists/#check-ffi-abi-version) Checks the ABI. ([why](http://127.0.0.1:4321/guides/x/#abi))\n');
});
