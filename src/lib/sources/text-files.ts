import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceFiles } from './hash.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether a file reads as text: UTF-8 without NUL bytes (a fuzzer's binary seed input is neither). */
export function isText(file: string): boolean {
  const bytes = readFileSync(file);
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** An example's source files that pages can show as text; binary ones are hashed and downloadable, not shown. */
export const textFiles = (dir: string): string[] => sourceFiles(dir).filter((f) => isText(path.join(dir, f)));
