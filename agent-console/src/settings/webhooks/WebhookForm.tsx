import { useState } from 'preact/hooks';
import { Field, type Problem } from '../admin/forms';
import { EVENTS, type WebhookBody } from './api';

/** A webhook's editable fields: address, description, events, active. */
export function WebhookFields({ value, onChange, problem }: { value: Required<WebhookBody>; onChange: (v: Required<WebhookBody>) => void; problem: Problem }) {
  const toggle = (event: string, on: boolean) =>
    onChange({ ...value, events: on ? EVENTS.filter((e) => e === event || value.events.includes(e)) : value.events.filter((e) => e !== event) });
  return (
    <>
      <Field label="Endpoint URL" field="url" problem={problem} hint="Your server's https address that receives the events">
        <input type="url" name="url" required value={value.url} onInput={(e) => onChange({ ...value, url: e.currentTarget.value })} />
      </Field>
      <Field label="Description" field="description" problem={problem}>
        <input name="description" value={value.description ?? ''} onInput={(e) => onChange({ ...value, description: e.currentTarget.value })} />
      </Field>
      <fieldset class="webhook-events" data-field="events">
        <legend>Events</legend>
        {EVENTS.map((event) => (
          <label class="check"><input type="checkbox" name="events" value={event} checked={value.events.includes(event)}
            onChange={(e) => toggle(event, e.currentTarget.checked)} /> {event}</label>
        ))}
        {problem.fields.events && <span class="field-error" role="alert">{problem.fields.events}</span>}
      </fieldset>
      <label class="check"><input type="checkbox" name="active" checked={value.active} onChange={(e) => onChange({ ...value, active: e.currentTarget.checked })} /> Active</label>
    </>
  );
}

export const EMPTY_WEBHOOK: Required<WebhookBody> = { url: '', description: '', events: [...EVENTS], active: true };

/** A secret shown once: to copy now, as it cannot be shown again. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="secret-once" role="alert">
      <p><strong>Signing secret — copy it now: it is not shown again.</strong></p>
      <input class="snippet" readOnly aria-label="Signing secret" value={secret} onFocus={(e) => e.currentTarget.select()} />
      <div class="form-actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => undefined)}>Copy</button>
        <button type="button" onClick={onDone}>Done</button>
        {copied && <span class="saved">Copied</span>}
      </div>
    </div>
  );
}
