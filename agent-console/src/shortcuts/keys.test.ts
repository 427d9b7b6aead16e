import { describe, expect, it } from 'vitest';
import { commandFor, neighbour, SHORTCUTS } from './keys';

const key = (key: string, code: string, altKey = false) => ({ key, code, altKey, ctrlKey: false, metaKey: false });

describe('keyboard shortcuts', () => {
  it('maps Alt combinations everywhere and ? only outside text fields', () => {
    expect(commandFor(key('ArrowDown', 'ArrowDown', true), true)).toBe('next');
    expect(commandFor(key('ArrowUp', 'ArrowUp', true), false)).toBe('previous');
    expect(commandFor(key('®', 'KeyR', true), true)).toBe('focusComposer');
    expect(commandFor(key('w', 'KeyW', true), false)).toBe('close');
    expect(commandFor(key('2', 'Digit2', true), false)).toBe('view:2');
    expect(commandFor(key('?', 'Slash'), false)).toBe('help');
    expect(commandFor(key('?', 'Slash'), true)).toBeNull();
    expect(commandFor({ ...key('r', 'KeyR', true), ctrlKey: true }, false)).toBeNull();
  });

  it('moves between chats, wrapping around', () => {
    expect(neighbour(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(neighbour(['a', 'b', 'c'], 'a', -1)).toBe('c');
    expect(neighbour(['a', 'b'], null, 1)).toBe('a');
    expect(neighbour([], 'a', 1)).toBeNull();
  });

  it('lists every shortcut in the overlay', () => {
    expect(SHORTCUTS.map((s) => s.does).join(' ')).toMatch(/Next chat.*Previous chat.*reply box.*Close/);
  });
});
