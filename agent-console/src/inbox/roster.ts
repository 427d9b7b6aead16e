import type { Colleague } from './types';

interface Heard {
  status: Colleague['status'];
  live?: boolean;
}

/**
 * The account's agents as the console knows them. A roster read from the server may predate a
 * status change the console heard while the read was under way (an `agent.status` event, or the
 * answer to its own `status.set`): those statuses win over the read's, or an agent who had just
 * gone online would be shown offline until the next change.
 */
export class Roster extends Map<string, Colleague> {
  private readonly reads = new Set<Map<string, Heard>>();

  /** A colleague's status changed; `live` stays as it was when not given. */
  status(agentId: string, status: Colleague['status'], live?: boolean): void {
    const colleague = this.get(agentId);
    if (colleague) {
      colleague.status = status;
      if (live !== undefined) colleague.live = live;
    }
    for (const heard of this.reads) heard.set(agentId, { status, live });
  }

  /** Starts a read of the whole roster: call the result with what the server sent, or with nothing when the read failed. */
  read(): (result?: Colleague[]) => void {
    const heard = new Map<string, Heard>();
    this.reads.add(heard);
    return (result) => {
      this.reads.delete(heard);
      if (!result) return;
      this.clear();
      for (const colleague of result) {
        const since = heard.get(colleague.agentId);
        this.set(colleague.agentId, since
          ? { ...colleague, status: since.status, live: since.live ?? colleague.live }
          : colleague);
      }
    };
  }
}
