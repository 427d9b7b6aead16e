import type { Api } from './api';
import type { Chat } from './chat';

/** The conversation's history over REST: the newest page, older pages on demand, and gaps the socket reported. */
export class History {
  /** Whether anything is older than the oldest message held; known after the first page. */
  hasEarlier = false;
  private loadingEarlier = false;

  constructor(private readonly chat: Chat, private readonly api: Api, private readonly token: () => string) {}

  /** The newest page; the socket then resumes after it. */
  async newest(): Promise<void> {
    await this.page(undefined);
  }

  /** The page before the oldest message held, when the visitor scrolls up to it. */
  async earlier(): Promise<void> {
    if (!this.hasEarlier || this.loadingEarlier) return;
    this.loadingEarlier = true;
    try {
      await this.page(this.chat.timeline.firstSeq());
    } finally {
      this.loadingEarlier = false;
    }
  }

  /** Pages the gap `afterSeq < seq < fromSeq` that a `truncated` frame announced. */
  async fill(afterSeq: number, fromSeq: number): Promise<void> {
    const id = this.chat.conversation?.id;
    let before = fromSeq;
    // Bounded: 100 pages of 100 reach 10,000 messages back, more than any chat a visitor scrolls.
    for (let page = 0; id && page < 100; page++) {
      const result = await this.api.history(id, this.token(), before, 100);
      if (this.chat.conversation?.id !== id) return;
      result.messages.forEach((m) => this.chat.merge(m, false));
      this.chat.onChange();
      const first = result.messages[0]?.seq;
      if (!result.hasMore || first === undefined || first <= afterSeq + 1) return;
      before = first;
    }
  }

  private async page(beforeSeq: number | undefined): Promise<void> {
    const chat = this.chat;
    const id = chat.conversation?.id;
    if (!id) return;
    const page = await this.api.history(id, this.token(), beforeSeq);
    if (chat.conversation?.id !== id) return;
    page.messages.forEach((m) => chat.merge(m, false));
    // Only a page reaching the oldest message held tells whether anything is older.
    if (beforeSeq !== undefined || chat.timeline.firstSeq() === page.messages[0]?.seq) this.hasEarlier = page.hasMore;
    chat.onChange();
  }
}
