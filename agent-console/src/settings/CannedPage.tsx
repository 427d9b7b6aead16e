import { useEffect, useState } from 'preact/hooks';
import { useChanges } from '../app/hooks';
import type { Workspace } from '../app/workspace';
import type { Canned } from '../canned/canned';

type Draft = { id?: string; scope: 'shared' | 'personal'; shortcut: string; title: string; body: string };

/**
 * Canned responses: the account's shared ones (admins edit them, everyone uses them) and the
 * agent's own. Typing /shortcut in the reply box inserts one.
 */
export function CannedPage({ workspace }: { workspace: Workspace }) {
  useChanges(workspace);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const admin = workspace.me.role === 'ADMIN';
  useEffect(() => void workspace.reloadCanned().catch(() => undefined), [workspace]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft) return;
    try {
      if (draft.id) {
        await workspace.client.request('canned.update', { id: draft.id, shortcut: draft.shortcut, title: draft.title, body: draft.body });
      } else {
        await workspace.client.request('canned.create', draft);
      }
      setDraft(null);
      setError(null);
      await workspace.reloadCanned();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async (c: Canned) => {
    if (!confirm('Delete /' + c.shortcut + '?')) return;
    try {
      await workspace.client.request('canned.delete', { id: c.id });
      await workspace.reloadCanned();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const group = (scope: 'shared' | 'personal', title: string, editable: boolean) => (
    <section class="canned-group" data-scope={scope}>
      <h2>{title}</h2>
      <ul class="canned-list">
        {workspace.canned.filter((c) => c.scope === scope).map((c) => (
          <li data-shortcut={c.shortcut}>
            <div><strong>/{c.shortcut}</strong> {c.title}</div>
            <p class="canned-body">{c.body}</p>
            {editable && (
              <div>
                <button type="button" onClick={() => setDraft({ id: c.id, scope, shortcut: c.shortcut, title: c.title, body: c.body })}>Edit</button>{' '}
                <button type="button" class="danger" onClick={() => void remove(c)}>Delete</button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {editable && <button type="button" onClick={() => setDraft({ scope, shortcut: '', title: '', body: '' })}>New {scope === 'shared' ? 'shared' : 'personal'} response</button>}
    </section>
  );

  return (
    <section>
      <h1>Canned responses</h1>
      <p class="muted">Type / and the shortcut in the reply box to insert one.</p>
      {error && <p class="error" role="alert">{error}</p>}
      {draft && (
        <form class="canned-form" onSubmit={save} aria-label={draft.id ? 'Edit canned response' : 'New canned response'}>
          <label>Shortcut <input name="shortcut" required maxLength={33} value={draft.shortcut}
            onInput={(e) => setDraft({ ...draft, shortcut: e.currentTarget.value })} /></label>
          <label>Title <input name="title" required maxLength={200} value={draft.title}
            onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })} /></label>
          <label>Text <textarea name="body" required rows={4} maxLength={5000} value={draft.body}
            onInput={(e) => setDraft({ ...draft, body: e.currentTarget.value })} /></label>
          <button type="submit" class="primary">Save</button> <button type="button" onClick={() => setDraft(null)}>Cancel</button>
        </form>
      )}
      {group('personal', 'Yours', true)}
      {group('shared', 'Shared with the team', admin)}
    </section>
  );
}
