import { checkAnchor } from './anchors.ts';

export interface TickedItem {
  id: string;
  text: string;
  ticked: boolean;
  /** Site path of the section that explains the item. */
  why: string;
}

/** One guide's items, for a full list grouped under the guides' titles. */
export interface ChecklistGroup {
  title: string;
  items: readonly TickedItem[];
}

/** The full list: a heading per guide, then its task list. */
export function checklistMarkdownGrouped(groups: readonly ChecklistGroup[], origin: string): string {
  return groups
    .filter((g) => g.items.length > 0)
    .map((g) => `### ${g.title}\n\n${checklistMarkdown(g.items, origin)}`)
    .join('\n');
}

/** A Markdown task list for a pull request: each line names the item's id and links to it and to its explanation. */
export function checklistMarkdown(items: readonly TickedItem[], origin: string): string {
  return items
    .map((i) => `- [${i.ticked ? 'x' : ' '}] [\`${i.id}\`](${origin}/checklists/#${checkAnchor(i.id)}) ${i.text} ([why](${origin}${i.why}))`)
    .join('\n')
    .concat('\n');
}
