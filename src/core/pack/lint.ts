/**
 * The pack linter: what `backstory pack check` warns about beyond what makes a pack invalid. Every
 * alias a newsroom writes is a promise about every page on the web, and every fact a promise to a
 * reader; the validator (./validate.ts) rejects what cannot work, this finds what is risky or
 * unsourced. Each warning has a JSON path, a rule and one sentence of advice; a pack may accept a
 * warning with a reason (`exceptions`, format 2). docs/authoring-a-pack.md explains every rule.
 *
 * Pure: the list of common English words comes from the caller (the CLI reads it from a word
 * frequency list; see src/cli/common-words.ts).
 */
import type { Pack } from './types';
import { normalize } from '../text/normalize';

export type LintRule = 'commonPhrase' | 'descriptiveAlias' | 'officeWithoutPeriod' | 'unsourcedPeriod' | 'undatedFact' | 'undatedSource' | 'uncitedSource' | 'dateSaidTwice';

export interface LintWarning {
  readonly path: string;
  readonly rule: LintRule;
  readonly message: string;
  /** The reason the pack gives for accepting it, when it does. */
  readonly accepted?: string;
}

export interface LintOptions {
  /** Common English words, lower-case (the most frequent lower-case entries of a frequency list). */
  readonly commonWords: ReadonlySet<string>;
  /**
   * Common Persian words, folded as the matcher folds them (normalize(word).lower: Arabic yeh and
   * kaf as Persian ones, no ZWNJ). Persian has no capitals, so the list holds names too ("ایران",
   * "آمریکا"). Without it, Persian aliases are not checked for common words.
   */
  readonly persianWords?: ReadonlySet<string>;
}

/** Words that name an office: an alias holding one describes a holder, not a person (any case). */
export const OFFICE_WORDS: readonly string[] = [
  'ambassador', 'envoy', 'minister', 'president', 'prime minister', 'leader', 'spokesman', 'spokesperson', 'secretary',
  'chief', 'head', 'director', 'commander', 'general', 'governor', 'mayor', 'chairman', 'chief executive', 'ceo', 'ruler',
  'representative',
  // Persian: ambassador, representative, minister, spokesman, head (two spellings), leader, commander, secretary-general, deputy.
  'سفیر', 'نماینده', 'وزیر', 'سخنگو', 'رئیس', 'رییس', 'رهبر', 'فرمانده', 'دبیرکل', 'معاون',
];

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Arabic script: Persian and Arabic have no capitals, so case cannot guard an alias there. */
const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

function isCommon(word: string, common: ReadonlySet<string>): boolean {
  return /^\p{N}+$/u.test(word) || common.has(word.toLowerCase());
}

function hasOfficeWord(text: string): boolean {
  const lower = ` ${words(text).join(' ').toLowerCase()} `;
  return OFFICE_WORDS.some((w) => lower.includes(` ${w} `));
}

/**
 * Whether a fact's value says its own date again, as the card shows the date beside the value
 * ("Founded the rocket company in 2002 · 2002", "July 2022, succeeding Majid Takht-Ravanchi ·
 * July 2022"): the value holds the date's year.
 */
function saysDate(value: string, date: string): boolean {
  return new RegExp(`(^|\\D)${date.slice(0, 4)}(\\D|$)`).test(value);
}

