import type { WidgetEvent, WidgetEventMap, WidgetListener } from './types';

const EVENTS: readonly WidgetEvent[] = ['open', 'close', 'message', 'unread'];

/**
 * The host page's listeners. Host code runs inside them, so a throwing listener is reported but
 * never breaks the widget or the other listeners.
 */
export class Emitter {
  private listeners = new Map<WidgetEvent, WidgetListener[]>();

  /** Adds a listener; untyped host pages can pass anything, so bad arguments are refused with a warning. */
  on(event: unknown, listener: unknown): void {
    if (!EVENTS.includes(event as WidgetEvent) || typeof listener !== 'function') {
      console.warn(`[Parley] 'on' expects one of ${EVENTS.join(', ')} and a function`);
      return;
    }
    const list = this.listeners.get(event as WidgetEvent) ?? [];
    list.push(listener as WidgetListener);
    this.listeners.set(event as WidgetEvent, list);
  }

  emit<E extends WidgetEvent>(event: E, ...args: WidgetEventMap[E]): void {
    for (const listener of (this.listeners.get(event) ?? []).slice()) {
      try {
        (listener as (...a: unknown[]) => void)(...args);
      } catch (error) {
        console.error(`[Parley] '${event}' listener failed`, error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
