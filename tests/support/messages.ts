/**
 * The English messages, read as the browser reads them (assets/_locales/en/messages.json): for
 * tests that render UI outside an extension, and for the check that every key used exists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Entry { message: string; placeholders?: Record<string, { content: string }> }

export const ENGLISH: Record<string, Entry> = JSON.parse(
  readFileSync(join(__dirname, '../../assets/_locales/en/messages.json'), 'utf8'),
) as Record<string, Entry>;

/** browser.i18n.getMessage for the English messages: named placeholders, then $1..$9. */
export function englishT(key: string, substitutions: string | string[] = []): string {
  const entry = ENGLISH[key];
  if (!entry) throw new Error(`no message ${key}`);
  const subs = typeof substitutions === 'string' ? [substitutions] : substitutions;
  return entry.message.replace(/\$(\w+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
    return content.replace(/\$(\d)/g, (_m, d: string) => subs[Number(d) - 1] ?? '');
  });
}

/** browser.i18n.getMessage as the DOM tests' fake platform: like the browser's, '' for an unknown key. */
export function fakeGetMessage(key: string, substitutions?: string | string[]): string {
  return ENGLISH[key] ? englishT(key, substitutions) : '';
}
