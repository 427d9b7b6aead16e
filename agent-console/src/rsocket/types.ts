import type { Connect } from './channel';

/** An access token and when it stops being accepted (epoch milliseconds). */
export interface AccessToken {
  token: string;
  expiresAt: number;
}

/** Where the client gets tokens: the signed-in session, shared by every tab of the console. */
export interface TokenSource {
  /** The token held now, or null when signed out. */
  current(): AccessToken | null;
  /**
   * A token newer than `stale` (refreshed over REST, or already refreshed by another tab); null
   * when the session has ended and the agent must sign in again.
   */
  refresh(stale: string | undefined): Promise<AccessToken | null>;
}

/** The last seq the console holds of a conversation. */
export interface Cursor {
  conversationId: string;
  lastSeq: number;
}

/** `connecting` before the first inbox is live, `online` once it is, `reconnecting` after a loss, `signedOut` for good. */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'signedOut';

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ClientOptions {
  url: string;
  connect: Connect;
  tokens: TokenSource;
  /** Read at every (re)connect: the inbox resumes from these. */
  cursors(): Cursor[];
  onEvent(event: InboxEvent): void;
  onState(state: ConnectionState): void;
  timers?: Timers;
  random?: () => number;
  /** Renew this long before the token expires (the server ends the connection at expiry). */
  renewMarginMs?: number;
  /** How long a request waits for a connection before failing with `offline`. */
  requestWaitMs?: number;
}

/** An inbox event (docs/protocol.md, "The inbox"); `type` tells which. */
export interface InboxEvent {
  type: string;
  [field: string]: unknown;
}

/** The server takes at most 500 cursors; the most recently active conversations go first. */
export const MAX_CURSORS = 500;

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
