import { useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { deleteWebhook, rotateSecret, updateWebhook, type Webhook, type WebhookBody } from './api';
import { DeliveryLog } from './DeliveryLog';
import { SecretOnce, WebhookFields } from './WebhookForm';

const editable = (w: Webhook): Required<WebhookBody> => ({ url: w.url, description: w.description ?? '', events: w.events, active: w.active });

/** One endpoint: edit its address, events and state; rotate its secret; delete it; read its delivery log. */
export function WebhookCard({ admin, webhook, onChanged, onDeleted }: {
  admin: AdminClient; webhook: Webhook; onChanged: (w: Webhook) => void; onDeleted: () => void;
}) {
  const [value, setValue] = useState(() => editable(webhook));
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const [saved, setSaved] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [log, setLog] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setSaved(false);
    try {
      await action();
      setProblem(NO_PROBLEM);
    } catch (e) {
      setProblem(problemOf(e));
    }
  };
  const save = () => run(async () => {
    const body = { ...value, description: value.description?.trim() ? value.description.trim() : null };
    const changed = await updateWebhook(admin, webhook.id, body);
    onChanged(changed);
    setValue(editable(changed));
    setSaved(true);
  });
  const rotate = () => confirm('Your receiver must use the new secret at once: deliveries are signed with it from now on. Rotate?')
    && void run(async () => setSecret((await rotateSecret(admin, webhook.id)).secret));
  const remove = () => confirm('Delete this webhook? Its pending deliveries and its log are deleted with it.')
    && void run(async () => {
      await deleteWebhook(admin, webhook.id);
      onDeleted();
    });

  return (
    <li class="webhook" data-webhook-id={webhook.id}>
      <form class="admin-form" onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}>
        <ProblemBanner problem={problem} />
        <WebhookFields value={value} onChange={setValue} problem={problem} />
        <div class="form-actions">
          <button type="submit">Save</button>
          <button type="button" onClick={rotate}>Rotate secret</button>
          <button type="button" class="danger" onClick={remove}>Delete</button>
          <button type="button" class="link" aria-expanded={log} onClick={() => setLog(!log)}>{log ? 'Hide deliveries' : 'Deliveries'}</button>
          {saved && <span class="saved">Saved</span>}
        </div>
      </form>
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
      {log && <DeliveryLog admin={admin} webhookId={webhook.id} />}
    </li>
  );
}
