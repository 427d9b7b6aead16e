/** First reconnect delay, before any doubling. */
export const BACKOFF_BASE_MS = 1000;
/** Longest wait between attempts: a visitor who comes back online should not wait long. */
export const BACKOFF_CAP_MS = 30000;

/**
 * The delay before reconnect attempt `attempt` (0 for the first): exponential up to the cap, with
 * "equal jitter" — half fixed, half random — so a server restart does not get every widget back
 * in the same instant, yet no widget retries in a tight loop. `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
