import type { ParleyApi, ParleyCommand, ParleyStub } from './types';
import { createWidget } from './widget';

// Symbol.for is shared by every copy of widget.js in the page, unlike module state.
const LOADED = Symbol.for('parley.widget.loaded');

/** Our own `<script data-site="...">` tag. */
function ownScript(doc: Document): Element | null {
  const current = doc.currentScript;
  // currentScript is null in async callbacks and for module scripts, hence the fallback.
  return current?.hasAttribute('data-site') ? current : doc.querySelector('script[data-site]');
}

/** The site key from our own script tag. */
export function readSiteKey(doc: Document): string | null {
  return ownScript(doc)?.getAttribute('data-site') || null;
}

/**
 * The Parley server's base URL, ending in '/': the directory widget.js was loaded from, so a
 * Parley served under a path prefix works too. The page's own base when the tag has no src.
 */
export function readBase(doc: Document): string {
  const src = ownScript(doc)?.getAttribute('src');
  try {
    return new URL('.', new URL(src || '.', doc.baseURI)).href;
  } catch {
    return new URL('/', doc.baseURI).href;
  }
}

/**
 * Replaces the host page's queueing stub (if any) with the real `Parley` function
 * and replays the queued calls in order. Defines nothing but `win.Parley`.
 */
export function installParley(win: Window, doc: Document): void {
  const existing = win.Parley as (ParleyStub & { [LOADED]?: true }) | undefined;
  // Pages sometimes embed the snippet twice; the first copy keeps its state.
  if (existing?.[LOADED]) return;

  const siteKey = readSiteKey(doc);
  if (!siteKey) console.warn('[Parley] no data-site attribute found on the widget script tag');

  const widget = createWidget({ siteKey, base: readBase(doc) });
  let shutDown = false;

  const dispatch = (command: unknown, args: unknown[]): void => {
    if (shutDown) {
      console.warn(`[Parley] '${String(command)}' ignored: the widget was shut down`);
      return;
    }
    if (typeof command !== 'string' || !Object.prototype.hasOwnProperty.call(widget.handlers, command)) {
      console.warn(`[Parley] unknown command '${String(command)}' ignored`);
      return;
    }
    try {
      (widget.handlers[command as ParleyCommand] as (...a: unknown[]) => void)(...args);
    } catch (error) {
      // A widget bug must never surface as an exception in the host page's code.
      console.error(`[Parley] command '${command}' failed`, error);
    }
    if (command === 'shutdown') shutDown = true;
  };

  const queued = Array.from(existing?.q ?? []);
  const parley = ((command: unknown, ...args: unknown[]) => dispatch(command, args)) as ParleyApi;
  Object.defineProperty(parley, LOADED, { value: true });
  win.Parley = parley;

  for (const call of queued) {
    const [command, ...args] = Array.from(call);
    dispatch(command, args);
  }
}
