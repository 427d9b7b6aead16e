import { useEffect, useState } from 'preact/hooks';
import { clock } from '../../ui/format';
import type { AdminClient } from '../admin/client';
import { NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { listDeliveries, retryDelivery, type Delivery } from './api';

/** One webhook's delivery log, newest first; a failed delivery can be sent again. */
export function DeliveryLog({ admin, webhookId }: { admin: AdminClient; webhookId: string }) {
  const [items, setItems] = useState<Delivery[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const load = (after?: string) => listDeliveries(admin, webhookId, after).then((page) => {
    setItems((held) => (after ? [...held, ...page.items] : page.items));
    setNext(page.next ?? null);
  }, (e) => setProblem(problemOf(e)));
  useEffect(() => void load(), [admin, webhookId]);

  const retry = async (d: Delivery) => {
    try {
      const sent = await retryDelivery(admin, webhookId, d.id);
      setItems((held) => held.map((x) => (x.id === d.id ? sent ?? { ...x, status: 'PENDING' } : x)));
      setProblem(NO_PROBLEM);
    } catch (e) {
      setProblem(problemOf(e));
    }
  };
  return (
    <div class="delivery-log">
      <div class="form-actions"><h3>Deliveries</h3><button type="button" onClick={() => void load()}>Refresh</button></div>
      <ProblemBanner problem={problem} />
      <table class="admin-table delivery-table">
        <thead><tr><th>Created</th><th>Event</th><th>Status</th><th>Attempts</th><th>Last answer</th><th>Next / delivered</th><th /></tr></thead>
        <tbody>
          {items.map((d) => (
            <tr data-delivery-id={d.id} data-status={d.status}>
              <td>{clock(d.createdAt)}</td>
              <td>{d.eventType}</td>
              <td>{d.status.charAt(0) + d.status.slice(1).toLowerCase()}</td>
              <td>{d.attempts}</td>
              <td>{d.lastStatus ? 'HTTP ' + d.lastStatus : ''}{d.lastError ? (d.lastStatus ? ': ' : '') + d.lastError : ''}</td>
              <td>{d.deliveredAt ? clock(d.deliveredAt) : d.nextAttemptAt && d.status === 'PENDING' ? 'next ' + clock(d.nextAttemptAt) : ''}</td>
              <td>{d.status === 'FAILED' && <button type="button" onClick={() => void retry(d)}>Retry</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next === undefined && <p class="muted">Loading…</p>}
      {items.length === 0 && next === null && <p class="muted">No deliveries yet.</p>}
      {next && <button type="button" onClick={() => void load(next)}>More</button>}
    </div>
  );
}
