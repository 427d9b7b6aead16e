import { FieldError, type Problem } from '../admin/forms';
import type { PrechatField } from './api';

const TYPES: PrechatField['type'][] = ['text', 'email', 'textarea'];

/** The questions the widget asks before a chat starts, in order; each row shows its own refusal. */
export function PrechatFieldsEditor({ fields, problem, onChange }: { fields: PrechatField[]; problem: Problem; onChange: (f: PrechatField[]) => void }) {
  const set = (i: number, patch: Partial<PrechatField>) => onChange(fields.map((f, j) => (i === j ? { ...f, ...patch } : f)));
  return (
    <div class="prechat-fields">
      {fields.length === 0 && <p class="muted">No questions: visitors start chatting at once.</p>}
      {fields.map((f, i) => (
        <div class="prechat-field" data-index={i}>
          <input aria-label="Name" placeholder="name" value={f.name} onInput={(e) => set(i, { name: e.currentTarget.value })} />
          <input aria-label="Label" placeholder="Label shown to visitors" value={f.label} onInput={(e) => set(i, { label: e.currentTarget.value })} />
          <select aria-label="Type" value={f.type} onChange={(e) => set(i, { type: e.currentTarget.value as PrechatField['type'] })}>
            {TYPES.map((t) => <option value={t}>{t}</option>)}
          </select>
          <label class="check"><input type="checkbox" checked={f.required} onChange={(e) => set(i, { required: e.currentTarget.checked })} /> required</label>
          <button type="button" class="link danger" onClick={() => onChange(fields.filter((_, j) => j !== i))}>Remove</button>
          <FieldError problem={problem} field={`prechatFields[${i}]`} nested />
        </div>
      ))}
      <button type="button" onClick={() => onChange([...fields, { name: '', label: '', type: 'text', required: false }])}>Add a question</button>
    </div>
  );
}
