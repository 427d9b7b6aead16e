import { useEffect, useState } from 'preact/hooks';
import type { RestApi } from '../auth/api';
import { InvitationPage, invitationToken } from '../auth/InvitationPage';
import { LoginPage } from '../auth/LoginPage';
import { completeSignIn } from '../auth/oidc';
import type { Session } from '../auth/session';
import type { StoredSession } from '../auth/types';
import type { Connect } from '../rsocket/channel';
import { go, onRoute, parse, type Route } from './router';
import { Signed } from './Signed';

/** The console: an invitation to accept, the provider's callback, the sign-in page, or the signed-in workspace. */
export function App({ session, api, connect }: { session: Session; api: RestApi; connect: Connect }) {
  const [route, setRoute] = useState<Route>(parse(location.pathname));
  const [stored, setStored] = useState<StoredSession | null>(session.value);
  useEffect(() => onRoute(setRoute), []);
  useEffect(() => session.subscribe(setStored), [session]);
  const [invitation, setInvitation] = useState(invitationToken(location.hash));
  const [notice, setNotice] = useState<string | null>(null);

  if (invitation) {
    return <InvitationPage api={api} token={invitation} onDone={(message) => {
      // The used token leaves the address bar (and the history) so that nobody reuses or shares it.
      history.replaceState(null, '', location.pathname + location.search);
      setInvitation(null);
      setNotice(message);
    }} />;
  }
  if (route.page === 'callback') return <Callback session={session} api={api} />;
  if (!stored) return <LoginPage session={session} api={api} notice={notice} />;
  return <Signed key={stored.me.id} me={stored.me} session={session} api={api} connect={connect} route={route} />;
}

/** Where the OIDC provider sends the agent back with a code. */
function Callback({ session, api }: { session: Session; api: RestApi }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    completeSignIn(location.search, location.origin, sessionStorage, api)
      .then((signed) => {
        session.adopt(signed);
        go({ page: 'inbox', conversationId: null }, true);
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  return (
    <main class="login">
      <div class="login-card">
        {error ? <><p class="error" role="alert">{error}</p><a href="/console/">Back to sign-in</a></> : <p>Signing you in…</p>}
      </div>
    </main>
  );
}
