import { describe, expect, it } from 'vitest';
import { Drafts, TYPING_IDLE_MS, TYPING_SIGNAL_MS } from './drafts';

function setup() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const signals: Array<[string, boolean, boolean]> = [];
  const drafts = new Drafts((id, active, internal) => signals.push([id, active, internal]), () => now, {
    set: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clear: (h) => timers.delete(h as number),
  });
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
  };
  return { drafts, signals, advance };
}

describe('drafts', () => {
  it('keeps the text per conversation and per mode while the agent switches chats', () => {
    const { drafts } = setup();
    drafts.edit('a', false, 'Hello A');
    drafts.edit('b', false, 'Hello B');
    drafts.edit('a', true, 'Note on A');
    expect(drafts.text('a', false)).toBe('Hello A');
    expect(drafts.text('b', false)).toBe('Hello B');
    expect(drafts.text('a', true)).toBe('Note on A');
    drafts.sent('a', false);
    expect(drafts.text('a', false)).toBe('');
    expect(drafts.text('a', true)).toBe('Note on A');
  });

  it('signals typing once, again only every few seconds, and stops after a pause', () => {
    const { drafts, signals, advance } = setup();
    drafts.edit('a', false, 'H');
    drafts.edit('a', false, 'He');
    advance(1000);
    drafts.edit('a', false, 'Hel');
    expect(signals).toEqual([['a', true, false]]);
    advance(TYPING_SIGNAL_MS);
    drafts.edit('a', false, 'Hell');
    expect(signals).toEqual([['a', true, false], ['a', true, false]]);
    advance(TYPING_IDLE_MS);
    expect(signals.at(-1)).toEqual(['a', false, false]);
  });

  it('stops at once when the text is sent or cleared, and says whether it was a note', () => {
    const { drafts, signals, advance } = setup();
    drafts.edit('a', true, 'Internal');
    drafts.sent('a', true);
    expect(signals).toEqual([['a', true, true], ['a', false, true]]);
    drafts.edit('b', false, 'x');
    drafts.edit('b', false, '');
    expect(signals.slice(2)).toEqual([['b', true, false], ['b', false, false]]);
    advance(TYPING_IDLE_MS);
    expect(signals).toHaveLength(4);
  });
});
