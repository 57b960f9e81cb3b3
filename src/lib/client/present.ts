/**
 * Present mode: the guide as slides that each fit one screen. Each `##` section starts a slide; a section taller
 * than the screen continues on the next slide, split between blocks (a paragraph, a list, a code block, a figure),
 * never inside one. A single block taller than the screen is scaled down to fit. Arrow keys, Page Up/Down, Space,
 * Home and End move; F toggles full screen; N shows the section's speaker notes (<Notes>, hidden on the page) under
 * the slide; Escape returns to the page at the section last shown. The address carries the slide (?slide=N), so a
 * host can reload or share the slide on screen.
 */
interface Section {
  anchor: HTMLElement | null;
  nodes: Element[];
  notes: Element[];
}
interface Slide extends Section {
  continued: boolean;
}

export function activate(button: HTMLElement): void {
  const article = button.closest('article') ?? document.querySelector('article')!;
  const sections = split(article);
  const deck = document.createElement('div');
  deck.className = 'present';
  deck.setAttribute('role', 'dialog');
  deck.setAttribute('aria-modal', 'true');
  deck.setAttribute('aria-label', `Presenting ${article.querySelector('h1')?.textContent ?? 'guide'}`);
  deck.innerHTML = `<div class="present-slide" tabindex="-1"><div class="present-content"></div></div>
    <aside class="present-notes" aria-label="Speaker notes" hidden></aside>
    <div class="present-progress" aria-hidden="true"><span></span></div>
    <div class="present-bar"><button type="button" data-prev>← Previous</button><span aria-live="polite" data-count></span>
    <button type="button" data-next>Next →</button><button type="button" data-notes-toggle aria-pressed="false" hidden>Notes (N)</button><button type="button" data-fullscreen>Full screen (F)</button>
    <button type="button" data-exit>Back to the page (Esc)</button></div>`;
  const stage = deck.querySelector<HTMLElement>('.present-slide')!;
  const content = deck.querySelector<HTMLElement>('.present-content')!;
  const count = deck.querySelector<HTMLElement>('[data-count]')!;
  const bar = deck.querySelector<HTMLElement>('.present-progress > span')!;
  const notes = deck.querySelector<HTMLElement>('.present-notes')!;
  const notesToggle = deck.querySelector<HTMLElement>('[data-notes-toggle]')!;
  notesToggle.hidden = !sections.some((s) => s.notes.length);
  document.body.classList.add('presenting');
  document.body.append(deck);

  let slides: Slide[] = [];
  let index = 0;
  const render = (nodes: Element[], continued: boolean) => {
    content.style.zoom = '';
    content.replaceChildren(
      ...nodes.map((n, i) => {
        const copy = n.cloneNode(true) as Element;
        if (i === 0 && continued && /^H[23]$/.test(copy.tagName)) copy.append(' (continued)');
        return copy;
      }),
    );
    content.querySelectorAll('[id]').forEach((el) => el.removeAttribute('id')); // the page keeps the ids
  };
  const padding = () => parseFloat(getComputedStyle(stage).paddingTop) + parseFloat(getComputedStyle(stage).paddingBottom);
  const room = () => stage.clientHeight - padding();
  const excess = () => content.getBoundingClientRect().height - room();
  const overflows = () => excess() > 0;
  const paginate = () => {
    slides = [];
    for (const s of sections) {
      let current: Element[] = [];
      let continued = false;
      for (const node of s.nodes) {
        render([...current, node], continued);
        if (current.length && overflows()) {
          slides.push({ ...s, nodes: current, continued });
          const heading = s.nodes[0] && /^H[23]$/.test(s.nodes[0].tagName) ? [s.nodes[0]] : [];
          continued = true;
          current = [...heading, node];
          render(current, continued);
          if (heading.length && overflows()) current = [node]; // the block alone, scaled on show
        } else current.push(node);
      }
      if (current.length) slides.push({ ...s, nodes: current, continued });
    }
  };
  const show = (i: number) => {
    index = Math.min(Math.max(i, 0), slides.length - 1);
    const slide = slides[index]!;
    render(slide.nodes, slide.continued);
    // A code block longer than the screen is never split: it keeps its legible size and scrolls within the slide
    // (it takes focus, so arrow keys scroll it). Anything else too tall is scaled to the screen.
    const tallest = [...content.querySelectorAll('pre')].sort((a, b) => b.clientHeight - a.clientHeight)[0];
    if (overflows() && tallest && tallest.clientHeight - excess() >= 160) tallest.style.maxHeight = `${Math.floor(tallest.clientHeight - excess() - 2)}px`;
    // Zoom widens the layout box, and a figure sized to the width grows with it: shrink until it fits.
    for (let zoom = 1, i = 0; overflows() && i < 8; i++) {
      zoom *= (room() / content.getBoundingClientRect().height) * 0.98;
      content.style.zoom = String(zoom);
    }
    notes.replaceChildren(...slide.notes.flatMap((n) => [...n.cloneNode(true).childNodes]));
    if (!slide.notes.length) notes.textContent = 'No notes for this section.';
    count.textContent = `Slide ${index + 1} of ${slides.length}`;
    bar.style.width = `${((index + 1) / slides.length) * 100}%`;
    const url = new URL(location.href);
    url.searchParams.set('slide', String(index + 1));
    history.replaceState(null, '', url);
    stage.scrollTop = 0;
    stage.focus({ preventScroll: true });
  };
  const exit = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    deck.remove();
    document.removeEventListener('keydown', keys);
    removeEventListener('resize', relayout);
    document.body.classList.remove('presenting');
    const url = new URL(location.href);
    url.searchParams.delete('slide');
    history.replaceState(null, '', url);
    const anchor = slides[index]!.anchor;
    anchor?.setAttribute('tabindex', '-1'); // a heading takes focus only when told it may
    anchor?.scrollIntoView();
    (anchor ?? button).focus({ preventScroll: true });
  };
  const fullscreen = () => (document.fullscreenElement ? document.exitFullscreen() : deck.requestFullscreen()).catch(() => {});
  // The notes take room from the slide, so the slides are laid out again.
  const toggleNotes = () => {
    if (notesToggle.hidden) return;
    notes.hidden = !notes.hidden;
    notesToggle.setAttribute('aria-pressed', String(!notes.hidden));
    relayout();
  };
  const keys = (e: KeyboardEvent) => {
    const moves: Record<string, () => void> = {
      ArrowRight: () => show(index + 1),
      PageDown: () => show(index + 1),
      ' ': () => show(index + 1),
      ArrowLeft: () => show(index - 1),
      PageUp: () => show(index - 1),
      Home: () => show(0),
      End: () => show(slides.length - 1),
      Escape: exit,
      f: () => void fullscreen(),
      n: toggleNotes,
    };
    const move = moves[e.key];
    if (move && !(e.target instanceof HTMLButtonElement && (e.key === ' ' || e.key === 'Enter'))) {
      e.preventDefault();
      move();
    }
  };
  // A new screen size (full screen, a projector) lays the slides out again, keeping the section on screen.
  const relayout = () => {
    const anchor = slides[index]?.anchor;
    paginate();
    show(
      Math.max(
        0,
        slides.findIndex((s) => s.anchor === anchor),
      ),
    );
  };
  deck.querySelector('[data-prev]')!.addEventListener('click', () => show(index - 1));
  deck.querySelector('[data-next]')!.addEventListener('click', () => show(index + 1));
  deck.querySelector('[data-fullscreen]')!.addEventListener('click', () => void fullscreen());
  notesToggle.addEventListener('click', toggleNotes);
  deck.querySelector('[data-exit]')!.addEventListener('click', exit);
  document.addEventListener('keydown', keys);
  addEventListener('resize', relayout);
  paginate();
  const asked = Number(new URL(location.href).searchParams.get('slide'));
  // Start at the slide in the address, else at the section the reader is looking at.
  const looking = slides.findLastIndex((s) => s.anchor && !s.continued && s.anchor.getBoundingClientRect().top < window.innerHeight / 3);
  show(asked >= 1 ? asked - 1 : Math.max(0, looking));
}

/** The title slide (the title and lead, without the page's controls), then one section per `##`. */
function split(article: HTMLElement): Section[] {
  const sections: Section[] = [{ anchor: article.querySelector('h1'), nodes: [], notes: [] }];
  for (const node of article.children) {
    // The page's own controls and navigation are not slides.
    if (node.matches('[data-present-skip], .guide-meta, nav, .page-source')) continue;
    if (node.matches('[data-notes]')) {
      sections.at(-1)!.notes.push(node);
      continue;
    }
    if (node.tagName === 'H2' || (node.tagName === 'SECTION' && node.querySelector(':scope > h2'))) {
      sections.push({ anchor: node.tagName === 'H2' ? (node as HTMLElement) : node.querySelector('h2'), nodes: [], notes: [] });
    }
    sections.at(-1)!.nodes.push(node);
  }
  return sections;
}
