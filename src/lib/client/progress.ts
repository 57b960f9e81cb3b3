import { saveProgress } from './progress-store.ts';

/** The "Mark this guide as read" toggle: says what a click did, since a second click un-marks. */
export function activate(button: HTMLElement): void {
  const guide = button.dataset.guide!;
  const p = saveProgress((p) => {
    p.read = p.read.includes(guide) ? p.read.filter((g) => g !== guide) : [...p.read, guide];
  });
  const read = p.read.includes(guide);
  button.setAttribute('aria-pressed', String(read));
  for (const a of document.querySelectorAll<HTMLElement>(`a[data-guide-link][href="/guides/${CSS.escape(guide)}/"]`)) a.classList.toggle('read', read);
  const status = button.parentElement?.querySelector('[data-progress-status]');
  if (status) status.textContent = read ? 'Marked as read in this browser. Press again to unmark.' : 'No longer marked as read.';
}
