/** Marks our wrappers, so a second copy of widget.js never wraps twice and unwrapping finds them. */
const WRAPPED = Symbol.for('parley.history.wrapped');

type HistoryMethod = History['pushState'];
type Wrapped = HistoryMethod & { [WRAPPED]?: HistoryMethod };

/**
 * Calls `onPage` with the page's URL on every SPA navigation: `pushState` and `replaceState`
 * (wrapped so the host's calls behave exactly as before: same `this`, arguments, return value and
 * exceptions) and `popstate`/`hashchange`. Reports only real URL changes. Returns an undo that
 * restores the originals unless another script wrapped them after us.
 */
export function trackPages(win: Window, onPage: (url: string) => void): () => void {
  let current = win.location.href;
  const check = (): void => {
    const url = win.location.href;
    if (url === current) return;
    current = url;
    onPage(url);
  };
  const history = win.history;
  const undo: (() => void)[] = [];
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name] as Wrapped;
    if (original[WRAPPED]) continue;
    const wrapper = function (this: History, ...args: Parameters<HistoryMethod>) {
      const result = original.apply(this, args);
      check();
      return result;
    } as Wrapped;
    wrapper[WRAPPED] = original;
    history[name] = wrapper;
    undo.push(() => {
      if (history[name] === wrapper) history[name] = original;
    });
  }
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  return () => {
    undo.forEach((u) => u());
    win.removeEventListener('popstate', check);
    win.removeEventListener('hashchange', check);
  };
}
