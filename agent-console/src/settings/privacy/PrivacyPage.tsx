import { useEffect, useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { Field, NO_PROBLEM, optionalNumber, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { fileNameOf, saveBlob } from '../export/download';
import { eraseVisitor, loadRetention, openVisitorExport, saveRetention, type Erasure } from './api';

/** Retention of closed conversations, and one visitor's data: download it, or erase it. */
export function PrivacyPage({ admin }: { admin: AdminClient }) {
  return (
    <section class="admin-page privacy">
      <h1>Retention &amp; visitor data</h1>
      <RetentionForm admin={admin} />
      <VisitorData admin={admin} />
    </section>
  );
}

const counted = (n: number, what: string) => n + ' ' + what + (n === 1 ? '' : 's');

function RetentionForm({ admin }: { admin: AdminClient }) {
  const [days, setDays] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const [saved, setSaved] = useState(false);
  useEffect(() => void loadRetention(admin).then((r) => setDays(r.retentionDays == null ? '' : String(r.retentionDays)),
    (e) => setProblem(problemOf(e))), [admin]);
  const save = async () => {
    setSaved(false);
    try {
      const r = await saveRetention(admin, optionalNumber(days ?? ''));
      setDays(r.retentionDays == null ? '' : String(r.retentionDays));
      setProblem(NO_PROBLEM);
      setSaved(true);
    } catch (e) {
      setProblem(problemOf(e));
    }
  };
  return (
    <form class="admin-form retention-form" onSubmit={(e) => {
      e.preventDefault();
      void save();
    }}>
      <h2>Retention</h2>
      <ProblemBanner problem={problem} />
      <Field label="Delete closed conversations after (days)" field="retentionDays" problem={problem}
        hint="1 to 36,500. Blank keeps them forever. Deleted conversations go with their messages, within about ten minutes.">
        <input name="retentionDays" inputMode="numeric" class="narrow" disabled={days === null} value={days ?? ''}
          onInput={(e) => setDays(e.currentTarget.value)} />
      </Field>
      <div class="form-actions">
        <button type="submit" disabled={days === null}>Save</button>
        {saved && <span class="saved">Saved</span>}
      </div>
    </form>
  );
}

function VisitorData({ admin }: { admin: AdminClient }) {
  const [visitorId, setVisitorId] = useState('');
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [erased, setErased] = useState<Erasure | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setDone(null);
    setErased(null);
    try {
      await action();
      setProblem(NO_PROBLEM);
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  };
  const id = visitorId.trim();
  const download = () => run(async () => {
    const response = await openVisitorExport(admin, id);
    const name = fileNameOf(response.headers.get('Content-Disposition'), 'parley-visitor.json');
    saveBlob(await response.blob(), name);
    setDone('Saved ' + name);
  });
  const erase = (target: string) => run(async () => {
    setConfirming(null);
    setErased(await eraseVisitor(admin, target));
  });

  return (
    <form class="admin-form visitor-data" onSubmit={(e) => e.preventDefault()}>
      <h2>One visitor's data</h2>
      <p class="muted">The visitor id is shown in a conversation's visitor panel and in the bans list.</p>
      <ProblemBanner problem={problem} />
      <Field label="Visitor id" field="visitorId" problem={problem}>
        <input name="visitorId" value={visitorId} autoComplete="off" onInput={(e) => {
          setVisitorId(e.currentTarget.value);
          setConfirming(null);
        }} />
      </Field>
      <div class="form-actions">
        <button type="button" disabled={!id || busy} onClick={() => void download()}>Download data</button>
        <button type="button" class="danger" disabled={!id || busy} onClick={() => setConfirming(id)}>Erase visitor…</button>
        {done && <span class="saved">{done}</span>}
      </div>
      {confirming && (
        <div class="confirm-erase" role="alertdialog" aria-label="Erase visitor">
          <p>Erase visitor <code>{confirming}</code>? Their profile, contact details, attributes, page views, bans, every conversation
            and message are deleted, and their browsers start over as new visitors. An open conversation is closed first.
            <strong> This cannot be undone.</strong></p>
          <div class="form-actions">
            <button type="button" class="danger" onClick={() => void erase(confirming)}>Erase for good</button>
            <button type="button" onClick={() => setConfirming(null)}>Keep</button>
          </div>
        </div>
      )}
      {erased && (
        <p class="erased" role="status">Erased visitor {erased.visitorId}: {counted(erased.conversations, 'conversation')},
          {' '}{counted(erased.messages, 'message')}, {counted(erased.pageViews, 'page view')}, {counted(erased.tokens, 'browser sign-in')},
          {' '}{counted(erased.bans, 'ban')}.</p>
      )}
    </form>
  );
}
