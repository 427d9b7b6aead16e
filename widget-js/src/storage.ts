/** A message written but not yet acknowledged, kept so a reload still sends it. */
export interface Unsent {
  clientMsgId: string;
  body: string;
  createdAt: string;
}

/** What survives a reload, per site: the visitor's credential, their conversation, unsent messages. */
export interface Saved {
  token?: string;
  conversationId?: string;
  unsent: Unsent[];
}

/**
 * The widget's slice of `localStorage`, one key per site so two Parley sites on one origin never
 * mix. Every change re-reads the key first: other tabs of the site write it too. Storage may be
 * unavailable (privacy modes, sandboxed frames); the widget then simply forgets on reload.
 */
export class Store {
  private readonly key: string;

  constructor(siteKey: string, private readonly storage: Storage | null = safeLocalStorage()) {
    this.key = `parley:${siteKey}`;
  }

  read(): Saved {
    try {
      const raw = this.storage?.getItem(this.key);
      const parsed = raw ? (JSON.parse(raw) as Partial<Saved>) : {};
      return { ...parsed, unsent: Array.isArray(parsed.unsent) ? parsed.unsent : [] };
    } catch {
      return { unsent: [] };
    }
  }

  update(change: (saved: Saved) => void): void {
    const saved = this.read();
    change(saved);
    try {
      this.storage?.setItem(this.key, JSON.stringify(saved));
    } catch {
      // Quota or privacy mode: the widget still works, it just forgets on reload.
    }
  }

  addUnsent(message: Unsent): void {
    this.update((s) => {
      if (!s.unsent.some((u) => u.clientMsgId === message.clientMsgId)) s.unsent.push(message);
    });
  }

  removeUnsent(clientMsgId: string): void {
    if (!this.read().unsent.some((u) => u.clientMsgId === clientMsgId)) return;
    this.update((s) => {
      s.unsent = s.unsent.filter((u) => u.clientMsgId !== clientMsgId);
    });
  }

  clear(): void {
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Nothing to forget when storage is unavailable.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
