import type { ParleyCommands, WidgetEvent, WidgetListener } from './types';

type Handlers = { [C in keyof ParleyCommands]: (...args: ParleyCommands[C]) => void };

export interface Widget {
  /** From data-site: the UI (a later issue) identifies the site to the server with it. */
  readonly siteKey: string | null;
  handlers: Handlers;
}

const EVENTS: readonly WidgetEvent[] = ['open', 'close'];

/**
 * Widget state and events, without any UI yet. Host-page code runs inside our
 * listeners, so their errors are reported but never break the widget or other listeners.
 */
export function createWidget(siteKey: string | null): Widget {
  let open = false;
  let listeners: { [E in WidgetEvent]: WidgetListener[] } = { open: [], close: [] };

  const emit = (event: WidgetEvent): void => {
    for (const listener of listeners[event].slice()) {
      try {
        listener();
      } catch (error) {
        console.error(`[Parley] '${event}' listener failed`, error);
      }
    }
  };

  const setOpen = (next: boolean): void => {
    if (open === next) return;
    open = next;
    emit(next ? 'open' : 'close');
  };

  return {
    siteKey,
    handlers: {
      open: () => setOpen(true),
      close: () => setOpen(false),
      toggle: () => setOpen(!open),
      on: (event, listener) => {
        // Untyped host pages can pass anything; reject it here rather than fail on emit.
        if (!EVENTS.includes(event) || typeof listener !== 'function') {
          console.warn(`[Parley] 'on' expects one of ${EVENTS.join(', ')} and a function`);
          return;
        }
        listeners[event].push(listener);
      },
      shutdown: () => {
        setOpen(false);
        listeners = { open: [], close: [] };
      },
    },
  };
}
