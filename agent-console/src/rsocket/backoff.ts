/** First reconnect delay: quick enough that a blip goes unnoticed. */
export const BACKOFF_BASE_MS = 1_000;

/** Longest delay: a console that was away for a while is back within half a minute of the server. */
export const BACKOFF_MAX_MS = 30_000;

/**
 * The wait before reconnect attempt `attempt` (0 is the first): doubling from one second to thirty,
 * of which a random half is dropped, so a restarted server is not hit by every console at once.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const full = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(full / 2 + (full / 2) * random());
}
