/** The page that shows one source file of an example. */
export const sourcePath = (example: string, file: string): string => `/examples/${example}/source/${file}/`;

/** The id of a checklist item wherever it is shown, so a pull request can link to it. */
export const checkAnchor = (id: string): string => `check-${id}`;
