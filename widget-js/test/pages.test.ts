import { afterEach, describe, expect, it } from 'vitest';
import { trackPages } from '../src/pages';

let undo: (() => void) | undefined;
afterEach(() => undo?.());

describe('trackPages', () => {
  it('reports pushState, replaceState and popstate navigations, once per URL', () => {
    const seen: string[] = [];
    undo = trackPages(window, (url) => seen.push(new URL(url).pathname));
    history.pushState({ n: 1 }, '', '/pricing');
    history.pushState({ n: 1 }, '', '/pricing');
    history.replaceState({ n: 2 }, '', '/checkout');
    history.pushState(null, '', '/back-target');
    history.replaceState(null, '', '/after-pop');
    window.dispatchEvent(new PopStateEvent('popstate'));

    expect(seen).toEqual(['/pricing', '/checkout', '/back-target', '/after-pop']);
  });

  it("leaves the host's history API working: same this, state, return value and exceptions", () => {
    undo = trackPages(window, () => {});
    const result = history.pushState({ cart: 3 }, '', '/cart');
    expect(result).toBeUndefined();
    expect(history.state).toEqual({ cart: 3 });
    expect(location.pathname).toBe('/cart');
    const detached = history.pushState;
    expect(() => detached.call(undefined as unknown as History, null, '', '/x')).toThrow();
  });

  it('does not wrap twice and restores the originals on undo', () => {
    const original = history.pushState;
    const first = trackPages(window, () => {});
    const wrapped = history.pushState;
    const second = trackPages(window, () => {});
    expect(history.pushState).toBe(wrapped);
    second();
    first();
    expect(history.pushState).toBe(original);
  });
});
