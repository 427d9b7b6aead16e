import { FieldError, type Problem } from '../admin/forms';
import { DAYS, type BusinessHours, type Day, type Slot } from './api';

/** Every IANA zone the browser knows, the current one first if it is unusual. */
function zones(current: string): string[] {
  const known = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['UTC'];
  return known.includes(current) || current === '' ? known : [current, ...known];
}

const dayName = (day: Day) => day.charAt(0) + day.slice(1).toLowerCase();

/**
 * A weekly timetable in one time zone, with dated exceptions (holidays, special days). Slots keep
 * their index in the request's `weekly` list, so the server's message for `weekly[3].to` lands on
 * the row that caused it.
 */
export function BusinessHoursEditor({ hours, problem, onChange }: { hours: BusinessHours; problem: Problem; onChange: (h: BusinessHours) => void }) {
  const setSlot = (i: number, patch: Partial<Slot>) =>
    onChange({ ...hours, weekly: hours.weekly.map((s, j) => (i === j ? { ...s, ...patch } : s)) });
  const setException = (i: number, patch: Partial<{ date: string; slots: Slot[] }>) =>
    onChange({ ...hours, exceptions: hours.exceptions.map((e, j) => (i === j ? { ...e, ...patch } : e)) });

  return (
    <div class="business-hours">
      <label class="field" data-field="businessHours.zone">
        <span class="field-label">Time zone</span>
        <select name="zone" value={hours.zone} onChange={(e) => onChange({ ...hours, zone: e.currentTarget.value })}>
          {zones(hours.zone).map((z) => <option value={z}>{z.replace(/_/g, ' ')}</option>)}
        </select>
        <span class="muted field-hint">Times below are wall-clock times there, and follow its daylight saving.</span>
        <FieldError problem={problem} field="businessHours.zone" />
      </label>
      <table class="weekly">
        <tbody>
          {DAYS.map((day) => {
            const slots = hours.weekly.map((s, i) => ({ s, i })).filter(({ s }) => s.day === day);
            return (
              <tr data-day={day}>
                <th scope="row">{dayName(day)}</th>
                <td>
                  {slots.length === 0 && <span class="muted">Closed</span>}
                  {slots.map(({ s, i }) => (
                    <div class="slot" data-index={i}>
                      <input type="time" aria-label={dayName(day) + ' from'} value={s.from} onInput={(e) => setSlot(i, { from: e.currentTarget.value })} />
                      {' – '}
                      <input type="time" aria-label={dayName(day) + ' to'} value={s.to} onInput={(e) => setSlot(i, { to: e.currentTarget.value })} />
                      <button type="button" class="link" aria-label={'Remove ' + dayName(day) + ' ' + s.from}
                        onClick={() => onChange({ ...hours, weekly: hours.weekly.filter((_, j) => j !== i) })}>Remove</button>
                      <FieldError problem={problem} field={`businessHours.weekly[${i}]`} nested />
                    </div>
                  ))}
                </td>
                <td>
                  <button type="button" class="link" onClick={() => onChange({ ...hours, weekly: [...hours.weekly, { day, from: '09:00', to: '17:00' }] })}>
                    Add hours
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldError problem={problem} field="businessHours.weekly" />
      <h3>Exceptions</h3>
      <p class="muted">A date listed here replaces that weekday's hours; with no hours it is closed all day.</p>
      <ul class="exceptions">
        {hours.exceptions.map((ex, i) => (
          <li data-index={i}>
            <input type="date" aria-label="Date" value={ex.date} onInput={(e) => setException(i, { date: e.currentTarget.value })} />
            {ex.slots.length === 0 && <span class="muted"> closed all day </span>}
            {ex.slots.map((s, k) => (
              <span class="slot">
                <input type="time" aria-label="From" value={s.from}
                  onInput={(e) => setException(i, { slots: ex.slots.map((x, m) => (m === k ? { ...x, from: e.currentTarget.value } : x)) })} />
                {' – '}
                <input type="time" aria-label="To" value={s.to}
                  onInput={(e) => setException(i, { slots: ex.slots.map((x, m) => (m === k ? { ...x, to: e.currentTarget.value } : x)) })} />
                <button type="button" class="link" onClick={() => setException(i, { slots: ex.slots.filter((_, m) => m !== k) })}>Remove hours</button>
              </span>
            ))}
            <button type="button" class="link" onClick={() => setException(i, { slots: [...ex.slots, { from: '09:00', to: '12:00' }] })}>Add hours</button>
            <button type="button" class="link danger" onClick={() => onChange({ ...hours, exceptions: hours.exceptions.filter((_, j) => j !== i) })}>Remove date</button>
            <FieldError problem={problem} field={`businessHours.exceptions[${i}]`} nested />
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onChange({ ...hours, exceptions: [...hours.exceptions, { date: new Date().toISOString().slice(0, 10), slots: [] }] })}>
        Add a date
      </button>
      <FieldError problem={problem} field="businessHours.exceptions" />
    </div>
  );
}
