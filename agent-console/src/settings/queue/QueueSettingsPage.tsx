import { useEffect, useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { Field, NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { listSites, type Site } from '../sites/api';
import { listTeams, type AdminTeam } from '../teams/api';
import { loadQueueSettings, POLICIES, saveQueueSettings, type Policy } from './api';
import { BusinessHoursEditor } from './BusinessHoursEditor';
import { toForm, toRequest, type QueueForm } from './form';

const POLICY_TEXT: Record<Policy, string> = {
  ROUND_ROBIN: 'Round robin: the available agent who has gone longest without a new chat',
  LEAST_BUSY: 'Least busy: the agent with the fewest open chats',
  MANUAL: 'Manual: chats wait in the queue until an agent claims them or a supervisor assigns them',
};

/** One site's queue rules on one page: who gets its chats, how many, how long things may take, and when it is open. */
export function QueueSettingsPage({ admin }: { admin: AdminClient }) {
  const [sites, setSites] = useState<Site[] | null>(null);
  const [teams, setTeams] = useState<AdminTeam[]>([]);
  const [siteId, setSiteId] = useState<string>('');
  const [form, setForm] = useState<QueueForm | null>(null);
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    Promise.all([listSites(admin), listTeams(admin)]).then(([s, t]) => {
      setSites(s);
      setTeams(t);
      const first = s[0];
      if (first) setSiteId(first.id);
    }, (e) => setProblem(problemOf(e)));
  }, [admin]);
  useEffect(() => {
    if (!siteId) return;
    setForm(null);
    setSaved(false);
    setProblem(NO_PROBLEM);
    loadQueueSettings(admin, siteId).then((s) => setForm(toForm(s)), (e) => setProblem(problemOf(e)));
  }, [admin, siteId]);

  const set = (patch: Partial<QueueForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setSaved(false);
  };
  const save = async (event: Event) => {
    event.preventDefault();
    if (!form) return;
    try {
      setForm(toForm(await saveQueueSettings(admin, siteId, toRequest(form)), form.hours.zone));
      setProblem(NO_PROBLEM);
      setSaved(true);
    } catch (e) {
      setProblem(problemOf(e));
    }
  };
  const number = (key: keyof QueueForm, label: string, hint: string) => (
    <Field label={label} field={key} problem={problem} hint={hint}>
      <input name={key} inputMode="numeric" value={form?.[key] as string} onInput={(e) => set({ [key]: e.currentTarget.value })} />
    </Field>
  );

  return (
    <section class="admin-page queue-settings">
      <h1>Queue rules</h1>
      {sites && sites.length === 0 && <p class="muted">Add a site first: queue rules belong to a site.</p>}
      {sites && sites.length > 1 && (
        <label class="field">
          <span class="field-label">Site</span>
          <select name="site" value={siteId} onChange={(e) => setSiteId(e.currentTarget.value)}>
            {sites.map((s) => <option value={s.id}>{s.name}</option>)}
          </select>
        </label>
      )}
      <ProblemBanner problem={problem} />
      {form && (
        <form class="admin-form" noValidate onSubmit={save} aria-label="Queue rules">
          <fieldset>
            <legend>Who gets new chats</legend>
            {POLICIES.map((p) => (
              <label class="check">
                <input type="radio" name="policy" value={p} checked={form.policy === p} onChange={() => set({ policy: p })} /> {POLICY_TEXT[p]}
              </label>
            ))}
            <Field label="Team" field="teamId" problem={problem} hint="Only its members get this site's chats.">
              <select name="teamId" value={form.teamId} onChange={(e) => set({ teamId: e.currentTarget.value })}>
                <option value="">Every agent</option>
                {teams.map((t) => <option value={t.id}>{t.name}</option>)}
              </select>
            </Field>
            {number('maxChatsPerAgent', 'Chats per agent', 'Open chats one agent holds at once, 1 to 100 (an agent\'s own capacity overrides it).')}
          </fieldset>
          <fieldset>
            <legend>Timeouts and limits</legend>
            {number('queueTimeoutSeconds', 'Queue timeout (seconds)', 'After this a waiting visitor is offered the offline form.')}
            {number('noReplyTimeoutSeconds', 'No-reply timeout (seconds)', 'Blank: off. An agent who has not answered a new chat by then loses it to the next one.')}
            {number('autoCloseMinutes', 'Close silent chats after (minutes)', 'Blank: never.')}
            {number('maxQueueLength', 'Longest queue', 'Blank: no limit. Visitors beyond it get the offline form.')}
          </fieldset>
          <fieldset>
            <legend>Business hours</legend>
            <label class="check">
              <input type="checkbox" name="hoursOn" checked={form.hoursOn} onChange={(e) => set({ hoursOn: e.currentTarget.checked })} />
              {' '}Answer only during business hours (outside them, new visitors get the offline form)
            </label>
            {form.hoursOn && <BusinessHoursEditor hours={form.hours} problem={problem} onChange={(hours) => set({ hours })} />}
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="primary">Save queue rules</button>
            {saved && <span class="saved" role="status">Saved. New chats follow these rules now.</span>}
          </div>
        </form>
      )}
    </section>
  );
}
