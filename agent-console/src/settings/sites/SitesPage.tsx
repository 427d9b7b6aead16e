import { useEffect, useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { listSites, type Site } from './api';
import { IdentitySecret } from './IdentitySecret';
import { SiteForm } from './SiteForm';

/** The account's sites, each with the script tag to paste into its pages. */
export function SitesPage({ admin }: { admin: AdminClient }) {
  const [sites, setSites] = useState<Site[] | null>(null);
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => void listSites(admin).then(setSites, (e) => setProblem(problemOf(e))), [admin]);

  const saved = (site: Site) => {
    setSites((all) => (all ?? []).some((s) => s.id === site.id) ? (all ?? []).map((s) => (s.id === site.id ? site : s)) : [...(all ?? []), site]);
    setEditing(null);
  };
  const copy = (site: Site) => navigator.clipboard?.writeText(site.snippet).then(() => setCopied(site.id), () => setCopied(null));

  return (
    <section class="admin-page sites">
      <h1>Sites</h1>
      <ProblemBanner problem={problem} />
      {editing && <SiteForm key={editing === 'new' ? 'new' : editing.id} admin={admin} site={editing === 'new' ? null : editing}
        onSaved={saved} onCancel={() => setEditing(null)} />}
      {sites && !editing && <button type="button" class="primary" onClick={() => setEditing('new')}>New site</button>}
      {sites?.length === 0 && <p class="muted">No sites yet.</p>}
      <ul class="site-list">
        {sites?.map((site) => (
          <li data-site-id={site.id}>
            <h2>{site.name}</h2>
            <p class="muted">{site.allowedOrigins.length ? site.allowedOrigins.join(', ') : 'No allowed origins yet: the widget runs nowhere.'}</p>
            <label class="field">
              <span class="field-label">Script tag: paste it before &lt;/body&gt; on every page</span>
              <textarea class="snippet" readOnly rows={2} value={site.snippet} onFocus={(e) => e.currentTarget.select()} />
            </label>
            <button type="button" onClick={() => void copy(site)}>{copied === site.id ? 'Copied' : 'Copy'}</button>{' '}
            <button type="button" onClick={() => setEditing(site)}>Edit</button>
            <IdentitySecret admin={admin} siteId={site.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
