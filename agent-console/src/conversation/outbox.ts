import { base64Url } from '../auth/pkce';
import type { ConsoleError } from '../rsocket/errors';

/** A message the agent sent that Parley has not acknowledged yet. */
export interface Pending {
  conversationId: string;
  clientMsgId: string;
  body: string;
  note: boolean;
  failed?: string;
  /** Tries the server answered "not now" in a row, for the next delay. */
  refusals?: number;
}

export interface Ack {
  conversationId: string;
  clientMsgId: string;
  seq: number;
  duplicate: boolean;
}

/** Sends one message; rejects with a ConsoleError. */
export type Sender = (pending: Pending) => Promise<Ack>;

/** Runs `task` after `ms` milliseconds. */
export type Later = (task: () => void, ms: number) => void;

/**
 * After the server said "not now" (`retry_later`, `internal_error`) the connection is up, so no
 * reconnection will send the message again: it goes again after a second, doubling up to half a
 * minute, as long as the server keeps answering so.
 */
export const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 30_000;

/**
 * The agent's unacknowledged messages. Each keeps the clientMsgId it was first sent with and is
 * sent again with it after a lost connection, so the server stores it once whatever happened to the
 * first try; it leaves the outbox on its acknowledgement or when its message arrives in the inbox.
 */
export class Outbox {
  private readonly items = new Map<string, Pending>();
  private readonly inFlight = new Set<string>();

  constructor(private readonly sender: Sender, private readonly changed: () => void, private readonly newId: () => string = id,
    private readonly later: Later = (task, ms) => { setTimeout(task, ms); }) {}

  pendingIn(conversationId: string): Pending[] {
    return [...this.items.values()].filter((p) => p.conversationId === conversationId);
  }

  send(conversationId: string, body: string, note: boolean): Pending {
    const pending: Pending = { conversationId, clientMsgId: this.newId(), body, note };
    this.items.set(pending.clientMsgId, pending);
    this.changed();
    void this.attempt(pending);
    return pending;
  }

  /** The message is in the transcript (an echo, or a replay after reconnecting): no longer pending. */
  delivered(clientMsgId: string): void {
    if (this.items.delete(clientMsgId)) this.changed();
  }

  /** The connection is back: everything not acknowledged goes again, with the same ids. */
  resend(): void {
    for (const pending of this.items.values()) {
      if (!pending.failed) void this.attempt(pending);
    }
  }

  /** The agent asks to try a message that failed for good (for example, the chat was closed) once more. */
  retry(clientMsgId: string): void {
    const pending = this.items.get(clientMsgId);
    if (!pending) return;
    pending.failed = undefined;
    this.changed();
    void this.attempt(pending);
  }

  discard(clientMsgId: string): void {
    if (this.items.delete(clientMsgId)) this.changed();
  }

  private async attempt(pending: Pending): Promise<void> {
    if (this.inFlight.has(pending.clientMsgId)) return;
    this.inFlight.add(pending.clientMsgId);
    try {
      await this.sender(pending);
      this.delivered(pending.clientMsgId);
    } catch (error) {
      const e = error as ConsoleError;
      if (!e.retryable && this.items.has(pending.clientMsgId)) {
        pending.failed = e.message || e.code;
        this.changed();
      } else if (e.code === 'retry_later' || e.code === 'internal_error') {
        const refusals = (pending.refusals ?? 0) + 1;
        pending.refusals = refusals;
        this.later(() => {
          if (this.items.get(pending.clientMsgId) === pending && !pending.failed) void this.attempt(pending);
        }, Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (refusals - 1)));
      }
      // A lost connection: it stays pending and goes again on the next one (resend).
    } finally {
      this.inFlight.delete(pending.clientMsgId);
    }
  }
}

/**
 * A clientMsgId: the protocol allows [A-Za-z0-9_.:-], 1 to 64 characters. 128 random bits, from
 * getRandomValues, which (unlike randomUUID) plain-http consoles have too.
 */
function id(): string {
  return 'c-' + base64Url(crypto.getRandomValues(new Uint8Array(16)));
}
