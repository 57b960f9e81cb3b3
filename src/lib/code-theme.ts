import { createCssVariablesTheme } from 'shiki';

/**
 * One highlighting theme whose colours are CSS variables: the stylesheet gives
 * them light and dark values, so switching themes needs no second copy of the code.
 */
export const codeTheme = createCssVariablesTheme({ name: 'handbook', variablePrefix: '--code-', variableDefaults: {}, fontStyle: true });
