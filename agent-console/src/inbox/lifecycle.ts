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

/** What the console applied of one conversation's lifecycle, as instant keys. */
interface State {
  /** The newest change applied: queued, assigned, requeued or closed. */
  latest: string;
  /** When it was last queued by an opening or a reopening. */
  queued: string;
}

/**
 * The newest queue, routing or closing change the console applied, per conversation. The server
 * publishes these from different places (the request that reopened a chat, the routing pass
 * that assigned it, on several nodes), so they can arrive out of order; without this a late
 * "reopened" or "requeued" would show an assigned chat as waiting until the next reload.
 *
 * Openings, assignments and requeues are applied when not older than anything applied: the
 * server never dates one before what it follows. A close is dated by the request that made it,
 * and routing may requeue the chat between that request's clock reading and its write; so a close
 * is applied unless an opening or reopening newer than it was.
 */
export class Lifecycle {
  private readonly states = new Map<string, State>();

  /** An opening or reopening queued at {@code queuedAt}: whether it is to be applied. */
  queued(id: string, queuedAt: unknown): boolean {
    if (typeof queuedAt !== 'string') return true;
    const key = instantKey(queuedAt);
    const state = this.states.get(id);
    if (state && key < state.latest) return false;
    this.states.set(id, { latest: key, queued: key });
    return true;
  }

  /** An assignment or requeue at {@code at}: whether it is to be applied. */
  routed(id: string, at: unknown): boolean {
    if (typeof at !== 'string') return true;
    const key = instantKey(at);
    const state = this.states.get(id);
    if (state && key < state.latest) return false;
    this.states.set(id, { latest: key, queued: state?.queued ?? '' });
    return true;
  }

  /** A close at {@code closedAt}: whether it is to be applied. */
  closed(id: string, closedAt: unknown): boolean {
    if (typeof closedAt !== 'string') return true;
    const key = instantKey(closedAt);
    const state = this.states.get(id) ?? { latest: '', queued: '' };
    if (key < state.queued) return false;
    this.states.set(id, { latest: key > state.latest ? key : state.latest, queued: state.queued });
    return true;
  }

  /**
   * A conversation read from the server (a list, a route's answer). It is applied as read
   * whatever is held (a reload after an outage must recover), and only makes the held times newer.
   */
  seen(c: Conversation): void {
    const state = this.states.get(c.id) ?? { latest: '', queued: '' };
    const queued = c.queuedAt ? instantKey(c.queuedAt) : '';
    const changed = changedAt(c);
    this.states.set(c.id, { latest: changed > state.latest ? changed : state.latest, queued: queued > state.queued ? queued : state.queued });
  }
}
