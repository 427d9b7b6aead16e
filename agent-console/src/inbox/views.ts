import type { Conversation, View } from './types';

/** The conversations a view shows, in its order: Queue oldest waiting first, the others newest activity first. */
export function inView(view: View, conversations: Iterable<Conversation>, me: string): Conversation[] {
  const all = [...conversations];
  switch (view) {
    case 'mine':
      return byActivity(all.filter((c) => c.status === 'assigned' && c.assignedAgentId === me));
    case 'queue':
      return all.filter((c) => c.status === 'queued' || c.status === 'pending').sort(byQueue);
    case 'all':
      return byActivity(all.filter((c) => c.status !== 'closed'));
    case 'closed':
      return byActivity(all.filter((c) => c.status === 'closed'));
  }
}

function byActivity(list: Conversation[]): Conversation[] {
  return list.sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id.localeCompare(a.id));
}

/** Queued before pending; within each, the order they will be served in. */
function byQueue(a: Conversation, b: Conversation): number {
  if (a.status !== b.status) return a.status === 'queued' ? -1 : 1;
  return (a.queuedAt ?? a.createdAt).localeCompare(b.queuedAt ?? b.createdAt) || a.id.localeCompare(b.id);
}

/** "3 min", "1 h 5 min": how long a visitor has been waiting, for the queue. */
export function waited(since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  if (seconds < 60) return seconds + ' s';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + ' min';
  return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
}
