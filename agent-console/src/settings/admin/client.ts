import { RestError, type Method, type RestApi } from '../../auth/api';
import { REFRESH_MARGIN_MS } from '../../auth/session';
import type { TokenSource } from '../../rsocket/types';

/** One page of an admin list; `next` is absent on the last page. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/**
 * The admin REST API (docs/admin-api.md) as the settings pages call it: every call with an access
 * token that is refreshed first when it is about to expire, every refusal a {@link RestError}
 * carrying the problem's `code` and its field messages.
 */
export class AdminClient {
  constructor(private readonly api: RestApi, private readonly tokens: TokenSource, private readonly now: () => number = Date.now) {}

  get<T>(path: string): Promise<T> {
    return this.send('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send('POST', path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.send('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send('PATCH', path, body);
  }

  delete<T = void>(path: string): Promise<T> {
    return this.send('DELETE', path);
  }

  /** A download read as it streams (see {@link RestApi.open}); aborting `signal` cancels it. */
  async open(path: string, signal?: AbortSignal): Promise<Response> {
    return this.api.open(path, (await this.token()).token, signal);
  }

  /** Every item of a paginated list, page after page: for the short lists pickers need (sites, agents). */
  async all<T>(path: string, limit = 200): Promise<T[]> {
    const items: T[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await this.get<Page<T>>(path + (path.includes('?') ? '&' : '?') + 'limit=' + limit
        + (after ? '&after=' + encodeURIComponent(after) : ''));
      items.push(...page.items);
      if (!page.next) break;
      after = page.next;
    }
    return items;
  }

  private async send<T>(method: Method, path: string, body?: unknown): Promise<T> {
    return this.api.send<T>(method, path, (await this.token()).token, body);
  }

  private async token(): Promise<{ token: string }> {
    const held = this.tokens.current();
    const token = held && held.expiresAt - this.now() > REFRESH_MARGIN_MS ? held : await this.tokens.refresh(held?.token);
    if (!token) throw new RestError(401, 'unauthenticated', 'Your session has ended: sign in again.');
    return token;
  }
}

/** A path segment from an id, escaped. */
export const seg = (id: string): string => encodeURIComponent(id);
