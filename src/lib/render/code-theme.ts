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
 * Keeps highlighted HTML small enough for the page budgets: colours become one-letter classes,
 * plain-text spans and per-line wrappers are unwrapped. The text itself is untouched.
 */
export const compactCode: ShikiTransformer = {
  name: 'handbook-compact',
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
    node.children = node.children.flatMap((line) =>
      line.type === 'element' && line.tagName === 'span'
        ? line.children.flatMap((c) => (c.type === 'element' && c.tagName === 'span' && !c.properties.class ? c.children : [c]))
        : [line],
    );
  },
};
