import { describe, expect, it } from 'vitest';
import html from '../index.html?raw';

// The console is served with a strict Content-Security-Policy (no 'unsafe-inline').
describe('index.html', () => {
  // A <template> keeps the markup inert, so the DOM does not try to fetch what it links.
  const page = document.createElement('template');
  page.innerHTML = html;

  it('loads its code only from an external module script', () => {
    const scripts = Array.from(page.content.querySelectorAll('script'));

    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script.getAttribute('type')).toBe('module');
      expect(script.getAttribute('src')).toBeTruthy();
      expect(script.textContent?.trim()).toBe('');
    }
  });

  it('has no inline styles or event handlers', () => {
    const inlineAttributes = Array.from(page.content.querySelectorAll('*')).flatMap((el) =>
      el.getAttributeNames().filter((name) => name === 'style' || name.startsWith('on')),
    );

    expect(page.content.querySelectorAll('style')).toHaveLength(0);
    expect(inlineAttributes).toEqual([]);
    expect(page.content.querySelector('link[rel="stylesheet"][href]')).not.toBeNull();
  });
});
