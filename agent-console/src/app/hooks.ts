import { useEffect, useState } from 'preact/hooks';

/** Re-renders the component whenever `source` reports a change. */
export function useChanges(source: { subscribe(listener: () => void): () => void }): void {
  const [, setTick] = useState(0);
  useEffect(() => source.subscribe(() => setTick((n) => n + 1)), [source]);
}

/** The current time, ticking every `ms`: for waiting times and the visitor's clock. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
