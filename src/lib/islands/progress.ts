import { saveProgress } from './progress-store.ts';

/** The "Mark this guide as read" toggle. */
export function activate(button: HTMLElement): void {
  const guide = button.dataset.guide!;
  const p = saveProgress((p) => {
    p.read = p.read.includes(guide) ? p.read.filter((g) => g !== guide) : [...p.read, guide];
  });
  button.setAttribute('aria-pressed', String(p.read.includes(guide)));
}
