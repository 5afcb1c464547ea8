/**
 * Meta-test (STYLE habit 9): every UI string goes through _locales, and every key the code or the
 * pages use exists in the English messages, which are complete.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_MESSAGE_KEYS } from '../../src/ui/card-strings';
import { ENGLISH, englishT } from '../support/messages';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

describe('locales', () => {
  const used = new Set<string>(CARD_MESSAGE_KEYS);
  for (const file of files('src', '.ts')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('(\w+)'/g)) used.add(m[1]!);
  }
  for (const file of files('assets/pages', '.html')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/data-i18n="(\w+)"/g)) used.add(m[1]!);
  }
  for (const m of readFileSync('manifest.json', 'utf8').matchAll(/__MSG_(\w+)__/g)) used.add(m[1]!);

  it.each([...used].sort())('has an English message for %s', (key) => {
    expect(ENGLISH[key]?.message, key).toBeTruthy();
  });

  it('fills the card’s placeholders', () => {
    expect(englishT('cardAsOf', ['The pack', '30 June 2026'])).toBe('The pack, facts as of 30 June 2026');
    expect(englishT('cardWhy', ['Musk’s', 'Musk'])).toBe('“Musk’s” matched “Musk”.');
  });
});
