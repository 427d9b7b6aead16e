import { useMemo } from 'preact/hooks';
import type { RestApi } from '../auth/api';
import type { Workspace } from '../app/workspace';
import { go } from '../app/router';
import { AdminClient } from './admin/client';
import { AgentsPage } from './agents/AgentsPage';
import { AuditLogPage } from './AuditLogPage';
import { BansPage } from './bans/BansPage';
import { CannedPage } from './CannedPage';
import { ExportPage } from './export/ExportPage';
import { PrivacyPage } from './privacy/PrivacyPage';
import { LazyReportsPage } from './reports/LazyReportsPage';
import { WebhooksPage } from './webhooks/WebhooksPage';
import { QueueSettingsPage } from './queue/QueueSettingsPage';
import { SitesPage } from './sites/SitesPage';
import { TeamsPage } from './teams/TeamsPage';

/** The settings' sections; `admin` ones are shown to and opened by admins only. */
const SECTIONS = [
  { id: 'canned', label: 'Canned responses', admin: false },
  { id: 'queue', label: 'Queue rules', admin: true },
  { id: 'sites', label: 'Sites', admin: true },
  { id: 'agents', label: 'Agents', admin: true },
  { id: 'teams', label: 'Teams', admin: true },
  { id: 'bans', label: 'Visitor bans', admin: true },
  { id: 'reports', label: 'Reports', admin: true },
  { id: 'export', label: 'Export', admin: true },
  { id: 'webhooks', label: 'Webhooks', admin: true },
  { id: 'privacy', label: 'Retention & visitor data', admin: true },
  { id: 'audit-log', label: 'Audit log', admin: true },
] as const;

/**
 * The settings shell: a navigation of the sections the agent's role may open, and the chosen one.
 * A section above the agent's role is refused here, before any request (the server refuses it too).
 */
export function SettingsPage({ workspace, api, section }: { workspace: Workspace; api: RestApi; section: string }) {
  const admin = workspace.me.role === 'ADMIN';
  const client = useMemo(() => new AdminClient(api, workspace.session), [api, workspace]);
  const chosen = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0];
  const allowed = !chosen.admin || admin;
  return (
    <div class="settings">
      <nav class="settings-nav" aria-label="Settings">
        <button type="button" class="link" onClick={() => go({ page: 'inbox', conversationId: null })}>← Back to chats</button>
        <ul>
          {SECTIONS.filter((s) => !s.admin || admin).map((s) => (
            <li><a href={'/console/settings/' + s.id} aria-current={s.id === chosen.id ? 'page' : undefined} onClick={(e) => {
              e.preventDefault();
              go({ page: 'settings', section: s.id });
            }}>{s.label}</a></li>
          ))}
        </ul>
      </nav>
      <main class="settings-main">
        {!allowed && (
          <div class="forbidden" role="alert">
            <h1>Not available</h1>
            <p>This page is for admins. Ask an admin of your account if you need something changed here.</p>
          </div>
        )}
        {allowed && chosen.id === 'canned' && <CannedPage workspace={workspace} />}
        {allowed && chosen.id === 'queue' && <QueueSettingsPage admin={client} />}
        {allowed && chosen.id === 'sites' && <SitesPage admin={client} />}
        {allowed && chosen.id === 'agents' && <AgentsPage admin={client} />}
        {allowed && chosen.id === 'teams' && <TeamsPage admin={client} />}
        {allowed && chosen.id === 'bans' && <BansPage admin={client} />}
        {allowed && chosen.id === 'reports' && <LazyReportsPage admin={client} />}
        {allowed && chosen.id === 'export' && <ExportPage admin={client} />}
        {allowed && chosen.id === 'webhooks' && <WebhooksPage admin={client} />}
        {allowed && chosen.id === 'privacy' && <PrivacyPage admin={client} />}
        {allowed && chosen.id === 'audit-log' && <AuditLogPage workspace={workspace} admin={client} />}
      </main>
    </div>
  );
}
