/** The console lives under /console/; the server answers every path below it with the console. */
export const BASE = '/console/';

export type Route =
  | { page: 'inbox'; conversationId: string | null }
  | { page: 'settings'; section: string }
  | { page: 'callback' };

export function parse(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : '';
  const parts = rest.split('/').filter(Boolean);
  if (parts[0] === 'oidc' && parts[1] === 'callback') return { page: 'callback' };
  if (parts[0] === 'settings') return { page: 'settings', section: parts[1] ?? '' };
  if (parts[0] === 'c' && parts[1]) return { page: 'inbox', conversationId: decodeURIComponent(parts[1]) };
  return { page: 'inbox', conversationId: null };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'inbox':
      return BASE + (route.conversationId ? 'c/' + encodeURIComponent(route.conversationId) : '');
    case 'settings':
      return BASE + 'settings/' + route.section;
    case 'callback':
      return BASE + 'oidc/callback';
  }
}

type Listener = (route: Route) => void;
const listeners = new Set<Listener>();

/** Moves to `route` without a page load. */
export function go(route: Route, replace = false): void {
  const url = href(route);
  if (replace) history.replaceState(null, '', url);
  else if (location.pathname !== url) history.pushState(null, '', url);
  listeners.forEach((l) => l(route));
}

export function onRoute(listener: Listener): () => void {
  listeners.add(listener);
  const pop = () => listener(parse(location.pathname));
  window.addEventListener('popstate', pop);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', pop);
  };
}
