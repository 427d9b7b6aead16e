import type { ClientFrame, ServerFrame } from './protocol';

/** The part of `navigator.locks` used: a lock held until the callback's promise settles. */
export interface LocksLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
}

/** The part of `BroadcastChannel` used. */
export interface ChannelLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

export interface TabEvents {
  /** This tab now leads: it opens the one socket. */
  lead(): void;
  /** Followers: a frame the leader's socket received. */
  frame(frame: ServerFrame): void;
  /** Followers: the leader's socket was welcomed or lost. */
  online(up: boolean): void;
  /** The leader: a frame a follower wants sent. */
  request(frame: ClientFrame): void;
  /** The leader: the conversation it follows, as a frame for a tab that just joined. */
  current(): ServerFrame | undefined;
}

type TabMessage =
  | { k: 'frame'; frame: ServerFrame }
  | { k: 'state'; up: boolean; conn: string }
  | { k: 'send'; frame: ClientFrame }
  | { k: 'ask' };

/**
 * Lets the tabs of one site share one socket. The leader is whoever holds a Web Lock named after
 * the site: the browser hands it to the next tab when the leader's tab closes or crashes, without
 * the heartbeats a BroadcastChannel-only election needs (background tabs' timers are throttled to
 * a minute, which would make such an election flap). A BroadcastChannel carries the leader's frames
 * to the followers and their frames to the leader. Without either API every tab leads itself.
 */
export class Tabs {
  leader = false;
  private up = false;
  /** Names the leader's current connection, so followers notice a new one even if they missed its loss. */
  private conn = '';
  private followerUp = false;
  private followerConn = '';
  private release: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly events: TabEvents,
    private readonly channel: ChannelLike | null,
    private readonly locks: LocksLike | null,
  ) {}

  start(): void {
    const { channel, locks } = this;
    if (!channel || !locks) {
      this.become();
      return;
    }
    channel.onmessage = (event) => this.receive(event.data as TabMessage);
    void locks.request(this.name, () => new Promise<void>((resolve) => {
      if (this.stopped) return resolve();
      this.release = resolve;
      this.become();
    }));
    channel.postMessage({ k: 'ask' } satisfies TabMessage);
  }

  /** The leader shares what its socket received. */
  share(frame: ServerFrame): void {
    if (this.leader) this.post({ k: 'frame', frame });
  }

  /** The leader shares its socket's state. */
  state(up: boolean): void {
    if (up && !this.up) this.conn = Math.random().toString(36).slice(2);
    this.up = up;
    if (this.leader) this.post({ k: 'state', up, conn: this.conn });
  }

  /** A follower's frame for the server; false while no leader is known to be connected. */
  forward(frame: ClientFrame): boolean {
    if (this.leader || !this.followerUp) return false;
    this.post({ k: 'send', frame });
    return true;
  }

  /** Leaves: a leader tells the followers its socket is gone and hands the lock on. */
  stop(): void {
    this.stopped = true;
    if (this.leader) this.state(false);
    this.leader = false;
    this.release?.();
    this.release = undefined;
    if (this.channel) this.channel.onmessage = null;
    this.channel?.close();
  }

  private become(): void {
    this.leader = true;
    this.followerUp = false;
    this.events.lead();
  }

  private receive(message: TabMessage): void {
    if (!message || this.stopped) return;
    if (this.leader) {
      if (message.k === 'send') this.events.request(message.frame);
      if (message.k === 'ask') {
        this.post({ k: 'state', up: this.up, conn: this.conn });
        // A tab whose session was read before the chat started would otherwise never learn of it.
        const current = this.events.current();
        if (current) this.post({ k: 'frame', frame: current });
      }
      return;
    }
    if (message.k === 'frame') this.events.frame(message.frame);
    if (message.k === 'state') {
      // Another connection than the one we knew: what we sent through the old one may be lost.
      if (message.up && this.followerUp && message.conn !== this.followerConn) this.events.online(false);
      this.followerUp = message.up;
      this.followerConn = message.conn;
      this.events.online(message.up);
    }
  }

  private post(message: TabMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel (the page is unloading) has nobody left to tell.
    }
  }
}
