import { describe, expect, it, vi } from 'vitest';
import { RestApi } from './api';
import { authorizationUrl, completeSignIn, endSessionUrl } from './oidc';
import { challengeOf } from './pkce';
import { SESSION_KEY, Session } from './session';
import type { StoredSession } from './types';

const me = { id: 'a1', accountId: 'acc', email: 'ann@example.test', displayName: 'Ann', role: 'AGENT' as const };

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function stored(changes: Partial<StoredSession> = {}): StoredSession {
  return { kind: 'password', accessToken: 'old', expiresAt: 1_000, refreshToken: 'r1', me, ...changes };
}

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

describe('the session', () => {
  it('refreshes an expiring token once and stores the rotated refresh token', async () => {
    localStorage.setItem(SESSION_KEY, JSON.stringify(stored()));
    const fetcher = vi.fn(async (_input: string, _init?: RequestInit) => json({ accessToken: 'new', expiresIn: 900, refreshToken: 'r2', agent: me }));
    const session = new Session({ api: new RestApi(fetcher as unknown as typeof fetch), storage: localStorage, now: () => 0 });
    expect(await session.refresh('old')).toEqual({ token: 'new', expiresAt: 900_000 });
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(fetcher.mock.calls[0]![1]!.body))).toEqual({ refreshToken: 'r1' });
    expect(JSON.parse(localStorage.getItem(SESSION_KEY)!).refreshToken).toBe('r2');
  });

  it("uses what another tab refreshed instead of presenting the used refresh token again", async () => {
    localStorage.setItem(SESSION_KEY, JSON.stringify(stored()));
    const fetcher = vi.fn(async () => json({}, 500));
    const session = new Session({ api: new RestApi(fetcher as unknown as typeof fetch), storage: localStorage, now: () => 0 });
    // The other tab stored its refreshed session while this one waited for the lock.
    localStorage.setItem(SESSION_KEY, JSON.stringify(stored({ accessToken: 'other-tab', expiresAt: 900_000, refreshToken: 'r2' })));
    expect(await session.refresh('old')).toEqual({ token: 'other-tab', expiresAt: 900_000 });
    expect(fetcher).not.toHaveBeenCalled();
  });

  it('ends the session in every tab when the server refuses the refresh, and keeps it when the server is unreachable', async () => {
    localStorage.setItem(SESSION_KEY, JSON.stringify(stored()));
    let answer: () => Promise<Response> = async () => { throw new TypeError('Failed to fetch'); };
    const session = new Session({ api: new RestApi((() => answer()) as unknown as typeof fetch), storage: localStorage, now: () => 0 });
    await expect(session.refresh('old')).rejects.toMatchObject({ code: 'network' });
    expect(session.value).not.toBeNull();
    answer = async () => json({ code: 'invalid_token' }, 401);
    const seen: Array<StoredSession | null> = [];
    session.subscribe((s) => seen.push(s));
    expect(await session.refresh('old')).toBeNull();
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    expect(seen).toEqual([null]);
  });

  it('refreshes under a Web Lock so tabs take turns', async () => {
    localStorage.setItem(SESSION_KEY, JSON.stringify(stored()));
    const names: string[] = [];
    const locks = { request: async (name: string, run: () => Promise<unknown>) => { names.push(name); return run(); } };
    const fetcher = async () => json({ accessToken: 'new', expiresIn: 900, refreshToken: 'r2', agent: me });
    const session = new Session({ api: new RestApi(fetcher as unknown as typeof fetch), storage: localStorage,
      locks: locks as unknown as LockManager, now: () => 0 });
    await session.refresh('old');
    expect(names).toEqual(['parley.console.refresh']);
  });

  it('signs out on the server and forgets the session', async () => {
    localStorage.setItem(SESSION_KEY, JSON.stringify(stored({ accessToken: 'live' })));
    const fetcher = vi.fn(async (_input: string, _init?: RequestInit) => new Response(null, { status: 204 }));
    const session = new Session({ api: new RestApi(fetcher as unknown as typeof fetch), storage: localStorage });
    await session.signOut();
    expect(fetcher.mock.calls[0]![0]).toBe('/api/v1/auth/logout');
    expect((fetcher.mock.calls[0]![1]!.headers as Record<string, string>).Authorization).toBe('Bearer live');
    expect(session.value).toBeNull();
  });
});

describe('sign-in through the OIDC provider', () => {
  const endpoints = { authorizationEndpoint: 'https://id.example/auth', tokenEndpoint: 'https://id.example/token',
    endSessionEndpoint: 'https://id.example/logout' };
  const config = { issuer: 'https://id.example', clientId: 'parley-console', scopes: 'openid email profile' };

  it('sends the agent to the provider with a PKCE challenge and a state, and exchanges the code with the verifier', async () => {
    sessionStorage.clear();
    const url = new URL(await authorizationUrl(config, endpoints, 'https://chat.example', sessionStorage));
    expect(url.origin + url.pathname).toBe('https://id.example/auth');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe('parley-console');
    expect(url.searchParams.get('redirect_uri')).toBe('https://chat.example/console/oidc/callback');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const pending = JSON.parse(sessionStorage.getItem('parley.console.oidc')!) as { verifier: string; state: string };
    expect(url.searchParams.get('code_challenge')).toBe(await challengeOf(pending.verifier));

    const calls: Array<{ url: string; body: string }> = [];
    const fetcher = (async (input: string, init?: RequestInit) => {
      calls.push({ url: input, body: String(init?.body ?? '') });
      return input.endsWith('/token') ? json({ access_token: 'at', expires_in: 300, refresh_token: 'rt', id_token: 'idt' })
        : json(me);
    }) as unknown as typeof fetch;
    const session = await completeSignIn('?code=abc&state=' + pending.state, 'https://chat.example', sessionStorage,
      new RestApi(fetcher), fetcher, 0);
    const form = new URLSearchParams(calls[0]!.body);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code_verifier')).toBe(pending.verifier);
    expect(session).toMatchObject({ kind: 'oidc', accessToken: 'at', expiresAt: 300_000, refreshToken: 'rt', me });
    expect(endSessionUrl(session, 'https://chat.example')).toContain('id_token_hint=idt');
  });

  it('refuses a callback whose state this tab did not start', async () => {
    sessionStorage.clear();
    await authorizationUrl(config, endpoints, 'https://chat.example', sessionStorage);
    await expect(completeSignIn('?code=abc&state=forged', 'https://chat.example', sessionStorage, new RestApi()))
      .rejects.toThrow(/not the one this tab started/);
  });
});
