import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installParley, readBase, readSiteKey } from '../src/loader';
import { HOST_SNIPPET, hostParley, runAsScript } from './snippet';

let events: string[];
const record = (name: string) => () => events.push(name);

beforeEach(() => {
  events = [];
  document.body.innerHTML = '<script data-site="site-123"></script>';
});

afterEach(() => {
  delete window.Parley;
  vi.restoreAllMocks();
});

describe('command queue', () => {
  it('replays calls made before load, in order', () => {
    runAsScript(HOST_SNIPPET);
    const early = hostParley();
    early('on', 'open', record('open'));
    early('on', 'close', record('close'));
    early('open');
    early('toggle');
    early('toggle');

    installParley(window, document);

    expect(events).toEqual(['open', 'close', 'open']);
    expect(window.Parley).not.toBe(early);
    expect(window.Parley).not.toHaveProperty('q');
  });

  it('dispatches commands made after load', () => {
    installParley(window, document);
    const parley = hostParley();
    parley('on', 'open', record('open'));
    parley('on', 'close', record('close'));
    parley('open');
    parley('open');
    parley('close');

    expect(events).toEqual(['open', 'close']);
  });

  it('keeps the first copy when the script is embedded twice', () => {
    installParley(window, document);
    const first = window.Parley;
    hostParley()('on', 'open', record('open'));

    installParley(window, document);
    hostParley()('open');

    expect(window.Parley).toBe(first);
    expect(events).toEqual(['open']);
  });
});

describe('defensive dispatch', () => {
  it.each([['explode'], ['toString'], ['__proto__'], [42], [undefined]])(
    'warns about unknown command %s without throwing',
    (command) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      installParley(window, document);

      expect(() => hostParley()(command)).not.toThrow();
      expect(warn).toHaveBeenCalledWith(`[Parley] unknown command '${String(command)}' ignored`);
    },
  );

  it('skips an unknown queued command and still replays the rest', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    runAsScript(HOST_SNIPPET);
    hostParley()('on', 'open', record('open'));
    hostParley()('no-such-command');
    hostParley()('open');

    expect(() => installParley(window, document)).not.toThrow();
    expect(events).toEqual(['open']);
  });

  it('contains a throwing listener and still runs the others', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    installParley(window, document);
    const parley = hostParley();
    parley('on', 'open', () => {
      throw new Error('host bug');
    });
    parley('on', 'open', record('open'));

    expect(() => parley('open')).not.toThrow();
    expect(events).toEqual(['open']);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('rejects listeners for unknown events or that are not functions', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    installParley(window, document);
    const parley = hostParley();

    expect(() => parley('on', 'hover', record('hover'))).not.toThrow();
    expect(() => parley('on', 'open', 'not a function')).not.toThrow();
    parley('open');

    expect(events).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('shutdown', () => {
  it('closes, drops listeners and ignores later commands', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    installParley(window, document);
    const parley = hostParley();
    parley('on', 'open', record('open'));
    parley('on', 'close', record('close'));
    parley('open');

    parley('shutdown');
    parley('on', 'open', record('late'));
    parley('open');

    expect(events).toEqual(['open', 'close']);
    expect(warn).toHaveBeenCalledWith("[Parley] 'on' ignored: the widget was shut down");
  });
});

describe('readSiteKey', () => {
  afterEach(() => {
    Reflect.deleteProperty(document, 'currentScript');
  });

  it('prefers the currently executing script tag', () => {
    const own = document.createElement('script');
    own.setAttribute('data-site', 'own-key');
    Object.defineProperty(document, 'currentScript', { value: own, configurable: true });

    expect(readSiteKey(document)).toBe('own-key');
  });

  it('falls back to the first script[data-site] when currentScript is unavailable', () => {
    Object.defineProperty(document, 'currentScript', { value: null, configurable: true });

    expect(readSiteKey(document)).toBe('site-123');
  });

  it('returns null, and install warns, when no tag carries data-site', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = '<script data-site=""></script>';

    expect(readSiteKey(document)).toBeNull();
    installParley(window, document);
    expect(warn).toHaveBeenCalledWith('[Parley] no data-site attribute found on the widget script tag');
  });
});

describe('readBase', () => {
  afterEach(() => {
    Reflect.deleteProperty(document, 'currentScript');
  });

  it("is the directory of the script's own src, so the API and socket live beside widget.js", () => {
    document.body.innerHTML = '<script data-site="k" src="https://chat.example.com/parley/widget.js?v=3"></script>';
    expect(readBase(document)).toBe('https://chat.example.com/parley/');
    document.body.innerHTML = '<script data-site="k" src="http://127.0.0.1:8080/widget.js"></script>';
    expect(readBase(document)).toBe('http://127.0.0.1:8080/');
  });

  it("resolves a relative src against the page, and uses the page's base without one", () => {
    document.body.innerHTML = '<script data-site="k" src="/static/widget.js"></script>';
    expect(readBase(document)).toBe(new URL('/static/', document.baseURI).href);
    document.body.innerHTML = '<script data-site="k"></script>';
    expect(readBase(document)).toBe(new URL('.', document.baseURI).href);
  });
});
