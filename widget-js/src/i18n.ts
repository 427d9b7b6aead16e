import { type Key, KEYS, STRINGS } from './i18n-strings';

export type { Key };
export type Translate = (key: Key, arg?: string | number) => string;

/**
 * The supported locale closest to the wanted ones, in order of preference: an exact match
 * (`zh-CN`), else the language (`de-AT` → `de`, `zh-TW` → `zh-CN`), else English.
 */
export function resolveLocale(wanted: readonly (string | undefined)[]): string {
  const supported = Object.keys(STRINGS);
  for (const tag of wanted) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    const exact = supported.find((s) => s.toLowerCase() === lower);
    if (exact) return exact;
    const language = lower.split('-')[0];
    const near = supported.find((s) => s.toLowerCase().split('-')[0] === language);
    if (near) return near;
  }
  return 'en';
}

/** A translator for `locale` (resolved first), falling back to English key by key. */
export function translator(locale: string): Translate {
  const own = (STRINGS[resolveLocale([locale])] ?? '').split('|');
  const english = (STRINGS.en ?? '').split('|');
  return (key, arg) => {
    const index = KEYS.indexOf(key);
    const text = own[index] || english[index] || key;
    return arg === undefined ? text : text.replace('{0}', String(arg));
  };
}

