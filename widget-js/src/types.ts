/** An agent's message, as `Parley('on', 'message', fn)` hands it to the host page. */
export interface ParleyMessage {
  seq: number;
  body: string;
  authorName?: string;
  createdAt: string;
}

/** Who the visitor is, from the host page; see docs/widget.md for `hash`. */
export interface ParleyIdentity {
  id: string;
  name?: string;
  email?: string;
  /** hex(HMAC-SHA256(site identity secret, id)), computed by the site's server. */
  hash?: string;
}

/** Events a host page can subscribe to with `Parley('on', event, listener)`, and what listeners get. */
export interface WidgetEventMap {
  open: [];
  close: [];
  message: [message: ParleyMessage];
  unread: [count: number];
}

export type WidgetEvent = keyof WidgetEventMap;

export type WidgetListener<E extends WidgetEvent = WidgetEvent> = (...args: WidgetEventMap[E]) => void;

/** Every command `Parley(...)` accepts, mapped to the arguments it takes. */
export interface ParleyCommands {
  open: [];
  close: [];
  toggle: [];
  /** Tells Parley who the signed-in visitor is; with `hash`, their history follows them across devices. */
  identify: [identity: ParleyIdentity];
  /** Facts about the visitor, kept in this page; those the site's pre-chat form asks for pre-fill it and are sent with it. */
  set: [attributes: Record<string, string | number | boolean>];
  /** The UI language (`en`, `zh-CN`, `ja`, `de`, `es`, `fr`); the browser's languages otherwise. */
  locale: [locale: string];
  on: { [E in WidgetEvent]: [event: E, listener: WidgetListener<E>] }[WidgetEvent];
  /** Removes the widget, forgets this browser's visitor for the site (use it on sign-out) and ignores every later command. */
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
