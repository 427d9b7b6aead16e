import type { MessageFrame } from './protocol';

/** One line of the conversation as the widget shows it. */
export interface Entry {
  /** The sender's idempotency key: every message has one, so it is the entry's identity. */
  clientMsgId: string;
  /** Absent until the server has committed the message. */
  seq?: number;
  mine: boolean;
  kind: 'text' | 'event';
  body: string;
  authorName?: string;
  meta?: Record<string, string>;
  createdAt: string;
  /** Only for the visitor's own messages that are not committed yet. */
  state?: 'sending' | 'failed';
}

/**
 * The messages of the followed conversation, each exactly once: a message arrives by several
 * paths (the `ack` of our send, its echo, a replay after a reconnect, a history page, another
 * tab), so entries are merged by `seq` and by `clientMsgId`.
 */
export class Timeline {
  private readonly bySeq = new Map<number, Entry>();
  private readonly byId = new Map<string, Entry>();

  /** Adds a committed message; returns false when it was already there. */
  add(message: MessageFrame): boolean {
    if (this.bySeq.has(message.seq)) return false;
    const known = this.byId.get(message.clientMsgId);
    if (known && known.seq !== undefined) return false;
    const entry: Entry = {
      clientMsgId: message.clientMsgId,
      seq: message.seq,
      mine: message.author.kind === 'visitor',
      kind: message.kind === 'event' ? 'event' : 'text',
      body: message.body,
      authorName: message.author.name,
      meta: message.meta,
      createdAt: message.createdAt,
    };
    if (known) Object.assign(known, entry, { state: undefined });
    const merged = known ?? entry;
    this.byId.set(merged.clientMsgId, merged);
    this.bySeq.set(message.seq, merged);
    return true;
  }

  /** Adds a message the visitor just wrote, not yet acknowledged. */
  local(clientMsgId: string, body: string, createdAt = new Date().toISOString()): Entry {
    const existing = this.byId.get(clientMsgId);
    if (existing) return existing;
    const entry: Entry = { clientMsgId, mine: true, kind: 'text', body, createdAt, state: 'sending' };
    this.byId.set(clientMsgId, entry);
    return entry;
  }

  /** Marks our message committed; false when the id is not ours or was already committed. */
  ack(clientMsgId: string, seq: number, createdAt: string): boolean {
    const entry = this.byId.get(clientMsgId);
    if (!entry || entry.seq !== undefined || this.bySeq.has(seq)) return false;
    entry.seq = seq;
    entry.createdAt = createdAt;
    entry.state = undefined;
    this.bySeq.set(seq, entry);
    return true;
  }

  fail(clientMsgId: string): void {
    const entry = this.byId.get(clientMsgId);
    if (entry && entry.seq === undefined) entry.state = 'failed';
  }

  get(clientMsgId: string): Entry | undefined {
    return this.byId.get(clientMsgId);
  }

  /** Our messages that still await their `ack`, oldest first: what to (re)send. */
  unsent(): Entry[] {
    return this.entries().filter((e) => e.seq === undefined && e.state === 'sending');
  }

  /** The highest seq held: the `lastSeq` of a resume. */
  lastSeq(): number {
    let last = 0;
    for (const seq of this.bySeq.keys()) if (seq > last) last = seq;
    return last;
  }

  /** The lowest seq held, or undefined when none is. */
  firstSeq(): number | undefined {
    let first: number | undefined;
    for (const seq of this.bySeq.keys()) if (first === undefined || seq < first) first = seq;
    return first;
  }

  /** Committed messages in seq order, then the unacknowledged ones in the order written. */
  entries(): Entry[] {
    const committed = [...this.bySeq.values()].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const waiting = [...this.byId.values()].filter((e) => e.seq === undefined);
    return committed.concat(waiting);
  }

  /** Forgets the committed messages (a new conversation starts) but keeps what is still unsent. */
  reset(): void {
    this.bySeq.clear();
    for (const [id, entry] of this.byId) if (entry.seq !== undefined) this.byId.delete(id);
  }
}
