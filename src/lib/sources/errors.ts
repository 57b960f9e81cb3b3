/** An error about one of the project's own files: it always names the file, and the line where there is one. */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
    readonly fix?: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}${fix ? `\n  → ${fix}` : ''}`);
    this.name = 'SourceError';
  }
}
