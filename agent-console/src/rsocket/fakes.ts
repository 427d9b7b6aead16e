import type { Channel, Connect, StreamSubscriber } from './channel';
import type { AccessToken, TokenSource, Timers } from './types';

/** A server the client talks to in unit tests: records connections, requests and inbox subscriptions. */
export class FakeServer {
  readonly connections: FakeChannel[] = [];
  refuseConnections = false;
  handler: (route: string, data: unknown) => unknown = () => ({});

  connect: Connect = async (url, token) => {
    if (this.refuseConnections) throw new Error('net::ERR_INTERNET_DISCONNECTED');
    const channel = new FakeChannel(url, token, this);
    this.connections.push(channel);
    return channel;
  };

  get last(): FakeChannel {
    const channel = this.connections[this.connections.length - 1];
    if (!channel) throw new Error('no connection yet');
    return channel;
  }
}

export class FakeChannel implements Channel {
  readonly requests: Array<{ route: string; data: unknown }> = [];
  inbox: { data: unknown; subscriber: StreamSubscriber } | null = null;
  closed = false;
  private closeListener: ((error?: Error) => void) | null = null;

  constructor(readonly url: string, readonly token: string, private readonly server: FakeServer) {}

  async request(route: string, data: unknown): Promise<unknown> {
    if (this.closed) throw new Error('closed');
    this.requests.push({ route, data });
    return this.server.handler(route, data);
  }

  stream(route: string, data: unknown, subscriber: StreamSubscriber): { cancel(): void } {
    if (route === 'inbox') this.inbox = { data, subscriber };
    return { cancel: () => undefined };
  }

  onClose(callback: (error?: Error) => void): void {
    this.closeListener = callback;
  }

  close(): void {
    this.drop();
  }

  /** The network went away, or the server closed the connection. */
  drop(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.closeListener?.(error);
  }

  /** The server sends an inbox event. */
  push(event: Record<string, unknown>): void {
    this.inbox?.subscriber.next(event);
  }
}

/** Virtual time: timers run only when the test advances the clock. */
export class FakeTimers implements Timers {
  time = 1_000_000;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  private next = 1;

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves the clock forward, running every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
      await settle();
    }
    this.time = until;
    await settle();
  }

  delays(): number[] {
    return [...this.pending.values()].map((t) => t.at - this.time);
  }
}

export class FakeTokens implements TokenSource {
  held: AccessToken | null;
  refreshes: Array<string | undefined> = [];
  private generation = 1;

  constructor(private readonly timers: FakeTimers, private readonly lifetimeMs = 15 * 60_000) {
    this.held = { token: 'token-1', expiresAt: timers.now() + lifetimeMs };
  }

  current(): AccessToken | null {
    return this.held;
  }

  async refresh(stale: string | undefined): Promise<AccessToken | null> {
    this.refreshes.push(stale);
    if (!this.held) return null;
    this.held = { token: 'token-' + ++this.generation, expiresAt: this.timers.now() + this.lifetimeMs };
    return this.held;
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
