import { useEffect, useState } from 'preact/hooks';
import { useNow } from '../app/hooks';
import type { Workspace } from '../app/workspace';
import type { Conversation } from '../inbox/types';
import { clock, localTime } from '../ui/format';
import { describeUserAgent } from './userAgent';

interface PageView {
  url: string;
  title?: string;
  viewedAt: string;
}

interface VisitorDetails {
  id: string;
  name?: string;
  email?: string;
  externalId?: string;
  verified: boolean;
  attributes?: Record<string, string>;
  userAgent?: string;
  locale?: string;
  timeZone?: string;
  currentUrl?: string;
  referrer?: string;
  firstSeenAt: string;
  pages: PageView[];
  conversations: Conversation[];
}

/**
 * Who the visitor is and where they are: name, email and whether the site verified them, custom
 * attributes and pre-chat answers, the page they are on and the trail before it (live), referrer,
 * browser and system, their local time, and their past conversations.
 */
export function VisitorPanel({ workspace, conversation, onOpen }: { workspace: Workspace; conversation: Conversation;
  onOpen: (id: string) => void }) {
  const [details, setDetails] = useState<VisitorDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(30_000);
  const visitorId = conversation.visitorId;

  useEffect(() => {
    let live = true;
    const load = () => workspace.client.request<VisitorDetails>('visitors.get', { visitorId })
      .then((d) => live && (setDetails(d), setError(null)))
      .catch((e: Error) => live && setError(e.message));
    setDetails(null);
    void load();
    // A page view arrives as visitor.navigated; the panel reloads for it.
    let seen = workspace.navigations.get(visitorId) ?? 0;
    const off = workspace.subscribe(() => {
      const latest = workspace.navigations.get(visitorId) ?? 0;
      if (latest !== seen) {
        seen = latest;
        void load();
      }
    });
    return () => {
      live = false;
      off();
    };
  }, [visitorId, workspace]);

  if (error) return <aside class="visitor-panel"><p class="error">{error}</p></aside>;
  if (!details) return <aside class="visitor-panel"><p class="muted">Loading visitor…</p></aside>;
  const attributes = { ...(details.attributes ?? {}), ...(conversation.prechat ?? {}) };
  return (
    <aside class="visitor-panel" aria-label="Visitor">
      <h2 class="visitor-name">
        {details.name ?? 'Anonymous visitor'}
        {details.verified && <span class="verified" title="The site verified who this is">Verified</span>}
      </h2>
      {details.email && <p class="visitor-email">{details.email}</p>}
      <dl>
        {details.externalId && <><dt>Customer id</dt><dd>{details.externalId}</dd></>}
        <dt>Visitor id</dt><dd class="visitor-id"><code>{visitorId}</code></dd>
        <dt>Local time</dt><dd class="local-time">{details.timeZone ? localTime(details.timeZone, now) + ' (' + details.timeZone + ')' : 'unknown'}</dd>
        <dt>Browser</dt><dd class="browser">{describeUserAgent(details.userAgent)}</dd>
        {details.locale && <><dt>Language</dt><dd>{details.locale}</dd></>}
        <dt>Current page</dt><dd class="current-page">{details.currentUrl ? <ExternalLink url={details.currentUrl} /> : 'unknown'}</dd>
        {details.referrer && <><dt>Came from</dt><dd><ExternalLink url={details.referrer} /></dd></>}
        <dt>First seen</dt><dd>{clock(details.firstSeenAt, now)}</dd>
      </dl>
      {Object.keys(attributes).length > 0 && (
        <>
          <h3>Attributes</h3>
          <dl class="attributes">
            {Object.entries(attributes).map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}
          </dl>
        </>
      )}
      <h3>Page trail</h3>
      <ol class="page-trail">
        {details.pages.map((p) => <li><span class="muted">{clock(p.viewedAt, now)}</span> {p.title || p.url}</li>)}
      </ol>
      {details.pages.length === 0 && <p class="muted">No page views recorded yet.</p>}
      <h3>Conversations</h3>
      <ul class="past">
        {details.conversations.map((c) => (
          <li><button type="button" class="link" onClick={() => onOpen(c.id)}>{clock(c.createdAt, now)} · {c.status}
            {c.id === conversation.id ? ' (this one)' : ''}</button></li>
        ))}
      </ul>
    </aside>
  );
}

/** Only http(s) addresses become links; anything else is shown as text. */
function ExternalLink({ url }: { url: string }) {
  const safe = /^https?:\/\//i.test(url);
  return safe ? <a href={url} target="_blank" rel="noopener noreferrer nofollow">{url}</a> : <span>{url}</span>;
}
