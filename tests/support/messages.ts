/**
 * The messages of assets/_locales, read as the browser reads them: for tests that render UI
 * outside an extension, and for the checks that every key used exists and every translation is
 * complete.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Entry { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> }

const LOCALES_DIR = join(__dirname, '../../assets/_locales');

/** The locale folders under assets/_locales ("en", "fa"). */
export const LOCALES: string[] = readdirSync(LOCALES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/** One locale's messages.json. */
export function messagesOf(locale: string): Record<string, Entry> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Record<string, Entry>;
}

export const ENGLISH: Record<string, Entry> = messagesOf('en');
export const PERSIAN: Record<string, Entry> = messagesOf('fa');

/** browser.i18n.getMessage over `messages`: named placeholders, then $1..$9. */
export function messageT(messages: Record<string, Entry>): (key: string, substitutions?: string | string[]) => string {
  return (key, substitutions = []) => {
    const entry = messages[key];
    if (!entry) throw new Error(`no message ${key}`);
    const subs = typeof substitutions === 'string' ? [substitutions] : substitutions;
    return entry.message.replace(/\$(\w+)\$/g, (whole, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
      return content.replace(/\$(\d)/g, (_m, d: string) => subs[Number(d) - 1] ?? '');
    });
  };
}

/** browser.i18n.getMessage for the English messages. */
export const englishT = messageT(ENGLISH);

/** browser.i18n.getMessage for the Persian messages. */
export const persianT = messageT(PERSIAN);

/** browser.i18n.getMessage as the DOM tests' fake platform: like the browser's, '' for an unknown key. */
export function fakeGetMessage(key: string, substitutions?: string | string[]): string {
  return ENGLISH[key] ? englishT(key, substitutions) : '';
}

/** The same in Persian, for a fake platform whose browser shows the fa messages. */
export function fakePersianGetMessage(key: string, substitutions?: string | string[]): string {
  return PERSIAN[key] ? persianT(key, substitutions) : '';
}
