import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import en from './messages/en.json';
import ru from './messages/ru.json';

// Both catalogues hold the same keys, every message parses, and every key is used by the code. A key
// the code asks for but the catalogue lacks already fails `npm run typecheck` (lib/i18n/app-config.d.ts).

type Tree = { [key: string]: string | Tree };
const root = path.resolve(__dirname, '../..');

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/**
 * The keys the code uses. A translator is bound to a namespace where it is made —
 * `const t = useTranslations('drilldown')`, `getTranslations('meta')`, `useTranslations<'labels'>`
 * in a type — and called as `t('key')`, `tNav('key')` or with a template (`t(\`panel.${x}\`)`),
 * which counts every key under that prefix as used.
 */
function usedKeys(): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of [...sourceFiles(path.join(root, 'app')), ...sourceFiles(path.join(root, 'components')), ...sourceFiles(path.join(root, 'lib'))]) {
    const text = readFileSync(file, 'utf8');
    const translators = new Map<string, string[]>();
    for (const match of text.matchAll(/(?:const|let)\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\(\s*'([\w.]+)'/g)) {
      translators.set(match[1]!, [...(translators.get(match[1]!) ?? []), match[2]!]);
    }
    // Translators passed in: `(t: ReturnType<typeof useTranslations<'errors'>>, …)` and the like.
    for (const match of text.matchAll(/(\w+)\??:\s*(?:ReturnType<typeof useTranslations<'([\w.]+)'>>|(\w+Words))/g)) {
      const namespace = match[2] ?? (match[3] === 'LabelWords' ? 'labels' : null);
      if (namespace) translators.set(match[1]!, [...(translators.get(match[1]!) ?? []), namespace]);
    }
    for (const match of text.matchAll(/\(await getTranslations\('([\w.]+)'\)\)\(\s*'([\w.]+)'/g)) exact.add(`${match[1]}.${match[2]}`);
    for (const [name, namespaces] of translators) {
      const call = new RegExp(`\\b${name}\\(\\s*(?:'([\\w.]+)'|\`([\\w.]*)\\$\\{)`, 'g');
      for (const match of text.matchAll(call)) {
        for (const namespace of namespaces) {
          if (match[1]) exact.add(`${namespace}.${match[1]}`);
          else prefixes.add(`${namespace}.${match[2]}`);
        }
      }
    }
  }
  return { exact, prefixes };
}

const catalogues = { en: leaves(en), ru: leaves(ru) };

describe('the message catalogues', () => {
  it('hold the same keys in English and Russian', () => {
    const missingInRu = [...catalogues.en.keys()].filter((key) => !catalogues.ru.has(key));
    const onlyInRu = [...catalogues.ru.keys()].filter((key) => !catalogues.en.has(key));
    expect({ missingInRu, onlyInRu }).toEqual({ missingInRu: [], onlyInRu: [] });
  });

  it('have no key the code does not use', () => {
    const { exact, prefixes } = usedKeys();
    expect(exact.size).toBeGreaterThan(50);
    const unused = [...catalogues.en.keys()].filter((key) => !exact.has(key) && ![...prefixes].some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });

  it('have no empty message, and every message formats with its placeholders in both languages', () => {
    const values = { count: 3, chats: 21, cap: 900, n: 5, s: 42, m: '05', h: 3, d: 2, id: '7', time: '14:02', age: '15 min', state: 'x' };
    for (const locale of LOCALES) {
      const t = createTranslator({ locale, messages: locale === 'en' ? en : ru });
      for (const [key, message] of catalogues[locale]) {
        expect(message.trim(), `${locale} ${key}`).not.toBe('');
        const names = [...message.matchAll(/\{(\w+)/g)].map((m) => m[1]!);
        const given: Record<string, string | number> = {};
        for (const name of names) given[name] = (values as Record<string, string | number>)[name] ?? `«${name}»`;
        const text = (t as unknown as (key: string, values: Record<string, string | number>) => string)(key, given);
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('put Russian plurals in the right form: 1 чат, 2 чата, 5 чатов, 21 чат', () => {
    const t = createTranslator({ locale: 'ru', messages: ru, namespace: 'drilldown' });
    expect([1, 2, 5, 11, 21, 22].map((count) => t('summary', { count }).split(',')[0])).toEqual([
      '1 открытый чат',
      '2 открытых чата',
      '5 открытых чатов',
      '11 открытых чатов',
      '21 открытый чат',
      '22 открытых чата',
    ]);
    const tv = createTranslator({ locale: 'ru', messages: ru, namespace: 'tv' });
    expect(tv('more', { count: 3, chats: 1 })).toBe('+ ещё 3 оператора: 1 чат');
    const tvEn = createTranslator({ locale: 'en', messages: en, namespace: 'tv' });
    expect(tvEn('more', { count: 1, chats: 2 })).toBe('+ 1 more operator with 2 chats');
  });
});
