import { useState } from 'preact/hooks';
import { RestError, type RestApi } from './api';

/** The token of an invitation link (`/console/#invitation=<token>`), or null. */
export function invitationToken(hash: string): string | null {
  const match = /^#invitation=([A-Za-z0-9_-]+)$/.exec(hash);
  return match?.[1] ?? null;
}

/**
 * Where an invited agent arrives from the mailed link: they choose their password, which uses up
 * the invitation, and then sign in with it. The token leaves the address bar once used.
 */
export function InvitationPage({ api, token, onDone }: { api: RestApi; token: string; onDone: (message: string) => void }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (password !== again) {
      setError('The two passwords differ.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.acceptInvitation(token, password);
      onDone('Your password is set. Sign in with your email and it.');
    } catch (e) {
      setError(e instanceof RestError && e.code === 'invalid_invitation'
        ? 'This invitation link has been used or has expired. Ask an admin to send you a new one.'
        : e instanceof RestError && e.fields.password ? 'Choose a password of 10 to 1,024 characters.'
        : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="invitation-title">
        <h1 id="invitation-title">Welcome to Parley</h1>
        <p class="muted">Choose the password you will sign in with.</p>
        <label>
          Password
          <input type="password" name="new-password" autocomplete="new-password" required minLength={10} value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <label>
          The same again
          <input type="password" name="new-password-again" autocomplete="new-password" required value={again}
            onInput={(e) => setAgain(e.currentTarget.value)} />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>Set password</button>
      </form>
    </main>
  );
}
