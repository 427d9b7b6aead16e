/** The queueing stub host pages paste before the widget's script tag, verbatim. */
export const HOST_SNIPPET =
  'window.Parley = window.Parley || function(){(Parley.q=Parley.q||[]).push(arguments)}';

/** Runs code the way a classic <script> would: in global scope. */
export const runAsScript = (code: string): void => {
  (0, eval)(code);
};

/** What `Parley` looks like to untyped host-page JavaScript. */
export const hostParley = (): ((...args: unknown[]) => void) => {
  const parley = window.Parley;
  if (typeof parley !== 'function') throw new Error('window.Parley is not defined');
  return parley as (...args: unknown[]) => void;
};
