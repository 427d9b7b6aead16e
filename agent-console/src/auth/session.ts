import type { AccessToken, TokenSource } from '../rsocket/types';
import { RestError, type RestApi, type TokenResponse } from './api';
import { refreshWithProvider } from './oidc';
import type { StoredSession } from './types';

/** Every tab of the console shares one session, under this localStorage key. */
export const SESSION_KEY = 'parley.console.session';

/** Refresh this long before expiry, so no request ever carries an expired token. */
export const REFRESH_MARGIN_MS = 60_000;

/** The lock that makes one tab at a time refresh: a rotated refresh token presented twice ends the session. */
const REFRESH_LOCK = 'parley.console.refresh';

type Listener = (session: StoredSession | null) => void;

export interface SessionDeps {
  api: RestApi;
  storage: Storage;
  /** navigator.locks where the browser has it (secure contexts); without it each tab refreshes alone. */
  locks?: LockManager | null;
  now?: () => number;
  fetcher?: typeof fetch;
}

/**
 * The signed-in session, shared by every tab through localStorage. Tokens are refreshed silently
 * before they expire, by one tab at a time under a Web Lock: the others read what it stored. A
 * refresh that the server refuses ends the session in every tab.
 */
export class Session implements TokenSource {
  private readonly listeners = new Set<Listener>();
  private readonly now: () => number;
  private cached: StoredSession | null;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.cached = this.read();
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (event) => {
        if (event.key !== SESSION_KEY) return;
        this.cached = this.read();
        this.emit();
      });
    }
  }

  get value(): StoredSession | null {
    return this.cached;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  current(): AccessToken | null {
    const s = this.cached;
    return s ? { token: s.accessToken, expiresAt: s.expiresAt } : null;
  }

  /** Signs in with email and password; rejects with a RestError (`invalid_credentials`, `too_many_attempts`, …). */
  async signIn(email: string, password: string): Promise<StoredSession> {
    const tokens = await this.deps.api.login(email, password);
    return this.save(fromTokens(tokens, this.now()));
  }

  /** Stores a session obtained elsewhere (the provider's callback). */
  adopt(session: StoredSession): StoredSession {
    return this.save(session);
  }

  async refresh(stale: string | undefined): Promise<AccessToken | null> {
    const run = () => this.refreshNow(stale);
    const session = this.deps.locks ? await this.deps.locks.request(REFRESH_LOCK, run) : await run();
    return session ? { token: session.accessToken, expiresAt: session.expiresAt } : null;
  }

  /** Ends the session on the server (best effort: the token may already be dead) and in every tab. */
  async signOut(): Promise<StoredSession | null> {
    const ended = this.cached;
    this.clear();
    if (ended) await this.deps.api.logout(ended.accessToken).catch(() => undefined);
    return ended;
  }

  private async refreshNow(stale: string | undefined): Promise<StoredSession | null> {
    const stored = this.read();
    this.cached = stored;
    if (!stored) return null;
    // Another tab may have refreshed while this one waited for the lock.
    if (stored.accessToken !== stale && stored.expiresAt - this.now() > REFRESH_MARGIN_MS) return stored;
    try {
      if (stored.kind === 'oidc') {
        const renewed = stored.refreshToken && stored.oidc
          ? await refreshWithProvider(stored, this.deps.fetcher ?? fetch, this.now())
          : null;
        if (!renewed) {
          this.clear();
          return null;
        }
        return this.save(renewed);
      }
      if (!stored.refreshToken) {
        this.clear();
        return null;
      }
      return this.save(fromTokens(await this.deps.api.refresh(stored.refreshToken), this.now()));
    } catch (error) {
      if (error instanceof RestError && (error.status === 401 || error.status === 400)) {
        this.clear();
        return null;
      }
      // Parley or the provider unreachable: keep the session and let the caller try again later.
      throw error;
    }
  }

  private save(session: StoredSession): StoredSession {
    this.deps.storage.setItem(SESSION_KEY, JSON.stringify(session));
    this.cached = session;
    this.emit();
    return session;
  }

  private clear(): void {
    this.deps.storage.removeItem(SESSION_KEY);
    this.cached = null;
    this.emit();
  }

  private read(): StoredSession | null {
    try {
      const raw = this.deps.storage.getItem(SESSION_KEY);
      return raw ? (JSON.parse(raw) as StoredSession) : null;
    } catch {
      return null;
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.cached);
  }
}

export function fromTokens(tokens: TokenResponse, now: number): StoredSession {
  return {
    kind: 'password',
    accessToken: tokens.accessToken,
    expiresAt: now + tokens.expiresIn * 1000,
    refreshToken: tokens.refreshToken,
    me: tokens.agent,
  };
}
