import { build } from 'esbuild';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { widgetBuild } from '../esbuild.config.mjs';
import { HOST_SNIPPET, hostParley, runAsScript } from './snippet';

// The shipped artifact, built with the production options but kept in memory.
let bundle: string;

beforeAll(async () => {
  const result = await build({
    ...widgetBuild,
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error('esbuild produced no output');
  bundle = output.text;
});

beforeEach(() => {
  delete window.Parley;
  document.body.innerHTML = '<script data-site="site-123"></script>';
});

const newGlobals = (before: string[]): string[] =>
  Object.keys(window).filter((key) => !before.includes(key));

describe('widget.js bundle', () => {
  it('adds Parley and no other global', () => {
    const before = Object.keys(window);

    runAsScript(bundle);

    expect(newGlobals(before)).toEqual(['Parley']);
    expect(typeof window.Parley).toBe('function');
  });

  it('replays what the host snippet queued, in order', () => {
    const before = Object.keys(window);
    const events: string[] = [];
    runAsScript(HOST_SNIPPET);
    hostParley()('on', 'open', () => events.push('open'));
    hostParley()('on', 'close', () => events.push('close'));
    hostParley()('toggle');
    hostParley()('close');

    runAsScript(bundle);
    hostParley()('open');

    expect(events).toEqual(['open', 'close', 'open']);
    expect(newGlobals(before)).toEqual(['Parley']);
  });
});
