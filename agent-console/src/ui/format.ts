/** 14:05, or 3 Mar 14:05 for another day. */
export function clock(iso: string, now: number = Date.now()): string {
  const date = new Date(iso);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** The visitor's local time now, in their zone, with the zone's name. */
export function localTime(timeZone: string, now: number = Date.now()): string {
  try {
    return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', weekday: 'short', timeZone, timeZoneName: 'short' })
      .format(now);
  } catch {
    return 'unknown';
  }
}

/** A name to show for a visitor: their name, their email, or a short form of their id. */
export function visitorLabel(visitor: { name?: string; email?: string } | undefined, visitorId: string): string {
  return visitor?.name || visitor?.email || 'Visitor ' + visitorId.slice(-6);
}
