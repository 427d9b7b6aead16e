import type { Conversation } from './types';

/**
 * An instant as the server writes it ("2026-11-23T06:13:31.123456Z", with a fraction of 0 to 9
 * digits or none) as a string that sorts in time order to the nanosecond. Date.parse would keep
 * only milliseconds, and an assignment can follow the reopening it answers within one.
 */
export function instantKey(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(iso);
  return m ? m[1] + '.' + (m[2] ?? '').padEnd(9, '0') : iso;
}

/** The time of a conversation's latest queue or routing change that the object itself shows. */
function changedAt(c: Conversation): string {
  return [c.queuedAt, c.assignedAt, c.closedAt, c.createdAt]
    .filter((t): t is string => typeof t === 'string')
    .map(instantKey)
    .reduce((a, b) => (b > a ? b : a), '');
}

/**
 * The newest queue, routing or closing change the console applied, per conversation. The server
 * publishes these from different places (the request that reopened a chat, the routing pass
 * that assigned it, on several nodes), so they can arrive out of order; without this a late
 * "reopened" or "requeued" would show an assigned chat as waiting until the next reload.
 */
export class Lifecycle {
  private readonly latest = new Map<string, string>();

  /**
   * Whether an event of {@code conversationId} stamped {@code at} is not older than what was
   * applied; if so it becomes the newest. An event without a time is always applied.
   */
  accept(conversationId: string, at: unknown): boolean {
    if (typeof at !== 'string') return true;
    const key = instantKey(at);
    const held = this.latest.get(conversationId);
    if (held !== undefined && key < held) return false;
    this.latest.set(conversationId, key);
    return true;
  }

  /** A conversation read from the server (a list, a route's answer): what it shows has happened. */
  seen(c: Conversation): void {
    const key = changedAt(c);
    const held = this.latest.get(c.id);
    if (held === undefined || key > held) this.latest.set(c.id, key);
  }
}
