import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';

describe('App', () => {
  const container = document.createElement('div');

  afterEach(() => {
    render(null, container);
  });

  it('renders the console heading and the sign-in note', () => {
    render(<App />, container);

    expect(container.querySelector('h1')?.textContent).toBe('Parley agent console');
    expect(container.querySelector('main p')?.textContent).toMatch(/sign-in arrives soon/i);
  });
});
