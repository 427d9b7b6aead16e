import type { ComponentChildren } from 'preact';
import { RestError } from '../../auth/api';

/** What a form shows after a refused save: the message of each refused field, and the rest. */
export interface Problem {
  fields: Readonly<Record<string, string>>;
  message: string | null;
}

export const NO_PROBLEM: Problem = { fields: {}, message: null };

/**
 * A refusal as a form shows it: field messages go next to their fields; the summary says what
 * no field shows (a conflict, a lost connection), or that some fields need attention.
 */
export function problemOf(error: unknown): Problem {
  if (error instanceof RestError) {
    const fields = error.fields;
    return { fields, message: Object.keys(fields).length > 0 ? 'Some fields need attention: ' + error.message : error.message };
  }
  return { fields: {}, message: (error as Error)?.message ?? String(error) };
}

/** The message for `field` and the fields nested below it (`prechatFields[2].name` under `prechatFields`). */
export function messageFor(problem: Problem, field: string, nested = false): string | undefined {
  if (problem.fields[field]) return problem.fields[field];
  if (!nested) return undefined;
  const key = Object.keys(problem.fields).find((k) => k.startsWith(field + '.') || k.startsWith(field + '['));
  return key ? problem.fields[key] : undefined;
}

/**
 * A message about the very field it is shown under, without the API's name for it:
 * "maxChatsPerAgent must be 1 to 100" reads "Must be 1 to 100" under "Chats per agent".
 */
export function plain(field: string, message: string): string {
  if (!message.startsWith(field + ' ')) return message;
  const rest = message.slice(field.length + 1);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

const idOf = (field: string) => 'err-' + field.replace(/[^A-Za-z0-9_-]/g, '-');

/** The refusal of one field, shown right next to it (and announced to screen readers). */
export function FieldError({ problem, field, nested }: { problem: Problem; field: string; nested?: boolean }) {
  const exact = problem.fields[field];
  const message = exact !== undefined ? plain(field, exact) : messageFor(problem, field, nested);
  return message ? <span class="field-error" id={idOf(field)} data-field={field} role="alert">{message}</span> : null;
}

/**
 * A labelled control with its field's refusal below it; the control is marked invalid while
 * refused. `nested`: a list typed in one control also shows its items' refusals (`allowedOrigins[2]`).
 */
export function Field({ label, field, problem, hint, nested, children }: {
  label: string; field: string; problem: Problem; hint?: string; nested?: boolean; children: ComponentChildren;
}) {
  const invalid = messageFor(problem, field, nested) !== undefined;
  return (
    <label class={'field' + (invalid ? ' invalid' : '')} data-field={field}>
      <span class="field-label">{label}</span>
      {children}
      {hint && <span class="muted field-hint">{hint}</span>}
      <FieldError problem={problem} field={field} nested={nested} />
    </label>
  );
}

/** The summary of a refusal or failure, above the form. */
export function ProblemBanner({ problem }: { problem: Problem }) {
  return problem.message ? <p class="error problem" role="alert">{problem.message}</p> : null;
}

/** An optional whole number from an input: blank is absent (null). */
export function optionalNumber(text: string): number | null | string {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  // Sent as typed when it is not a number, so that the server names the field.
  return Number.isFinite(n) ? n : t;
}
