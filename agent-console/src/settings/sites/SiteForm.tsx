import { useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { Field, FieldError, NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { createSite, parseOrigins, updateSite, type Site, type SiteBody } from './api';
import { PrechatFieldsEditor } from './PrechatFieldsEditor';

const NEW: SiteBody = {
  name: '', allowedOrigins: [], appearance: { primaryColor: '#2563eb', position: 'right', title: 'Support' },
  greeting: null, prechatFields: [], identityRequired: false,
};

/** Creates a site, or changes one: where the widget may run, how it looks, what it says and asks first. */
export function SiteForm({ admin, site, onSaved, onCancel }: { admin: AdminClient; site: Site | null; onSaved: (s: Site) => void; onCancel: () => void }) {
  const [body, setBody] = useState<SiteBody>(site
    ? { name: site.name, allowedOrigins: site.allowedOrigins, appearance: site.appearance, greeting: site.greeting ?? null,
      prechatFields: site.prechatFields, identityRequired: site.identityRequired }
    : NEW);
  const [origins, setOrigins] = useState(body.allowedOrigins.join('\n'));
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const set = (patch: Partial<SiteBody>) => setBody({ ...body, ...patch });
  const look = (patch: Partial<SiteBody['appearance']>) => set({ appearance: { ...body.appearance, ...patch } });

  const save = async (event: Event) => {
    event.preventDefault();
    const sent = { ...body, allowedOrigins: parseOrigins(origins), greeting: body.greeting?.trim() ? body.greeting : null };
    try {
      onSaved(site ? await updateSite(admin, site.id, sent) : await createSite(admin, sent));
    } catch (e) {
      setProblem(problemOf(e));
    }
  };

  return (
    <form class="admin-form site-form" noValidate onSubmit={save} aria-label={site ? 'Edit site' : 'New site'}>
      <ProblemBanner problem={problem} />
      <Field label="Name" field="name" problem={problem}>
        <input name="name" value={body.name} onInput={(e) => set({ name: e.currentTarget.value })} />
      </Field>
      <Field label="Allowed origins" field="allowedOrigins" problem={problem} nested
        hint="One a line, such as https://shop.example: the widget runs on these pages only.">
        <textarea name="allowedOrigins" rows={3} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} />
      </Field>
      <fieldset>
        <legend>Appearance</legend>
        <Field label="Colour" field="appearance.primaryColor" problem={problem}>
          <input name="primaryColor" type="color" value={body.appearance.primaryColor} onInput={(e) => look({ primaryColor: e.currentTarget.value })} />
        </Field>
        <Field label="Position" field="appearance.position" problem={problem}>
          <select name="position" value={body.appearance.position} onChange={(e) => look({ position: e.currentTarget.value as 'left' | 'right' })}>
            <option value="right">Bottom right</option>
            <option value="left">Bottom left</option>
          </select>
        </Field>
        <Field label="Title" field="appearance.title" problem={problem}>
          <input name="title" value={body.appearance.title} onInput={(e) => look({ title: e.currentTarget.value })} />
        </Field>
      </fieldset>
      <Field label="Greeting" field="greeting" problem={problem} hint="Shown when a visitor opens the chat. Blank: none.">
        <textarea name="greeting" rows={2} value={body.greeting ?? ''} onInput={(e) => set({ greeting: e.currentTarget.value })} />
      </Field>
      <fieldset>
        <legend>Pre-chat questions</legend>
        <PrechatFieldsEditor fields={body.prechatFields} problem={problem} onChange={(prechatFields) => set({ prechatFields })} />
        <FieldError problem={problem} field="prechatFields" />
      </fieldset>
      <label class="check">
        <input type="checkbox" name="identityRequired" checked={body.identityRequired} onChange={(e) => set({ identityRequired: e.currentTarget.checked })} />
        {' '}Refuse visitors whose identity is not verified
      </label>
      <div class="form-actions">
        <button type="submit" class="primary">{site ? 'Save site' : 'Create site'}</button> <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
