import { useEffect, useState } from 'preact/hooks';
import type { Workspace } from '../app/workspace';
import { clock } from '../ui/format';
import type { AdminClient } from './admin/client';

interface Entry {
  id: string;
  actorId?: string;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, string>;
  createdAt: string;
}

/** The account's audit log, newest first, read-only, a page at a time from the admin REST API. */
export function AuditLogPage({ workspace, admin }: { workspace: Workspace; admin: AdminClient }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  const load = async (before?: string) => {
    try {
      const page = await admin.get<{ entries: Entry[]; next?: string }>(
        '/api/v1/admin/audit-log?limit=50' + (before ? '&before=' + encodeURIComponent(before) : ''));
      setEntries((held) => (before ? [...held, ...page.entries] : page.entries));
      setNext(page.next ?? null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => void load(), []);

  const who = (id?: string) => (id ? workspace.model.roster.get(id)?.displayName ?? id : 'System');
  return (
    <section>
      <h1>Audit log</h1>
      {error && <p class="error" role="alert">{error}</p>}
      <table class="audit-log">
        <thead><tr><th>When</th><th>Who</th><th>What</th><th>On</th><th>Details</th></tr></thead>
        <tbody>
          {entries.map((e) => (
            <tr data-entry-id={e.id}>
              <td>{clock(e.createdAt)}</td>
              <td>{who(e.actorId)}</td>
              <td>{e.action}</td>
              <td>{e.targetType ? e.targetType + ' ' + (e.targetId ?? '') : ''}</td>
              <td>{Object.entries(e.details ?? {}).map(([k, v]) => k + ': ' + v).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next === undefined && !error && <p class="muted">Loading…</p>}
      {entries.length === 0 && next === null && <p class="muted">Nothing recorded yet.</p>}
      {next && <button type="button" onClick={() => void load(next)}>Older entries</button>}
    </section>
  );
}
