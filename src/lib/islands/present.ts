/**
 * Present mode: the guide as slides, one per `##` section, in large type. Code
 * blocks stay whole (a tall slide scrolls). Arrow keys, Page Up/Down, Space,
 * Home and End move; Escape returns to the page at the section last shown.
 */
export function activate(button: HTMLElement): void {
  const article = button.closest('article')!;
  const slides = split(article);
  // Start at the section the reader is looking at.
  let index = Math.max(0, slides.findLastIndex((s) => s.anchor && s.anchor.getBoundingClientRect().top < window.innerHeight / 3));
  const deck = document.createElement('div');
  deck.className = 'present';
  deck.setAttribute('role', 'dialog');
  deck.setAttribute('aria-modal', 'true');
  deck.setAttribute('aria-label', `Presenting ${article.querySelector('h1')?.textContent ?? 'guide'}`);
  deck.innerHTML = `<div class="present-slide" tabindex="-1"></div>
    <div class="present-bar"><button type="button" data-prev>← Previous</button><span aria-live="polite" data-count></span>
    <button type="button" data-next>Next →</button><button type="button" data-exit>Back to the page (Esc)</button></div>`;
  const stage = deck.querySelector<HTMLElement>('.present-slide')!;
  const count = deck.querySelector<HTMLElement>('[data-count]')!;
  const show = (i: number) => {
    index = Math.min(Math.max(i, 0), slides.length - 1);
    stage.replaceChildren(...slides[index]!.nodes.map((n) => n.cloneNode(true)));
    stage.querySelectorAll('[id]').forEach((el) => el.removeAttribute('id')); // the page keeps the ids
    count.textContent = `Slide ${index + 1} of ${slides.length}`;
    stage.scrollTop = 0;
    stage.focus();
  };
  const exit = () => {
    deck.remove();
    document.removeEventListener('keydown', keys);
    document.body.classList.remove('presenting');
    const anchor = slides[index]!.anchor;
    anchor?.setAttribute('tabindex', '-1'); // a heading takes focus only when told it may
    anchor?.scrollIntoView();
    (anchor ?? button).focus({ preventScroll: true });
  };
  const keys = (e: KeyboardEvent) => {
    const moves: Record<string, () => void> = {
      ArrowRight: () => show(index + 1), PageDown: () => show(index + 1), ' ': () => show(index + 1),
      ArrowLeft: () => show(index - 1), PageUp: () => show(index - 1),
      Home: () => show(0), End: () => show(slides.length - 1), Escape: exit,
    };
    const move = moves[e.key];
    if (move && !(e.target instanceof HTMLButtonElement && e.key === ' ')) {
      e.preventDefault();
      move();
    }
  };
  deck.querySelector('[data-prev]')!.addEventListener('click', () => show(index - 1));
  deck.querySelector('[data-next]')!.addEventListener('click', () => show(index + 1));
  deck.querySelector('[data-exit]')!.addEventListener('click', exit);
  document.addEventListener('keydown', keys);
  document.body.classList.add('presenting');
  document.body.append(deck);
  show(index);
}

interface Slide {
  anchor: HTMLElement | null;
  nodes: Node[];
}

/** The title slide (everything before the first `##`), then one slide per `##` section. */
function split(article: HTMLElement): Slide[] {
  const slides: Slide[] = [{ anchor: article.querySelector('h1'), nodes: [] }];
  for (const node of article.children) {
    if (node.matches('[data-present-skip]')) continue;
    if (node.tagName === 'H2' || (node.tagName === 'SECTION' && node.querySelector(':scope > h2'))) {
      slides.push({ anchor: node.tagName === 'H2' ? (node as HTMLElement) : node.querySelector('h2'), nodes: [] });
    }
    slides.at(-1)!.nodes.push(node);
  }
  return slides;
}
