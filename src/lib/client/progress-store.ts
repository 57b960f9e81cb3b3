/** What a reader has done, kept in this browser only (no account, no server). */
export interface Progress {
  read: string[];
  /** `guide/question` → answered correctly the last time. */
  answers: Record<string, boolean>;
}

const KEY = 'handbook-progress';

export function loadProgress(): Progress {
  try {
    const p = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Progress>;
    return { read: Array.isArray(p.read) ? p.read : [], answers: p.answers && typeof p.answers === 'object' ? p.answers : {} };
  } catch {
    return { read: [], answers: {} };
  }
}

export function saveProgress(update: (p: Progress) => void): Progress {
  const p = loadProgress();
  update(p);
  localStorage.setItem(KEY, JSON.stringify(p));
  return p;
}
