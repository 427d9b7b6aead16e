import { describe, expect, it } from 'vitest';
import { resolveLocale, translator } from '../src/i18n';
import { KEYS, STRINGS } from '../src/i18n-strings';
import { appendLinkified } from '../src/linkify';

const render = (text: string): HTMLElement => {
  const div = document.createElement('div');
  appendLinkified(div, text);
  return div;
};

describe('linkify', () => {
  it('keeps markup as text: nothing is parsed as HTML', () => {
    const div = render('<img src=x onerror=window.__pwned=1> <b>bold</b>');
    expect(div.textContent).toBe('<img src=x onerror=window.__pwned=1> <b>bold</b>');
    expect(div.querySelector('img, b')).toBeNull();
    expect(div.childNodes).toHaveLength(1);
  });

  it('links http and https URLs only, opening safely in a new tab', () => {
    const div = render('see https://shop.example/a?b=1, http://x.test. javascript:alert(1) data:text/html,hi ftp://f.test');
    const links = Array.from(div.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://shop.example/a?b=1', 'http://x.test/']);
    expect(links.map((a) => a.textContent)).toEqual(['https://shop.example/a?b=1', 'http://x.test']);
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(a.getAttribute('target')).toBe('_blank');
    }
    expect(div.textContent).toBe('see https://shop.example/a?b=1, http://x.test. javascript:alert(1) data:text/html,hi ftp://f.test');
  });

  it('cannot be tricked into a link that breaks out of its attribute or text', () => {
    const div = render('https://a.test/"><script>alert(1)</script>');
    expect(div.querySelector('script')).toBeNull();
    expect(div.querySelector('a')?.getAttribute('href')).toBe('https://a.test/');
    expect(div.textContent).toBe('https://a.test/"><script>alert(1)</script>');
  });
});

describe('i18n', () => {
  it('has every string in all six locales', () => {
    expect(Object.keys(STRINGS).sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'zh-CN']);
    for (const [locale, joined] of Object.entries(STRINGS)) {
      expect(joined.split('|'), locale).toHaveLength(KEYS.length);
      expect(joined.split('|').every((s) => s.length > 0), locale).toBe(true);
    }
  });

  it('picks the exact locale, then the language, then English', () => {
    expect(resolveLocale(['zh-CN'])).toBe('zh-CN');
    expect(resolveLocale(['zh-TW'])).toBe('zh-CN');
    expect(resolveLocale(['de-AT', 'fr'])).toBe('de');
    expect(resolveLocale([undefined, 'pt-BR', 'ja-JP'])).toBe('ja');
    expect(resolveLocale(['pt-BR', 'ko'])).toBe('en');
  });

  it('translates with the argument and falls back to English for a missing string', () => {
    expect(translator('fr')('send')).toBe('Envoyer');
    expect(translator('ja')('queue', 3)).toBe('順番待ち: 3番目です。');
    expect(translator('xx')('typing', 'Alice')).toBe('Alice is typing…');
    const saved = STRINGS.de!;
    try {
      STRINGS.de = saved.replace('Senden|', '|');
      expect(translator('de')('send')).toBe('Send');
      expect(translator('de')('sending')).toBe('Wird gesendet');
    } finally {
      STRINGS.de = saved;
    }
  });
});
