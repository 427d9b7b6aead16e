/** The console's keyboard shortcuts, as the `?` overlay lists them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; does: string }> = [
  { keys: 'Alt + ↓', does: 'Next chat' },
  { keys: 'Alt + ↑', does: 'Previous chat' },
  { keys: 'Alt + R', does: 'Focus the reply box' },
  { keys: 'Alt + N', does: 'Switch between reply and internal note' },
  { keys: 'Alt + W', does: 'Close the conversation' },
  { keys: 'Alt + 1 … 4', does: 'Mine, Queue, All open, Closed' },
  { keys: 'Enter / Shift + Enter', does: 'Send / new line' },
  { keys: '/', does: 'Canned responses, in the reply box' },
  { keys: '?', does: 'Show this list' },
  { keys: 'Esc', does: 'Close this list or a dialog' },
];

export type Command = 'next' | 'previous' | 'focusComposer' | 'toggleNote' | 'close' | 'help' | 'escape' | `view:${number}`;

/**
 * The command a key press stands for, or null. `?` counts only outside text fields, where it is
 * just a question mark; Alt combinations work everywhere, the reply box included.
 */
export function commandFor(event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey'>, typing: boolean): Command | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey) {
    switch (event.code) {
      case 'ArrowDown': return 'next';
      case 'ArrowUp': return 'previous';
      case 'KeyR': return 'focusComposer';
      case 'KeyN': return 'toggleNote';
      case 'KeyW': return 'close';
      case 'Digit1': case 'Digit2': case 'Digit3': case 'Digit4': return `view:${Number(event.code.slice(5))}`;
      default: return null;
    }
  }
  if (event.key === 'Escape') return 'escape';
  if (event.key === '?' && !typing) return 'help';
  return null;
}

/** The chat after (or before) `current` in `ids`, wrapping around; the first when none is open. */
export function neighbour(ids: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current ? ids.indexOf(current) : -1;
  if (at < 0) return ids[step === 1 ? 0 : ids.length - 1]!;
  return ids[(at + step + ids.length) % ids.length]!;
}
