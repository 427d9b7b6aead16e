import type { Chat } from './chat';
import { newClientMsgId } from './ids';
import type { ClientFrame, Identity } from './protocol';
import type { Entry } from './timeline';

/** Where frames to the server go: the socket in the leading tab, the leader in the others. */
export interface Link {
  /** False when nothing could be sent now; the frame is then kept for the next connect. */
  send(frame: ClientFrame): boolean;
}

/** Minimum gap between two `typing` frames: the server drops signals beyond five a second. */
export const TYPING_GAP_MS = 400;
/** Wait before sending again a message the server asked us to retry. */
export const RETRY_MS = 2000;

/**
 * Everything the visitor sends. Unacknowledged messages are (re)sent with their original
 * `clientMsgId` once per connection, so a reconnect, a reload or a second tab never loses or
 * doubles one: the server stores a `clientMsgId` once.
 */
export class Outbox {
  private epoch = 0;
  private readonly sentIn = new Map<string, number>();
  private typingAt = 0;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private typingActive = false;
  private later: ClientFrame[] = [];
  /** Messages that must go with `start` even into an open conversation: its pre-chat answers come along. */
  private readonly viaStart = new Set<string>();

  constructor(private readonly link: Link, private readonly chat: Chat) {}

  /** A new connection is ready: what waited goes out, and every unacknowledged message again. */
  connected(): void {
    this.epoch++;
    const waiting = this.later;
    this.later = [];
    waiting.forEach((frame) => this.sendOrKeep(frame));
    this.flush();
  }

  /**
   * Writes a message: shown at once as sending, sent now or on the next connect. With `start` it
   * goes as a `start` frame carrying the chat's pre-chat answers, as the offline form needs.
   */
  write(body: string, start = false): Entry {
    const clientMsgId = newClientMsgId();
    if (start) this.viaStart.add(clientMsgId);
    const entry = this.chat.timeline.local(clientMsgId, body);
    this.chat.store.addUnsent({ clientMsgId, body, createdAt: entry.createdAt });
    this.typing('');
    this.flush();
    this.chat.onChange();
    return entry;
  }

  /** Sends the visitor's draft for the agent's live preview, at most one frame per {@link TYPING_GAP_MS}. */
  typing(draft: string): void {
    clearTimeout(this.typingTimer);
    if (!this.chat.isOpen() || !this.chat.online) return;
    if (!draft.trim()) {
      if (this.typingActive) this.link.send({ type: 'typing', active: false });
      this.typingActive = false;
      return;
    }
    const wait = this.typingAt + TYPING_GAP_MS - Date.now();
    if (wait > 0) {
      this.typingTimer = setTimeout(() => this.typing(draft), wait);
      return;
    }
    this.typingAt = Date.now();
    this.typingActive = this.link.send({ type: 'typing', active: true, draft });
  }

  /** Tells the server the visitor has seen everything shown; a no-op when nothing is new. */
  markRead(): void {
    const conversation = this.chat.conversation;
    const last = this.chat.timeline.lastSeq();
    if (!conversation || last <= conversation.visitorReadSeq || !this.chat.online) return;
    if (this.link.send({ type: 'read', upToSeq: last })) conversation.visitorReadSeq = last;
  }

  rate(rating: number, comment: string): void {
    this.sendOrKeep({ type: 'rate', rating, ...(comment ? { comment } : {}) });
  }

  /** Asks the server to mail the followed conversation's transcript to `email`. */
  transcript(email: string): void {
    this.sendOrKeep({ type: 'transcript', email });
  }

  identify(identity: Identity): void {
    this.sendOrKeep({ type: 'identify', ...identity });
  }

  /** Only the newest page view matters, so an older one still waiting is dropped. */
  pageView(url: string, title: string, referrer?: string): void {
    this.later = this.later.filter((f) => f.type !== 'pageView');
    this.sendOrKeep({ type: 'pageView', url, title, ...(referrer ? { referrer } : {}) });
  }

  /** The server asked for `clientMsgId` again later (rate limit, overload): resend it after a pause. */
  retry(clientMsgId: string, delay = RETRY_MS): void {
    this.sentIn.delete(clientMsgId);
    setTimeout(() => this.flush(), delay);
  }

  /** Sends every unacknowledged message not yet sent on this connection; the first opens the conversation if needed. */
  flush(): void {
    if (!this.chat.online) return;
    let open = this.chat.isOpen();
    for (const { clientMsgId, body } of this.chat.timeline.unsent()) {
      if (this.sentIn.get(clientMsgId) !== this.epoch) {
        const frame: ClientFrame = open && !this.viaStart.has(clientMsgId)
          ? { type: 'send', clientMsgId, body }
          : { type: 'start', prechat: this.chat.prechat, clientMsgId, body };
        if (!this.link.send(frame)) return;
        this.sentIn.set(clientMsgId, this.epoch);
      }
      // Frames on one socket are handled in order, so `start` has opened it for the sends after it.
      open = true;
    }
  }

  private sendOrKeep(frame: ClientFrame): void {
    if (!this.chat.online || !this.link.send(frame)) this.later.push(frame);
  }
}