/** Every warning for `pack`, in the order of its JSON. */
export function lintPack(pack: Pack, options: LintOptions): LintWarning[] {
  const out: LintWarning[] = [];
  const common = options.commonWords;
  const warn = (path: string, rule: LintRule, message: string): void => {
    out.push({ path, rule, message });
  };
  pack.entities.forEach((entity, e) => {
    const at = `$.entities[${e}]`;
    const nameWords = new Set(words(entity.name).map((w) => w.toLowerCase()));
    // The words of every name the entity goes by ("President Zelensky" names him by a listed "Zelensky").
    const namedBy = new Set([entity.name, ...entity.aliases.map((a) => a.text)].filter((t) => !hasOfficeWord(t)).flatMap((t) => words(t).map((w) => w.toLowerCase())));
    const aliases = [{ path: `${at}.name`, text: entity.name, caseSensitive: false, needsContext: false, listed: false, period: false }, ...entity.aliases.map((a, i) => ({
      path: `${at}.aliases[${i}]`, text: a.text, caseSensitive: a.caseSensitive === true, needsContext: a.needsContext === true, listed: true,
      period: a.from !== undefined || a.until !== undefined,
    }))];
    // The name listed under aliases with other settings is checked there.
    const listedName = entity.aliases.some((a) => a.text === entity.name);
    for (const a of aliases) {
      if (!a.listed && listedName) continue;
      const ws = words(a.text);
      if (ARABIC_SCRIPT.test(a.text)) {
        // No capitals to keep: only context, or being a broad entity, guards a common Persian word.
        const persian = options.persianWords;
        const folded = words(normalize(a.text).lower);
        if (persian && !a.needsContext && entity.broad !== true && folded.length > 0 && folded.every((w) => /^\p{N}+$/u.test(w) || persian.has(w))) {
          warn(a.path, 'commonPhrase', `"${a.text}" is made of common Persian words (Persian has no capitals to tell a name): mark it needsContext, or accept it with a reason.`);
        }
      } else if (!(a.needsContext || a.caseSensitive) && ws.length > 0 && ws.every((w) => isCommon(w, common))) {
        warn(a.path, 'commonPhrase', `"${a.text}" is made of common words and will match ordinary text: mark it needsContext or caseSensitive, or write a more specific alias.`);
      }
      if (a.listed && (entity.type === 'person' || entity.type === 'organization' || entity.type === 'place') && ws.length >= 2 && !a.needsContext &&
        // A Persian alias shares no word with the English name: any name the entity goes by counts.
        !ws.some((w) => (ARABIC_SCRIPT.test(w) ? namedBy : nameWords).has(w.toLowerCase())) &&
        (hasOfficeWord(a.text) || ws.some((w) => w === w.toLowerCase() && /\p{Ll}/u.test(w) && common.has(w)))) {
        warn(a.path, 'descriptiveAlias', `"${a.text}" describes ${entity.name} rather than naming them: mark it needsContext, or accept it with a reason.`);
      }
      // An office has one holder at a time: its description names this person only for their term.
      if (a.listed && entity.type === 'person' && ws.length >= 2 && !a.period && !ws.some((w) => namedBy.has(w.toLowerCase())) && hasOfficeWord(a.text)) {
        warn(a.path, 'officeWithoutPeriod', `"${a.text}" names an office, which ${entity.name} holds for a time: give the alias "from" and/or "until", with the "source" that dates them.`);
      }
    }
    entity.aliases.forEach((a, i) => {
      if ((a.from !== undefined || a.until !== undefined) && a.source === undefined) {
        warn(`${at}.aliases[${i}]`, 'unsourcedPeriod', `The period of "${a.text}" has no source: give the index of the source that dates it.`);
      }
    });
    const cited = new Set<number>();
    for (const a of entity.aliases) if (a.source !== undefined) cited.add(a.source);
    entity.facts.forEach((f, i) => {
      cited.add(f.source);
      if (f.date === undefined) warn(`${at}.facts[${i}]`, 'undatedFact', `The fact "${f.label}" has no date: give the date it was true or reported.`);
      else if (saysDate(f.value, f.date)) warn(`${at}.facts[${i}].value`, 'dateSaidTwice', `The value repeats the fact's date, which the card shows beside it: take the date out of "${f.value}".`);
    });
    for (const t of entity.timeline ?? []) cited.add(t.source);
    entity.sources.forEach((s, i) => {
      if (s.date === undefined) warn(`${at}.sources[${i}]`, 'undatedSource', `The source "${s.title}" has no date: give its publication date.`);
      if (!cited.has(i)) warn(`${at}.sources[${i}]`, 'uncitedSource', `No fact or timeline entry cites the source "${s.title}": cite it or remove it.`);
    });
  });
  const accepted = new Map((pack.exceptions ?? []).map((x) => [`${x.rule} ${x.path}`, x.reason]));
  return out.map((w) => {
    const reason = accepted.get(`${w.rule} ${w.path}`);
    return reason === undefined ? w : { ...w, accepted: reason };
  });
}
