import { useState } from 'preact/hooks';
import type { Role } from '../../auth/types';
import type { AdminClient } from '../admin/client';
import { Field, NO_PROBLEM, ProblemBanner, optionalNumber, problemOf, type Problem } from '../admin/forms';
import { createAgent, ROLES, type AdminAgent } from './api';

type SignIn = 'invite' | 'password' | 'provider';

/** Adds an agent: by mailed invitation, with a password set now, or for sign-in through the organisation's provider only. */
export function NewAgentForm({ admin, onCreated, onCancel }: { admin: AdminClient; onCreated: (a: AdminAgent) => void; onCancel: () => void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('AGENT');
  const [capacity, setCapacity] = useState('');
  const [signIn, setSignIn] = useState<SignIn>('invite');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);

  const save = async (event: Event) => {
    event.preventDefault();
    const body: Record<string, unknown> = { email, displayName, role, capacityOverride: optionalNumber(capacity) };
    if (signIn === 'invite') body.invite = true;
    if (signIn === 'password') body.password = password;
    try {
      onCreated(await createAgent(admin, body));
    } catch (e) {
      setProblem(problemOf(e));
    }
  };

  return (
    <form class="admin-form" noValidate onSubmit={save} aria-label="New agent">
      <ProblemBanner problem={problem} />
      <Field label="Email" field="email" problem={problem}>
        <input name="email" type="email" autoComplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </Field>
      <Field label="Name" field="displayName" problem={problem}>
        <input name="displayName" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
      </Field>
      <Field label="Role" field="role" problem={problem}>
        <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => <option value={r}>{r.charAt(0) + r.slice(1).toLowerCase()}</option>)}
        </select>
      </Field>
      <Field label="Capacity" field="capacityOverride" problem={problem} hint="Blank: the site's chats per agent.">
        <input name="capacityOverride" inputMode="numeric" value={capacity} onInput={(e) => setCapacity(e.currentTarget.value)} />
      </Field>
      <fieldset>
        <legend>How they sign in</legend>
        <label class="check"><input type="radio" name="signIn" checked={signIn === 'invite'} onChange={() => setSignIn('invite')} /> Mail them an invitation to choose a password</label>
        <label class="check"><input type="radio" name="signIn" checked={signIn === 'password'} onChange={() => setSignIn('password')} /> Set a password now</label>
        <label class="check"><input type="radio" name="signIn" checked={signIn === 'provider'} onChange={() => setSignIn('provider')} /> Only through the organisation's sign-in</label>
        {signIn === 'password' && (
          <Field label="Password" field="password" problem={problem} hint="At least 10 characters.">
            <input name="password" type="password" autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </Field>
        )}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary">Add agent</button> <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
