/** A canned response as `canned.list` gives it. */
export interface Canned {
  id: string;
  scope: 'shared' | 'personal';
  shortcut: string;
  title: string;
  body: string;
  updatedAt: string;
}

/** The `/word` being typed at the caret, if the caret ends one: where it starts and what follows the slash. */
export function slashToken(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([a-z0-9_-]*)$/i.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

/**
 * The responses whose shortcut starts with `query`, exact match first; an agent's personal response
 * hides the shared one with the same shortcut.
 */
export function suggestions(all: readonly Canned[], query: string, max = 8): Canned[] {
  const byShortcut = new Map<string, Canned>();
  for (const c of all) {
    const held = byShortcut.get(c.shortcut);
    if (!held || c.scope === 'personal') byShortcut.set(c.shortcut, c);
  }
  return [...byShortcut.values()]
    .filter((c) => c.shortcut.startsWith(query) || (query.length > 1 && c.title.toLowerCase().includes(query)))
    .sort((a, b) => Number(b.shortcut === query) - Number(a.shortcut === query) || a.shortcut.localeCompare(b.shortcut))
    .slice(0, max);
}

/** The text with the `/shortcut` at `start` (through the caret) replaced by the response's text; and where the caret goes. */
export function expand(text: string, start: number, caret: number, canned: Canned): { text: string; caret: number } {
  const result = text.slice(0, start) + canned.body + text.slice(caret);
  return { text: result, caret: start + canned.body.length };
}
