import { useEffect, useState } from 'preact/hooks';
import { clock } from '../../ui/format';
import type { AdminClient } from '../admin/client';
import { NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { listAgents } from '../agents/api';
import { liftBan, listBans, type AdminBan } from './api';

/** Visitor bans, newest first: the ones in force, or every one ever made; a ban in force can be lifted. */
export function BansPage({ admin }: { admin: AdminClient }) {
  const [all, setAll] = useState(false);
  const [bans, setBans] = useState<AdminBan[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => void listAgents(admin).then((all) => setNames(new Map(all.map((a) => [a.id, a.displayName]))), () => undefined), [admin]);

  const load = (after?: string) => listBans(admin, all, after).then((page) => {
    setBans((held) => (after ? [...held, ...page.items] : page.items));
    setNext(page.next ?? null);
  }, (e) => setProblem(problemOf(e)));
  useEffect(() => {
    setNext(undefined);
    void load();
  }, [admin, all]);

  const lift = async (ban: AdminBan) => {
    try {
      await liftBan(admin, ban.id);
      setProblem(NO_PROBLEM);
      void load();
    } catch (e) {
      setProblem(problemOf(e));
    }
  };
  const inForce = (b: AdminBan) => !b.expiresAt || Date.parse(b.expiresAt) > Date.now();
  const who = (id?: string | null) => (id ? names.get(id) ?? id : '');

  return (
    <section class="admin-page bans">
      <h1>Visitor bans</h1>
      <label class="check"><input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} /> Include expired and lifted bans</label>
      <ProblemBanner problem={problem} />
      <table class="admin-table ban-table">
        <thead><tr><th>Since</th><th>Visitor</th><th>Address</th><th>Reason</th><th>By</th><th>Until</th><th /></tr></thead>
        <tbody>
          {bans.map((b) => (
            <tr data-ban-id={b.id}>
              <td>{clock(b.createdAt)}</td>
              <td>{b.visitorId ?? ''}</td>
              <td>{b.ipAddress ?? ''}</td>
              <td>{b.reason ?? ''}</td>
              <td>{who(b.createdBy)}</td>
              <td>{b.expiresAt ? clock(b.expiresAt) : 'Permanent'}</td>
              <td>{!all || inForce(b) ? <button type="button" onClick={() => void lift(b)}>Lift</button> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next === undefined && <p class="muted">Loading…</p>}
      {bans.length === 0 && next === null && <p class="muted">No bans.</p>}
      {next && <button type="button" onClick={() => void load(next)}>More</button>}
    </section>
  );
}
