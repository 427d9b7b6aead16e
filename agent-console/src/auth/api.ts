import type { Me, SignInConfig } from './types';

/**
 * A refused REST call: the problem's `code`, or `network` when Parley was not reached. `fields`
 * holds the message of every refused field of the request body, by field path
 * (`businessHours.weekly[0].to`), so that a form can show each one next to its field.
 */
export class RestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly fields: Readonly<Record<string, string>> = {}) {
    super(message);
    this.name = 'RestError';
  }
}

/** The field messages of a problem+json body: its `errors` list, or its single `field`. */
export function fieldErrors(body: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  if (Array.isArray(body.errors)) {
    for (const e of body.errors as unknown[]) {
      const { field, message } = (e ?? {}) as { field?: unknown; message?: unknown };
      if (typeof field === 'string' && typeof message === 'string' && !(field in fields)) fields[field] = message;
    }
  }
  if (typeof body.field === 'string' && !(body.field in fields)) {
    fields[body.field] = typeof body.detail === 'string' ? body.detail : 'This value is refused';
  }
  return fields;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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

  /** Sets an invited agent's password with the token of their invitation link (`204`; the link then stops working). */
  async acceptInvitation(token: string, password: string): Promise<void> {
    await this.call('/api/v1/auth/invitations/accept', json({ token, password }));
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

  /** Any authenticated JSON call, such as the admin API's; a body is sent as JSON. */
  send<T>(method: Method, path: string, accessToken: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = bearer(accessToken);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return this.call(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /**
   * An authenticated GET whose body the caller reads itself, as it streams (a bulk export, a
   * download). Resolves with the response once its headers are in; a refusal is a {@link RestError}
   * as for every call; aborting `signal` rejects with the `AbortError` and cancels the request.
   */
  async open(path: string, accessToken: string, signal?: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetcher(path, { method: 'GET', headers: bearer(accessToken), credentials: 'omit', cache: 'no-store', signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new RestError(0, 'network', 'Parley is not reachable');
    }
    if (!response.ok) throw await refusal(response);
    return response;
  }

  private async call<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await this.fetcher(path, { ...init, credentials: 'omit', cache: 'no-store' });
    } catch {
      throw new RestError(0, 'network', 'Parley is not reachable');
    }
    if (response.status === 204 || response.status === 202) return undefined as T;
    if (!response.ok) throw await refusal(response);
    return (await response.json().catch(() => ({}))) as T;
  }
}

/** The {@link RestError} of a refused response, from its problem+json body when it has one. */
async function refusal(response: Response): Promise<RestError> {
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return new RestError(response.status, typeof body.code === 'string' ? body.code : 'http_' + response.status,
    typeof body.detail === 'string' ? body.detail : response.statusText, fieldErrors(body));
}

function json(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

function bearer(token: string): Record<string, string> {
  return { Authorization: 'Bearer ' + token };
}
