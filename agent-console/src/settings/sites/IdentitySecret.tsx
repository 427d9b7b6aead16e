import { useState } from 'preact/hooks';
import { seg, type AdminClient } from '../admin/client';
import { NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';

/**
 * The site's identity-verification secret, for the site's own server to sign visitor identities
 * with: shown only on request (each view is audited), and rotated behind a confirmation because
 * hashes made with the old one stop being accepted at once.
 */
export function IdentitySecret({ admin, siteId }: { admin: AdminClient; siteId: string }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const path = '/api/v1/admin/sites/' + seg(siteId) + '/identity-secret';
  const run = async (call: () => Promise<{ identitySecret: string }>) => {
    try {
      setSecret((await call()).identitySecret);
      setProblem(NO_PROBLEM);
    } catch (e) {
      setProblem(problemOf(e));
    }
  };
  const rotate = () => confirm('Visitors verified with the current secret will be refused until your server uses the new one. Rotate?')
    && void run(() => admin.post(path + '/rotate'));

  return (
    <div class="identity-secret">
      {secret === null
        ? <button type="button" onClick={() => void run(() => admin.get(path))}>Show identity secret</button>
        : <input class="snippet" readOnly aria-label="Identity secret" value={secret} onFocus={(e) => e.currentTarget.select()} />}
      {' '}<button type="button" class="danger" onClick={rotate}>Rotate secret</button>
      <ProblemBanner problem={problem} />
    </div>
  );
}
