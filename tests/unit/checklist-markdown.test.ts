import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checklistMarkdown, checklistMarkdownGrouped } from '../../src/lib/render/checklist-markdown.ts';

test('checklist Markdown links each item and its explanation', () => {
  const md = checklistMarkdown([{ id: 'ffi-abi-version', text: 'Checks the ABI.', ticked: true, why: '/guides/x/#abi' }], 'http://127.0.0.1:4321');
  assert.equal(md, '- [x] [`ffi-abi-version`](http://127.0.0.1:4321/checklists/#check-ffi-abi-version) Checks the ABI. ([why](http://127.0.0.1:4321/guides/x/#abi))\n');
});

test('the full checklist Markdown puts the items of each guide under its title', () => {
  const item = { id: 'a-b', text: 'Text.', ticked: false, why: '/guides/g/#s' };
  const md = checklistMarkdownGrouped(
    [
      { title: 'One', items: [item] },
      { title: 'Empty', items: [] },
      { title: 'Two', items: [item] },
    ],
    'https://h.example',
  );
  assert.equal(
    md,
    '### One\n\n- [ ] [`a-b`](https://h.example/checklists/#check-a-b) Text. ([why](https://h.example/guides/g/#s))\n\n### Two\n\n- [ ] [`a-b`](https://h.example/checklists/#check-a-b) Text. ([why](https://h.example/guides/g/#s))\n',
  );
});
