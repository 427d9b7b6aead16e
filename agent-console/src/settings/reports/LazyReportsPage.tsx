import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';

type Page = FunctionComponent<{ admin: AdminClient }>;

/**
 * The reports page, loaded when first opened: the chart library is most of its weight, and an
 * agent's console, which never shows reports, should not download it.
 */
export function LazyReportsPage({ admin }: { admin: AdminClient }) {
  const [page, setPage] = useState<{ Page: Page } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    import('./ReportsPage').then((m) => live && setPage({ Page: m.ReportsPage }), () => live && setFailed(true));
    return () => void (live = false);
  }, []);
  if (failed) return <p class="error" role="alert">The reports could not be loaded. Reload the page to try again.</p>;
  if (!page) return <p class="muted">Loading…</p>;
  return <page.Page admin={admin} />;
}
