/**
 * The popup's search: any entity of the installed packs by its name or an alias, whether or not
 * the page mentions it. Pure; the same normalisation as the matcher (case, diacritics, dashes,
 * apostrophes), so "zelensky" finds "Volodymyr Zelenskyy" by its alias and "iravani" finds
 * "Amir Saeid Īravānī".
 */
import type { Entity, Pack } from '../pack/types';
import { normalizeAlias } from '../text/normalize';

export interface SearchHit {
  readonly pack: Pack;
  readonly entity: Entity;
  /** The name or alias that matched, as the pack wrote it. */
  readonly matched: string;
}

/** A ranking: the query is the whole text, starts it, starts a word of it, or is inside it. */
function rank(text: string, query: string): number {
  if (text === query) return 0;
  if (text.startsWith(query)) return 1;
  if (text.includes(` ${query}`) || text.includes(`-${query}`)) return 2;
  return text.includes(query) ? 3 : -1;
}

/** Entities matching `query`, best first (names before aliases), at most `limit`. */
export function searchEntities(packs: readonly Pack[], query: string, limit = 20): SearchHit[] {
  const q = normalizeAlias(query).lower;
  if (q.length < 2) return [];
  const hits: { hit: SearchHit; score: number }[] = [];
  for (const pack of packs) {
    for (const entity of pack.entities) {
      let best = -1;
      let matched = entity.name;
      const texts = [entity.name, ...entity.aliases.map((a) => a.text)];
      texts.forEach((text, i) => {
        const r = rank(normalizeAlias(text).lower, q);
        // Names rank before aliases at the same level.
        const score = r < 0 ? -1 : r * 2 + (i === 0 ? 0 : 1);
        if (score >= 0 && (best < 0 || score < best)) {
          best = score;
          matched = text;
        }
      });
      if (best >= 0) hits.push({ hit: { pack, entity, matched }, score: best });
    }
  }
  hits.sort((a, b) => a.score - b.score || a.hit.entity.name.localeCompare(b.hit.entity.name));
  return hits.slice(0, limit).map((h) => h.hit);
}
