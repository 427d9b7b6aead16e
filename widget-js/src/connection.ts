import { backoffDelay } from './backoff';
import type { ClientFrame, ServerFrame } from './protocol';

/** The part of the browser's WebSocket the connection uses, so tests can pass a fake. */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}

export type SocketFactory = (url: string) => SocketLike;

export interface ConnectionEvents {
  /** The `hello` for each (re)connect, built at that moment so it carries the newest `lastSeq`. */
  hello(): ClientFrame;
  /** Every frame but `pong`, in arrival order. */
  frame(frame: ServerFrame): void;
  /** True once the server welcomed us (frames may be sent), false when the socket is lost. */
  online(up: boolean): void;
  /** The server closed with 1008 (bad token, banned): retrying cannot help. */
  refused(): void;
}

/** The protocol's heartbeat interval; the server drops sockets silent for 75 s. */
export const PING_MS = 25000;
/** Nothing heard for this long means the network died without a close: reconnect. */
export const SILENCE_MS = 2 * PING_MS + 10000;

/**
 * One resumable `/ws/visitor` socket: says hello on every connect, pings every 25 s, and after any
 * close but 1008 reconnects with exponential backoff and jitter until stopped.
 */
export class Connection {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private up = false;
  private running = false;

  constructor(
    private readonly url: string,
    private readonly events: ConnectionEvents,
    private readonly open: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike,
    private readonly random: () => number = Math.random,
  ) {}

  get online(): boolean {
    return this.up;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retry);
    const socket = this.socket;
    this.lost();
    socket?.close(1000);
  }

  /** Sends once welcomed; returns false (and sends nothing) otherwise, so the caller keeps it queued. */
  send(frame: ClientFrame): boolean {
    if (!this.up || !this.socket) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Connects now instead of waiting out the backoff, e.g. when the browser is back online. */
  nudge(): void {
    if (this.running && !this.socket) {
      clearTimeout(this.retry);
      this.connect();
    }
  }

  private connect(): void {
    let socket: SocketLike;
    try {
      socket = this.open(this.url);
    } catch {
      this.schedule();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.lastHeard = Date.now();
      socket.send(JSON.stringify(this.events.hello()));
      this.heartbeat = setInterval(() => this.tick(), PING_MS);
    };
    socket.onmessage = (event) => {
      this.lastHeard = Date.now();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      if (!frame || typeof frame.type !== 'string' || frame.type === 'pong') return;
      this.events.frame(frame);
      if (frame.type === 'welcome' && !this.up) {
        this.up = true;
        this.attempt = 0;
        this.events.online(true);
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.lost();
      if (event.code === 1008) {
        this.running = false;
        this.events.refused();
      } else {
        this.schedule();
      }
    };
    socket.onerror = null;
  }

  private tick(): void {
    const socket = this.socket;
    if (!socket) return;
    if (Date.now() - this.lastHeard > SILENCE_MS) {
      // A dead network may take minutes to deliver onclose; give up on this socket now.
      this.lost();
      socket.close();
      this.schedule();
      return;
    }
    socket.send(JSON.stringify({ type: 'ping' }));
  }

  private lost(): void {
    clearInterval(this.heartbeat);
    this.socket = null;
    if (this.up) {
      this.up = false;
      this.events.online(false);
    }
  }

  private schedule(): void {
    if (!this.running) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.connect(), backoffDelay(this.attempt++, this.random));
  }
}
