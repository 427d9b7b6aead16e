import type { Me, SignInConfig } from './types';

/** A refused REST call: the problem's `code`, or `network` when Parley was not reached. */
export class RestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'RestError';
  }
}

export type Fetch = typeof fetch;

/** The token response of sign-in and refresh. */
export interface TokenResponse {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  agent: Me;
}

/** Parley's REST API as the console uses it: same origin, bearer tokens, problem+json errors. */
export class RestApi {
  constructor(private readonly fetcher: Fetch = (input, init) => fetch(input, init)) {}

  config(): Promise<SignInConfig> {
    return this.call('/api/v1/auth/config', { method: 'GET' });
  }

  login(email: string, password: string): Promise<TokenResponse> {
    return this.call('/api/v1/auth/login', json({ email, password }));
  }

  refresh(refreshToken: string): Promise<TokenResponse> {
    return this.call('/api/v1/auth/refresh', json({ refreshToken }));
  }

  async logout(accessToken: string): Promise<void> {
    await this.call('/api/v1/auth/logout', { method: 'POST', headers: bearer(accessToken) });
  }

  me(accessToken: string): Promise<Me> {
    return this.call('/api/v1/me', { method: 'GET', headers: bearer(accessToken) });
  }

  /** A GET of an authenticated JSON resource, such as the admin API's. */
  get<T>(path: string, accessToken: string): Promise<T> {
    return this.call(path, { method: 'GET', headers: bearer(accessToken) });
  }

  private async call<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await this.fetcher(path, { ...init, credentials: 'omit', cache: 'no-store' });
    } catch {
      throw new RestError(0, 'network', 'Parley is not reachable');
    }
    if (response.status === 204) return undefined as T;
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      throw new RestError(response.status, typeof body.code === 'string' ? body.code : 'http_' + response.status,
        typeof body.detail === 'string' ? body.detail : response.statusText);
    }
    return body as T;
  }
}

function json(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

function bearer(token: string): Record<string, string> {
  return { Authorization: 'Bearer ' + token };
}
