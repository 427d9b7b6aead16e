export type Role = 'AGENT' | 'SUPERVISOR' | 'ADMIN';

/** The signed-in agent, as `/api/v1/me` and the sign-in response describe them. */
export interface Me {
  id: string;
  accountId: string;
  email: string;
  displayName: string;
  role: Role;
}

/** Where the provider's endpoints are, from its discovery document. */
export interface OidcEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  endSessionEndpoint?: string;
}

/** What is kept in localStorage for every tab of the console: the session's tokens and who it is. */
export interface StoredSession {
  kind: 'password' | 'oidc';
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  refreshToken?: string;
  me: Me;
  oidc?: { clientId: string; endpoints: OidcEndpoints; idToken?: string };
}

/** The server's answer to `GET /api/v1/auth/config`. */
export interface SignInConfig {
  password: boolean;
  oidc?: { issuer: string; clientId: string; scopes: string };
}

export const isSupervisor = (me: Me): boolean => me.role === 'SUPERVISOR' || me.role === 'ADMIN';
