import { backoffDelay } from './backoff';
import type { Channel } from './channel';
import { ConsoleError, toConsoleError } from './errors';
import { MAX_CURSORS, realTimers, type AccessToken, type ClientOptions, type InboxEvent, type Timers } from './types';
import { Waiters } from './waiters';

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
  private readonly waiters: Waiters<Channel>;

  constructor(private readonly options: ClientOptions) {
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
    this.renewMargin = options.renewMarginMs ?? 60_000;
    this.requestWait = options.requestWaitMs ?? 20_000;
    this.waiters = new Waiters(this.timers);
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

  private async ready(): Promise<Channel> {
    if (this.live && this.channel) return this.channel;
    if (this.stopped) throw new ConsoleError('offline', 'Not connected');
    const channel = await this.waiters.wait(this.requestWait);
    if (channel) return channel;
    throw new ConsoleError('offline', 'Not connected');
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
    // batches: the server may join events that wait together into one frame (a burst of new chats).
    channel.stream('inbox', { cursors, batches: true }, {
      next: (item) => {
        for (const event of unbatch(item as InboxEvent)) this.handle(channel, event);
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

  private handle(channel: Channel, event: InboxEvent): void {
    if (event.type === 'inbox.ready' && this.channel === channel && !this.live) {
      this.live = true;
      this.attempt = 0;
      this.options.onState('online');
      this.scheduleRenew();
      this.waiters.release(channel);
    }
    this.options.onEvent(event);
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
    this.waiters.release(null);
    this.options.onState('signedOut');
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    if (this.renewTimer !== null) this.timers.clearTimeout(this.renewTimer);
    this.retryTimer = null;
    this.renewTimer = null;
  }
}

/** The events a frame carries: a `batch` frame's `events` in order, else the frame itself. */
export function unbatch(frame: InboxEvent): InboxEvent[] {
  return frame.type === 'batch' && Array.isArray(frame.events) ? (frame.events as InboxEvent[]) : [frame];
}
