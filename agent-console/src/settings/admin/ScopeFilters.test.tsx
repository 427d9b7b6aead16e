import { render } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { RestApi } from '../../auth/api';
import { AdminClient } from './client';
import { NO_PROBLEM, type Problem } from './forms';
import { ScopeFilters, useScopeChoices, type Scope } from './ScopeFilters';

const tokens = { current: () => ({ token: 't', expiresAt: Date.now() + 900_000 }), refresh: async () => null };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** An admin API with two sites, one team and agents that fail to load. */
function admin(): AdminClient {
  return new AdminClient(new RestApi(async (input) => {
    const path = new URL(String(input), 'http://parley.test').pathname;
    if (path === '/api/v1/admin/sites') return json(200, { items: [{ id: 'S1', name: 'Shop' }, { id: 'S2', name: 'Blog' }] });
    if (path === '/api/v1/admin/teams') return json(200, [{ id: 'T1', name: 'Billing', memberIds: [] }]);
    return json(500, { title: 'Internal Server Error', status: 500, code: 'internal' });
  }), tokens);
}

const EMPTY: Scope = { from: '', to: '', siteId: '', teamId: '', agentId: '' };

/** A page holding the filters as ExportPage and ReportsPage do; `seen` records every state. */
function Page({ client, problem, seen, datesRequired }: { client: AdminClient; problem: Problem; seen: Scope[]; datesRequired?: boolean }) {
  const [value, setValue] = useState(EMPTY);
  const choices = useScopeChoices(client);
  seen.push(value);
  return (
    <form>
      <ScopeFilters value={value} onChange={(patch) => setValue((v) => ({ ...v, ...patch }))} problem={problem} choices={choices}
        datesRequired={datesRequired} afterScope={<span class="extra">Status</span>} />
    </form>
  );
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

const options = (root: Element, name: string) =>
  [...root.querySelectorAll(`select[name=${name}] option`)].map((o) => o.textContent);

describe('ScopeFilters', () => {
  const container = document.createElement('div');
  afterEach(() => render(null, container));

  it('offers the account\'s sites and teams after "All"; a list that fails to load offers "All" alone', async () => {
    render(<Page client={admin()} problem={NO_PROBLEM} seen={[]} />, container);
    await until(() => options(container, 'siteId').length === 3 && options(container, 'teamId').length === 2);
    expect(options(container, 'siteId')).toEqual(['All sites', 'Shop', 'Blog']);
    expect(options(container, 'teamId')).toEqual(['All teams', 'Billing']);
    expect(options(container, 'agentId')).toEqual(['All agents']);
    expect(container.querySelectorAll('.field-row')[1]!.lastElementChild!.textContent).toBe('Status');
  });

  it('hands every edit to the page as a patch of its filters', async () => {
    const seen: Scope[] = [];
    render(<Page client={admin()} problem={NO_PROBLEM} seen={seen} />, container);
    await until(() => options(container, 'siteId').length === 3);
    const from = container.querySelector<HTMLInputElement>('input[name=from]')!;
    from.value = '2026-11-01';
    from.dispatchEvent(new Event('input', { bubbles: true }));
    const site = container.querySelector<HTMLSelectElement>('select[name=siteId]')!;
    site.value = 'S2';
    site.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => seen.at(-1)!.siteId === 'S2');
    expect(seen.at(-1)).toEqual({ ...EMPTY, from: '2026-11-01', siteId: 'S2' });
    expect(from.required).toBe(false);
  });

  it('shows a refused field\'s message next to that field only, and requires the dates when asked', async () => {
    const problem: Problem = { fields: { to: 'to must not be before from' }, message: 'Some fields need attention: to must not be before from' };
    render(<Page client={admin()} problem={problem} seen={[]} datesRequired />, container);
    const to = container.querySelector('.field[data-field=to]')!;
    expect(to.classList.contains('invalid')).toBe(true);
    expect(to.querySelector('.field-error')!.textContent).toBe('Must not be before from');
    expect(container.querySelectorAll('.field-error')).toHaveLength(1);
    expect(container.querySelector<HTMLInputElement>('input[name=from]')!.required).toBe(true);
    expect(container.querySelector<HTMLInputElement>('input[name=to]')!.required).toBe(true);
  });
});
