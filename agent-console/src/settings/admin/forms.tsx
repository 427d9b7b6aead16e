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

const idOf = (field: string) => 'err-' + field.replace(/[^A-Za-z0-9_-]/g, '-');

/** The refusal of one field, shown right next to it (and announced to screen readers). */
export function FieldError({ problem, field, nested }: { problem: Problem; field: string; nested?: boolean }) {
  const message = messageFor(problem, field, nested);
  return message ? <span class="field-error" id={idOf(field)} data-field={field} role="alert">{message}</span> : null;
}

/** A labelled control with its field's refusal below it; the control is marked invalid while refused. */
export function Field({ label, field, problem, hint, children }: {
  label: string; field: string; problem: Problem; hint?: string; children: ComponentChildren;
}) {
  const invalid = messageFor(problem, field) !== undefined;
  return (
    <label class={'field' + (invalid ? ' invalid' : '')} data-field={field}>
      <span class="field-label">{label}</span>
      {children}
      {hint && <span class="muted field-hint">{hint}</span>}
      <FieldError problem={problem} field={field} />
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
