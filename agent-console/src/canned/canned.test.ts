import { describe, expect, it } from 'vitest';
import { expand, slashToken, suggestions, type Canned } from './canned';

const canned = (shortcut: string, scope: Canned['scope'] = 'shared', body = 'Body of ' + shortcut): Canned =>
  ({ id: shortcut + scope, scope, shortcut, title: 'Title ' + shortcut, body, updatedAt: '' });

describe('canned responses in the composer', () => {
  it('finds the /word being typed at the caret only', () => {
    expect(slashToken('/gre', 4)).toEqual({ start: 0, query: 'gre' });
    expect(slashToken('Hi! /Ship', 9)).toEqual({ start: 4, query: 'ship' });
    expect(slashToken('Hi! /ship now', 13)).toBeNull();
    expect(slashToken('see http://x/y', 14)).toBeNull();
    expect(slashToken('a/b', 3)).toBeNull();
  });

  it('offers exact matches first and lets a personal response hide the shared one', () => {
    const all = [canned('greeting'), canned('greet'), canned('greet', 'personal', 'My greeting'), canned('bye')];
    const offered = suggestions(all, 'greet');
    expect(offered.map((c) => c.shortcut)).toEqual(['greet', 'greeting']);
    expect(offered[0]!.body).toBe('My greeting');
    expect(suggestions(all, '')).toHaveLength(3);
  });

  it('replaces the shortcut with the text and puts the caret after it', () => {
    expect(expand('Hi! /sh and more', 4, 7, canned('ship', 'shared', 'We ship in 2 days.')))
      .toEqual({ text: 'Hi! We ship in 2 days. and more', caret: 22 });
  });
});
