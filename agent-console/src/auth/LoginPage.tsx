import { useEffect, useState } from 'preact/hooks';
import { RestError, type RestApi } from './api';
import { authorizationUrl, discover } from './oidc';
import type { Session } from './session';
import type { SignInConfig } from './types';

/** Email and password, and the organisation's OIDC provider when the server names one. */
export function LoginPage({ session, api, notice }: { session: Session; api: RestApi; notice?: string | null }) {
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.config().then(setConfig).catch(() => setConfig({ password: true }));
  }, [api]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(email, password);
    } catch (e) {
      setError(e instanceof RestError && e.status === 401 ? 'The email or password is wrong.'
        : e instanceof RestError && e.status === 429 ? 'Too many attempts. Wait a few minutes and try again.'
        : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const provider = async () => {
    if (!config?.oidc) return;
    setBusy(true);
    try {
      const endpoints = await discover(config.oidc.issuer);
      location.assign(await authorizationUrl(config.oidc, endpoints, location.origin, sessionStorage));
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Parley</h1>
        <p class="muted">Sign in to answer your visitors.</p>
        {notice && <p class="notice" role="status">{notice}</p>}
        <label>
          Email
          <input type="email" name="email" autocomplete="username" required value={email}
            onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input type="password" name="password" autocomplete="current-password" required value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>Sign in</button>
        {config?.oidc && (
          <button type="button" class="secondary" disabled={busy} onClick={provider}>Sign in with your organisation</button>
        )}
      </form>
    </main>
  );
}
