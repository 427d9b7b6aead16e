import { Api, ApiError, type Fetch } from './api';
import { backoffDelay } from './backoff';
import { Chat } from './chat';
import { Connection, type SocketFactory } from './connection';
import type { Identity, SessionResponse } from './protocol';
import { Store } from './storage';
import { type ChannelLike, type LocksLike, Tabs } from './tabs';

export interface ClientOptions {
  siteKey: string;
  /** Where widget.js came from, ending in '/': the API and the socket live beside it. */
  base: string;
  locale: () => string;
  fetch?: Fetch;
  socket?: SocketFactory;
  channel?: ChannelLike | null;
  locks?: LocksLike | null;
  storage?: Storage | null;
  random?: () => number;
}

/**
 * The widget's connection to Parley: the session API, the history, and the one socket of all the
 * site's tabs. It knows nothing of the UI.
 */
export class Client {
  readonly chat: Chat;
  readonly store: Store;
  private readonly api: Api;
  session: SessionResponse | undefined;
  private token = '';
  private tabs: Tabs | undefined;
  private connection: Connection | undefined;
  private stopped = false;
  private reboots = 0;

  constructor(private readonly options: ClientOptions) {
    this.store = new Store(options.siteKey, options.storage);
    const api = new Api(options.base, options.fetch);
    this.chat = new Chat({ send: (frame) => this.send(frame) }, api, this.store, () => this.token);
    this.chat.onInvalidToken = () => this.reboot();
    this.api = api;
  }

  /**
   * Opens the session (retrying while the network is down), loads the newest history and joins
   * the tabs. Rejects with {@link ApiError} when Parley refuses this page for good.
   */
  async boot(identity?: Identity): Promise<SessionResponse> {
    const saved = this.store.read();
    const request = { siteKey: this.options.siteKey, token: saved.token, pageUrl: location.href, referrer: document.referrer || undefined,
      locale: this.options.locale(), timeZone: timeZone(), identity };
    let session: SessionResponse | undefined;
    for (let attempt = 0; !session; attempt++) {
      try {
        session = await this.api.session(request);
      } catch (error) {
        if (error instanceof ApiError && error.status < 500 && error.status !== 429) throw error;
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, this.options.random)));
      }
      if (this.stopped) throw new Error('stopped');
    }
    this.session = session;
    this.token = session.token ?? saved.token ?? '';
    this.store.update((s) => {
      s.token = this.token;
    });
    if (session.availability?.online === false && !session.conversation) this.chat.offline = session.availability.reason ?? 'no_agents';
    this.chat.follow(session.conversation);
    this.join();
    await this.chat.history.newest().catch(() => undefined);
    return session;
  }

  /** Whether this tab holds the socket. */
  get leading(): boolean {
    return !!this.tabs?.leader;
  }

  /** Connects at once when the browser reports it is back online. */
  nudge(): void {
    this.connection?.nudge();
  }

  stop(): void {
    this.stopped = true;
    this.tabs?.stop();
    this.connection?.stop();
  }

  private join(): void {
    const { options, chat } = this;
    const url = `${options.base.replace(/^http/, 'ws')}ws/visitor?site=${encodeURIComponent(options.siteKey)}`;
    const connection = new Connection(url, {
      hello: () => chat.hello(),
      frame: (frame) => {
        chat.frame(frame);
        tabs.share(frame);
      },
      online: (up) => {
        tabs.state(up);
        chat.setOnline(up);
      },
      refused: () => {
        chat.refused = true;
        chat.onChange();
      },
    }, options.socket, options.random);
    const tabs = new Tabs(`parley:${options.siteKey}`, {
      lead: () => {
        if (chat.online) chat.setOnline(false);
        connection.start();
      },
      frame: (frame) => {
        const before = chat.conversation?.id;
        chat.frame(frame);
        // A conversation this tab learns of from the leader: its earlier messages come from history.
        if (chat.conversation && chat.conversation.id !== before) void chat.history.newest().catch(() => undefined);
      },
      online: (up) => chat.setOnline(up),
      request: (frame) => connection.send(frame),
      current: () => chat.conversation && { type: 'started', conversation: chat.conversation },
    }, options.channel === undefined ? defaultChannel(options.siteKey) : options.channel,
    options.locks === undefined ? defaultLocks() : options.locks);
    this.connection = connection;
    this.tabs = tabs;
    tabs.start();
  }

  private send(frame: Parameters<Connection['send']>[0]): boolean {
    if (!this.tabs) return false;
    return this.tabs.leader ? !!this.connection?.send(frame) : this.tabs.forward(frame);
  }

  /** The token was refused (the visitor was forgotten): start over once as a new visitor. */
  private reboot(): void {
    if (this.reboots++ > 0) return;
    this.tabs?.stop();
    this.connection?.stop();
    this.store.update((s) => {
      s.token = s.conversationId = undefined;
    });
    this.chat.follow(undefined);
    void this.boot().catch(() => undefined);
  }
}

function defaultChannel(siteKey: string): ChannelLike | null {
  return typeof BroadcastChannel === 'function' ? (new BroadcastChannel(`parley:${siteKey}`) as unknown as ChannelLike) : null;
}

function defaultLocks(): LocksLike | null {
  const locks = (navigator as Navigator & { locks?: LocksLike }).locks;
  return locks && typeof locks.request === 'function' ? locks : null;
}

/** The browser's IANA time zone; undefined where Intl cannot tell. */
function timeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
