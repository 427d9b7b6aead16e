/** Typing signals go out at most this often while the agent types; the server drops floods anyway. */
export const TYPING_SIGNAL_MS = 3_000;

/** Silence after which the agent counts as no longer typing. */
export const TYPING_IDLE_MS = 5_000;

export type TypingSignal = (conversationId: string, active: boolean, internal: boolean) => void;

/**
 * The composer's unsent text per conversation and mode, kept while the agent switches between chats,
 * and the typing signals it gives colleagues and the visitor: one when typing starts, again every
 * few seconds while it goes on, and a stop after a pause, on send, or when the text is cleared.
 */
export class Drafts {
  private readonly texts = new Map<string, string>();
  private readonly lastSignal = new Map<string, number>();
  private readonly idle = new Map<string, unknown>();

  constructor(
    private readonly signal: TypingSignal,
    private readonly now: () => number = () => Date.now(),
    private readonly timers: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void } = {
      set: (fn, ms) => setTimeout(fn, ms),
      clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
  ) {}

  text(conversationId: string, note: boolean): string {
    return this.texts.get(key(conversationId, note)) ?? '';
  }

  /** The agent changed the text. */
  edit(conversationId: string, note: boolean, text: string): void {
    const k = key(conversationId, note);
    if (text) this.texts.set(k, text);
    else this.texts.delete(k);
    const pending = this.idle.get(k);
    if (pending !== undefined) this.timers.clear(pending);
    this.idle.delete(k);
    if (!text.trim()) {
      this.stop(conversationId, note);
      return;
    }
    const last = this.lastSignal.get(k);
    if (last === undefined || this.now() - last >= TYPING_SIGNAL_MS) {
      this.lastSignal.set(k, this.now());
      this.signal(conversationId, true, note);
    }
    this.idle.set(k, this.timers.set(() => this.stop(conversationId, note), TYPING_IDLE_MS));
  }

  /** The text was sent: it goes, and so does the typing indicator. */
  sent(conversationId: string, note: boolean): void {
    this.texts.delete(key(conversationId, note));
    const pending = this.idle.get(key(conversationId, note));
    if (pending !== undefined) this.timers.clear(pending);
    this.stop(conversationId, note);
  }

  private stop(conversationId: string, note: boolean): void {
    const k = key(conversationId, note);
    this.idle.delete(k);
    if (this.lastSignal.delete(k)) this.signal(conversationId, false, note);
  }
}

function key(conversationId: string, note: boolean): string {
  return (note ? 'note:' : 'reply:') + conversationId;
}
