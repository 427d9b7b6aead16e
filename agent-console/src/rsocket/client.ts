import { backoffDelay } from './backoff';
import type { Channel, Connect } from './channel';
import { ConsoleError, toConsoleError } from './errors';

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

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The console's one connection to Parley. It owns the RSocket connection: connects with the
 * session's token, opens the inbox with the cursors the console holds, renews the token before it
 * expires (`session.renew`), and after any loss reconnects with backoff and jitter and resumes the
 * inbox from the cursors, so no message is lost and (the console merging by seq) none is doubled.
 *
 * Requests made while disconnected wait for the connection, up to `requestWaitMs`.
 */
export class ConsoleClient {
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly renewMargin: number;
  private readonly requestWait: number;
  private channel: Channel | null = null;
  private live = false;
  private attempt = 0;
  private stopped = true;
  private connecting = false;
  private retryTimer: unknown = null;
  private renewTimer: unknown = null;
  private token: AccessToken | null = null;
  private forceRefresh = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: ClientOptions) {
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
    this.renewMargin = options.renewMarginMs ?? 60_000;
    this.requestWait = options.requestWaitMs ?? 20_000;
  }

  get online(): boolean {
    return this.live;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.options.onState('connecting');
    void this.connect();
  }

  /** Closes the connection and stops reconnecting (sign-out). */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const channel = this.channel;
    this.channel = null;
    this.live = false;
    channel?.close();
  }

  /** Skips the backoff wait: the browser says the network is back. */
  reconnectNow(): void {
    if (this.stopped || this.channel || this.connecting) return;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.connect();
  }

  /** Drops the connection at once (the browser says it went offline) rather than waiting for keep-alive to notice. */
  dropConnection(): void {
    this.channel?.close();
  }

  /** A request-response call; rejects with a {@link ConsoleError}. */
  async request<T>(route: string, data: unknown = {}): Promise<T> {
    const channel = await this.ready();
    try {
      return (await channel.request(route, data)) as T;
    } catch (error) {
      throw toConsoleError(error);
    }
  }

  private ready(): Promise<Channel> {
    if (this.live && this.channel) return Promise.resolve(this.channel);
    if (this.stopped) return Promise.reject(new ConsoleError('offline', 'Not connected'));
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new ConsoleError('offline', 'Parley is not reachable right now'));
      }, this.requestWait);
      const waiter = () => {
        this.timers.clearTimeout(timer);
        if (this.channel) resolve(this.channel);
        else reject(new ConsoleError('offline', 'Not connected'));
      };
      this.waiters.push(waiter);
    });
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connecting) return;
    this.connecting = true;
    this.retryTimer = null;
    try {
      const token = await this.freshToken();
      if (this.stopped) return;
      if (!token) {
        this.signedOut();
        return;
      }
      const channel = await this.options.connect(this.options.url, token.token);
      if (this.stopped) {
        channel.close();
        return;
      }
      this.channel = channel;
      this.token = token;
      channel.onClose((error) => this.closed(channel, error));
      this.openInbox(channel);
    } catch (error) {
      if (toConsoleError(error).code === 'unauthenticated') this.forceRefresh = true;
      this.retry();
    } finally {
      this.connecting = false;
    }
  }

  private async freshToken(): Promise<AccessToken | null> {
    const held = this.options.tokens.current();
    if (held && !this.forceRefresh && held.expiresAt - this.timers.now() > this.renewMargin) return held;
    this.forceRefresh = false;
    return this.options.tokens.refresh(held?.token);
  }

  private openInbox(channel: Channel): void {
    const cursors = this.options.cursors().slice(0, MAX_CURSORS);
    channel.stream('inbox', { cursors }, {
      next: (item) => {
        const event = item as InboxEvent;
        if (event.type === 'inbox.ready' && this.channel === channel && !this.live) {
          this.live = true;
          this.attempt = 0;
          this.options.onState('online');
          this.scheduleRenew();
          const waiting = this.waiters;
          this.waiters = [];
          waiting.forEach((w) => w());
        }
        this.options.onEvent(event);
      },
      error: (error) => {
        const code = toConsoleError(error).code;
        if (code === 'session_revoked') {
          this.signedOut();
          return;
        }
        if (code === 'unauthenticated') this.forceRefresh = true;
        // slow_consumer, a lost connection: start over with the cursors held now.
        channel.close();
      },
      complete: () => channel.close(),
    });
  }

  private closed(channel: Channel, error?: Error): void {
    if (this.channel !== channel) return;
    this.channel = null;
    this.live = false;
    if (this.renewTimer !== null) this.timers.clearTimeout(this.renewTimer);
    this.renewTimer = null;
    if (error && toConsoleError(error).code === 'unauthenticated') this.forceRefresh = true;
    this.retry();
  }

  private retry(): void {
    if (this.stopped) return;
    this.options.onState('reconnecting');
    const delay = backoffDelay(this.attempt++, this.random);
    this.retryTimer = this.timers.setTimeout(() => void this.connect(), delay);
  }

  private scheduleRenew(): void {
    if (!this.token) return;
    const wait = Math.max(0, this.token.expiresAt - this.renewMargin - this.timers.now());
    this.renewTimer = this.timers.setTimeout(() => void this.renew(), wait);
  }

  /** Gives the open connection a fresh token of the same agent; on any failure, reconnects with one. */
  private async renew(): Promise<void> {
    this.renewTimer = null;
    const channel = this.channel;
    if (!channel || this.stopped) return;
    try {
      const fresh = await this.options.tokens.refresh(this.token?.token);
      if (!fresh) {
        this.signedOut();
        return;
      }
      await channel.request('session.renew', { accessToken: fresh.token });
      if (this.channel !== channel) return;
      this.token = fresh;
      this.scheduleRenew();
    } catch {
      this.forceRefresh = true;
      channel.close();
    }
  }

  private signedOut(): void {
    this.stop();
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((w) => w());
    this.options.onState('signedOut');
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    if (this.renewTimer !== null) this.timers.clearTimeout(this.renewTimer);
    this.retryTimer = null;
    this.renewTimer = null;
  }
}
