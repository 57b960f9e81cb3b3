import { createCssVariablesTheme, type ShikiTransformer } from 'shiki';

/**
 * One highlighting theme whose colours are CSS variables: the stylesheet gives
 * them light and dark values, so switching themes needs no second copy of the code.
 */
export const codeTheme = createCssVariablesTheme({ name: 'handbook', variablePrefix: '--code-', variableDefaults: {}, fontStyle: true });

/** Short classes for the theme's token colours (global.css styles them), instead of an inline style on every token. */
export const TOKEN_CLASSES: Record<string, string> = {
  'token-keyword': 'k',
  'token-string': 's',
  'token-comment': 'c',
  'token-constant': 'n',
  'token-function': 'f',
  'token-parameter': 'p',
  'token-punctuation': 'u',
  'token-string-expression': 'e',
  'token-link': 'l',
  'token-inserted': 'i',
  'token-deleted': 'd',
  'token-changed': 'g',
};

/**
 * Keeps highlighted HTML small enough for the page budgets: colours become one-letter classes, plain-text spans and
 * per-line wrappers are unwrapped, neighbouring tokens of one colour share a span, and the block's colours come from the
 * stylesheet rather than a style attribute on every block. The text itself is untouched.
 */
export const compactCode: ShikiTransformer = {
  name: 'handbook-compact',
  pre(node) {
    delete node.properties.style;
  },
  span(node) {
    const style = typeof node.properties.style === 'string' ? node.properties.style : '';
    delete node.properties.style;
    const classes: string[] = [];
    for (const decl of style.split(';')) {
      const color = /^color:var\(--code-([a-z-]+)\)$/.exec(decl.trim());
      if (color && color[1] !== 'foreground') classes.push(TOKEN_CLASSES[color[1]!] ?? color[1]!);
      if (decl.includes('font-style:italic')) classes.push('it');
    }
    if (classes.length) node.properties.class = classes.join(' ');
  },
  code(node) {
    const flat = node.children.flatMap((line) => {
      if (line.type !== 'element' || line.tagName !== 'span') return [line];
      const inner = line.children.flatMap((c) => (c.type === 'element' && c.tagName === 'span' && !c.properties.class ? c.children : [c]));
      // A line marked by markLines keeps its wrapper, which carries the highlight.
      const cls = line.properties.class;
      if (!(Array.isArray(cls) ? cls.map(String) : String(cls ?? '').split(' ')).includes('hl')) return inner;
      line.properties = { class: 'hl' };
      line.children = inner;
      return [line];
    });
    // Neighbouring tokens of one colour share a span (highlighted lines stay one wrapper each).
    node.children = [];
    for (const c of flat) {
      const prev = node.children.at(-1);
      const sameColour =
        prev?.type === 'element' &&
        c.type === 'element' &&
        prev.tagName === 'span' &&
        c.tagName === 'span' &&
        prev.properties.class === c.properties.class &&
        c.properties.class !== 'hl';
      if (sameColour) prev.children.push(...c.children);
      else node.children.push(c);
    }
  },
};

/** Marks the given lines (1 = the first line shown) for compactCode to keep as `<span class="hl">`. */
export const markLines = (lines: ReadonlySet<number>): ShikiTransformer => ({
  name: 'handbook-mark-lines',
  line(node, n) {
    if (lines.has(n)) this.addClassToHast(node, 'hl');
  },
});
