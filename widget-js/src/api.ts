import type { HistoryPage, Identity, SessionResponse } from './protocol';

/** A refused REST call, with the protocol's `code` when the server gave one. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string | undefined) {
    super(`Parley answered ${status}${code ? ` (${code})` : ''}`);
  }
}

export interface SessionRequest {
  siteKey: string;
  token?: string;
  pageUrl: string;
  referrer?: string;
  locale: string;
  /** The browser's IANA time zone, so agents see the visitor's local time. */
  timeZone?: string;
  identity?: Identity;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The visitor REST API under `<base>api/v1/widget/`. No cookies: the token travels as a bearer. */
export class Api {
  constructor(private readonly base: string, private readonly fetcher: Fetch = (i, init) => fetch(i, init)) {}

  session(request: SessionRequest): Promise<SessionResponse> {
    return this.call<SessionResponse>('sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  /** The page of messages just before `beforeSeq` (the newest page without it), oldest first. */
  history(conversationId: string, token: string, beforeSeq?: number, limit = 50): Promise<HistoryPage> {
    const query = `?limit=${limit}${beforeSeq === undefined ? '' : `&beforeSeq=${beforeSeq}`}`;
    return this.call<HistoryPage>(`conversations/${encodeURIComponent(conversationId)}/messages${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  }

  private async call<T>(path: string, init: RequestInit): Promise<T> {
    const response = await this.fetcher(`${this.base}api/v1/widget/${path}`, { ...init, credentials: 'omit' });
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as { code?: string };
      throw new ApiError(response.status, problem.code);
    }
    return (await response.json()) as T;
  }
}
