import type { Fetch } from '../src/api';
import type { SocketLike } from '../src/connection';
import type { HistoryPage, MessageFrame, SessionResponse } from '../src/protocol';
import type { ChannelLike, LocksLike } from '../src/tabs';

/** A WebSocket whose server side the test plays: `accept`, `receive`, `drop`. */
export class FakeSocket implements SocketLike {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: number | undefined;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code = 1000): void {
    this.closedWith = code;
  }

  accept(): void {
    this.onopen?.({});
  }

  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  drop(code = 1006): void {
    this.onclose?.({ code });
  }

  types(): unknown[] {
    return this.sent.map((f) => f.type);
  }
}

/** Collects every socket a connection opens. */
export function socketFactory(): { sockets: FakeSocket[]; open: (url: string) => FakeSocket } {
  const sockets: FakeSocket[] = [];
  return { sockets, open: (url) => {
    const socket = new FakeSocket(url);
    sockets.push(socket);
    return socket;
  } };
}

/** BroadcastChannel semantics: delivered asynchronously, to every other channel of the name, as a copy. */
export class FakeChannels {
  private readonly open: FakeChannel[] = [];

  create(name: string): ChannelLike {
    const channel = new FakeChannel(name, this.open);
    this.open.push(channel);
    return channel;
  }
}

class FakeChannel implements ChannelLike {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  closed = false;

  constructor(private readonly name: string, private readonly all: FakeChannel[]) {}

  postMessage(message: unknown): void {
    if (this.closed) throw new Error('InvalidStateError: channel closed');
    const copy = JSON.stringify(message);
    for (const other of this.all) {
      if (other !== this && other.name === this.name && !other.closed) {
        setTimeout(() => other.onmessage?.({ data: JSON.parse(copy) }), 0);
      }
    }
  }

  close(): void {
    this.closed = true;
  }
}

/** navigator.locks: one holder per name at a time, the next waiter granted when the holder's promise settles. */
export class FakeLocks implements LocksLike {
  private readonly held = new Set<string>();
  private readonly waiting = new Map<string, (() => Promise<void>)[]>();

  request(name: string, callback: () => Promise<void>): Promise<unknown> {
    const queue = this.waiting.get(name) ?? [];
    queue.push(callback);
    this.waiting.set(name, queue);
    this.grant(name);
    return Promise.resolve();
  }

  private grant(name: string): void {
    if (this.held.has(name)) return;
    const next = this.waiting.get(name)?.shift();
    if (!next) return;
    this.held.add(name);
    void next().finally(() => {
      this.held.delete(name);
      this.grant(name);
    });
  }
}

export const SITE = { name: 'Shop', appearance: { primaryColor: '#2563eb', position: 'right' as const, title: 'Support' },
  greeting: 'Hi!', prechatFields: [] };

/** A Parley REST API in memory: sessions, and history pages of `messages`. */
export function fakeApi(options: { conversation?: SessionResponse['conversation']; messages?: MessageFrame[];
  availability?: SessionResponse['availability'] } = {}): { fetch: Fetch; calls: string[]; bodies: unknown[] } {
  const calls: string[] = [];
  const bodies: unknown[] = [];
  const fetch: Fetch = async (input, init) => {
    calls.push(input);
    if (init?.body) bodies.push(JSON.parse(String(init.body)));
    if (input.includes('/sessions')) {
      const session: SessionResponse = { token: 'tok-1', visitor: { id: 'v1' }, conversation: options.conversation, site: SITE,
        availability: options.availability };
      return new Response(JSON.stringify(session), { status: 200 });
    }
    const url = new URL(input);
    const before = Number(url.searchParams.get('beforeSeq') ?? Infinity);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const older = (options.messages ?? []).filter((m) => m.seq < before);
    const page: HistoryPage = { messages: older.slice(-limit), hasMore: older.length > limit };
    return new Response(JSON.stringify(page), { status: 200 });
  };
  return { fetch, calls, bodies };
}

export function message(seq: number, overrides: Partial<MessageFrame> = {}): MessageFrame {
  return { type: 'message', conversationId: 'c1', seq, clientMsgId: `a-${seq}`, author: { kind: 'agent', name: 'Alice' },
    kind: 'text', body: `message ${seq}`, createdAt: '2026-11-22T05:58:09.004211Z', ...overrides };
}

export const CONVERSATION = { id: 'c1', status: 'assigned' as const, lastSeq: 0, visitorReadSeq: 0, agentReadSeq: 0 };

/** Lets pending promises and zero-delay timers run (with real timers; fake-timer tests advance the clock instead). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
