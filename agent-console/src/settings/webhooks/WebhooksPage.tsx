import { useEffect, useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { createWebhook, listWebhooks, type Webhook } from './api';
import { WebhookCard } from './WebhookCard';
import { EMPTY_WEBHOOK, SecretOnce, WebhookFields } from './WebhookForm';

/**
 * Webhooks: the account's endpoints, each signed with its own secret (shown once, when created or
 * rotated), their events, and each one's delivery log with retry of a failed delivery.
 */
export function WebhooksPage({ admin }: { admin: AdminClient }) {
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [draft, setDraft] = useState(EMPTY_WEBHOOK);
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  useEffect(() => void listWebhooks(admin).then(setHooks, (e) => setProblem(problemOf(e))), [admin]);

  const create = async () => {
    try {
      const body = { ...draft, description: draft.description?.trim() ? draft.description.trim() : null };
      const { secret, ...hook } = await createWebhook(admin, body);
      setHooks((held) => [...(held ?? []), hook]);
      setCreated({ id: hook.id, secret });
      setDraft(EMPTY_WEBHOOK);
      setProblem(NO_PROBLEM);
    } catch (e) {
      setProblem(problemOf(e));
    }
  };

  return (
    <section class="admin-page webhooks">
      <h1>Webhooks</h1>
      <p class="muted">Parley posts each chosen event to your endpoint, signed with HMAC-SHA256 (headers <code>Parley-Timestamp</code> and
        <code>Parley-Signature</code>), and retries with growing pauses for about nine hours.</p>
      <form class="admin-form new-webhook" onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}>
        <h2>New webhook</h2>
        <ProblemBanner problem={problem} />
        <WebhookFields value={draft} onChange={setDraft} problem={problem} />
        <div class="form-actions"><button type="submit">Create webhook</button></div>
      </form>
      {created && <SecretOnce secret={created.secret} onDone={() => setCreated(null)} />}
      {hooks === null && <p class="muted">Loading…</p>}
      {hooks?.length === 0 && <p class="muted">No webhooks yet.</p>}
      <ul class="webhook-list">
        {(hooks ?? []).map((w) => (
          <WebhookCard key={w.id} admin={admin} webhook={w}
            onChanged={(changed) => setHooks((held) => (held ?? []).map((x) => (x.id === changed.id ? changed : x)))}
            onDeleted={() => setHooks((held) => (held ?? []).filter((x) => x.id !== w.id))} />
        ))}
      </ul>
    </section>
  );
}
