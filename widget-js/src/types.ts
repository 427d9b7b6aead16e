/** Events a host page can subscribe to with `Parley('on', event, listener)`. */
export type WidgetEvent = 'open' | 'close';

export type WidgetListener = () => void;

/** Every command `Parley(...)` accepts, mapped to the arguments it takes. */
export interface ParleyCommands {
  open: [];
  close: [];
  toggle: [];
  on: [event: WidgetEvent, listener: WidgetListener];
  /** Closes the widget, drops all listeners and ignores every later command. */
  shutdown: [];
}

export type ParleyCommand = keyof ParleyCommands;

/** The `Parley` global once widget.js has loaded. */
export type ParleyApi = <C extends ParleyCommand>(command: C, ...args: ParleyCommands[C]) => void;

/**
 * What the host page's snippet defines before widget.js arrives:
 * `window.Parley = window.Parley || function(){(Parley.q=Parley.q||[]).push(arguments)}`.
 */
export interface ParleyStub {
  (...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
}

declare global {
  interface Window {
    Parley?: ParleyApi | ParleyStub;
  }
}
