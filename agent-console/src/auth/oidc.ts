import type { RestApi } from './api';
import { challengeOf, randomVerifier } from './pkce';
import type { OidcEndpoints, SignInConfig, StoredSession } from './types';

/** Where the provider sends the agent back; the server serves the console for every path under /console/. */
export const CALLBACK_PATH = '/console/oidc/callback';

/** The pending sign-in, kept in this tab only, between the redirect and the callback. */
const PENDING_KEY = 'parley.console.oidc';

interface Pending {
  state: string;
  verifier: string;
  clientId: string;
  endpoints: OidcEndpoints;
}

/** The provider's endpoints, from its OpenID Connect discovery document. */
export async function discover(issuer: string, fetcher: typeof fetch = fetch): Promise<OidcEndpoints> {
  const response = await fetcher(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration', { credentials: 'omit' });
  if (!response.ok) throw new Error('The sign-in provider did not answer (' + response.status + ')');
  const doc = (await response.json()) as Record<string, unknown>;
  if (typeof doc.authorization_endpoint !== 'string' || typeof doc.token_endpoint !== 'string') {
    throw new Error('The sign-in provider has no authorization or token endpoint');
  }
  return {
    authorizationEndpoint: doc.authorization_endpoint,
    tokenEndpoint: doc.token_endpoint,
    endSessionEndpoint: typeof doc.end_session_endpoint === 'string' ? doc.end_session_endpoint : undefined,
  };
}

/**
 * The URL that starts the authorization code flow with PKCE (S256); the verifier and state stay in
 * sessionStorage for {@link completeSignIn}.
 */
export async function authorizationUrl(config: NonNullable<SignInConfig['oidc']>, endpoints: OidcEndpoints, origin: string,
  storage: Storage): Promise<string> {
  const pending: Pending = { state: randomVerifier(16), verifier: randomVerifier(), clientId: config.clientId, endpoints };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(endpoints.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', origin + CALLBACK_PATH);
  url.searchParams.set('scope', config.scopes);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('code_challenge', await challengeOf(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/**
 * Finishes the flow on the callback page: checks the state, exchanges the code for tokens with the
 * verifier, and asks Parley who the token stands for. Rejects when anything does not match.
 */
export async function completeSignIn(search: string, origin: string, storage: Storage, api: RestApi,
  fetcher: typeof fetch = fetch, now: number = Date.now()): Promise<StoredSession> {
  const params = new URLSearchParams(search);
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error') ?? 'Sign-in was refused');
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) {
    throw new Error('This sign-in link is not the one this tab started; please sign in again');
  }
  const tokens = await tokenRequest(pending.endpoints.tokenEndpoint, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: origin + CALLBACK_PATH,
    client_id: pending.clientId,
    code_verifier: pending.verifier,
  }, fetcher);
  const me = await api.me(tokens.access_token);
  return {
    kind: 'oidc',
    accessToken: tokens.access_token,
    expiresAt: now + (tokens.expires_in ?? 300) * 1000,
    refreshToken: tokens.refresh_token,
    me,
    oidc: { clientId: pending.clientId, endpoints: pending.endpoints, idToken: tokens.id_token },
  };
}

/** A refresh-token grant at the provider; null when it refuses (the agent signs in again). */
export async function refreshWithProvider(session: StoredSession, fetcher: typeof fetch, now: number): Promise<StoredSession | null> {
  if (!session.oidc || !session.refreshToken) return null;
  try {
    const tokens = await tokenRequest(session.oidc.endpoints.tokenEndpoint, {
      grant_type: 'refresh_token',
      refresh_token: session.refreshToken,
      client_id: session.oidc.clientId,
    }, fetcher);
    return {
      ...session,
      accessToken: tokens.access_token,
      expiresAt: now + (tokens.expires_in ?? 300) * 1000,
      refreshToken: tokens.refresh_token ?? session.refreshToken,
      oidc: { ...session.oidc, idToken: tokens.id_token ?? session.oidc.idToken },
    };
  } catch (error) {
    if (error instanceof ProviderRefused) return null;
    throw error;
  }
}

/** The provider's sign-out page, when it has one, so the agent is signed out there too. */
export function endSessionUrl(session: StoredSession, origin: string): string | null {
  const endpoint = session.oidc?.endpoints.endSessionEndpoint;
  if (!endpoint) return null;
  const url = new URL(endpoint);
  if (session.oidc?.idToken) url.searchParams.set('id_token_hint', session.oidc.idToken);
  url.searchParams.set('client_id', session.oidc!.clientId);
  url.searchParams.set('post_logout_redirect_uri', origin + '/console/');
  return url.toString();
}

class ProviderRefused extends Error {}

interface ProviderTokens {
  access_token: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
}

async function tokenRequest(endpoint: string, form: Record<string, string>, fetcher: typeof fetch): Promise<ProviderTokens> {
  const response = await fetcher(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    credentials: 'omit',
  });
  if (response.status === 400 || response.status === 401) throw new ProviderRefused('The sign-in provider refused');
  if (!response.ok) throw new Error('The sign-in provider answered ' + response.status);
  const tokens = (await response.json()) as ProviderTokens;
  if (typeof tokens.access_token !== 'string') throw new ProviderRefused('The sign-in provider gave no access token');
  return tokens;
}
