/**
 * validatePack: the one pack validator used by the build-time check, the CLI and pack import. It
 * reports every problem it finds (schema and cross-references), each with its JSON path.
 */
import { isoSpan } from '../text/dates';
import { normalizeAlias } from '../text/normalize';
import { isRecord, keyPath, problemText, type Problem } from './schema';
import { PACK_FORMAT, packSchema, type Pack } from './types';

export type { Problem, ProblemCode } from './schema';

/** Size limits; pack import uses {@link IMPORT_LIMITS}. */
export interface PackLimits {
  /** Largest accepted pack, in bytes of UTF-8 JSON. */
  readonly maxBytes?: number;
  /** Largest accepted number of entities. */
  readonly maxEntities?: number;
}

/** The limits applied to packs imported by users: 5 MB and 50,000 entities. */
export const IMPORT_LIMITS: PackLimits = { maxBytes: 5 * 1024 * 1024, maxEntities: 50_000 };

/** The outcome of {@link validatePack}. */
export type ValidationResult =
  | { readonly ok: true; readonly pack: Pack }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** The problem of a pack over `maxBytes` (also what a UI says of a file it does not even read). */
export function packTooLarge(maxBytes: number): Problem {
  return { path: '$', ...problemText('tooLarge', [maxBytes], `pack is larger than the limit of ${maxBytes} bytes`) };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Validates a pack. `json` is either the parsed JSON value or the JSON text itself (a string is
 * never a valid pack, so the two cannot be confused; pass the text when `maxBytes` must be measured
 * on the file as written). Every problem is reported, each with its JSON path.
 */
export function validatePack(json: unknown, limits: PackLimits = {}): ValidationResult {
  const problems: Problem[] = [];
  let value = json;
  if (typeof json === 'string') {
    if (limits.maxBytes !== undefined && utf8Length(json) > limits.maxBytes) {
      return { ok: false, problems: [packTooLarge(limits.maxBytes)] };
    }
    try {
      value = JSON.parse(json);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return { ok: false, problems: [{ path: '$', ...problemText('notJson', [why], `not valid JSON: ${why}`) }] };
    }
  } else if (limits.maxBytes !== undefined) {
    let text: string | undefined;
    try {
      text = JSON.stringify(json);
    } catch {
      text = undefined; // cycles or BigInt: the schema check below reports the real problem
    }
    if (text !== undefined && utf8Length(text) > limits.maxBytes) {
      return { ok: false, problems: [packTooLarge(limits.maxBytes)] };
    }
  }
  if (limits.maxEntities !== undefined && isRecord(value) && Array.isArray(value.entities) && value.entities.length > limits.maxEntities) {
    // Stop here: checking millions of entities is the cost the limit exists to avoid.
    const n = value.entities.length;
    return { ok: false, problems: [{ path: '$.entities', ...problemText('tooManyEntities', [n, limits.maxEntities], `pack has ${n} entities, more than the limit of ${limits.maxEntities}`) }] };
  }
  // A pack written for a newer Backstory gets one clear answer, not a list of keys this one does not know.
  if (isRecord(value) && typeof value.format === 'number' && Number.isInteger(value.format) && value.format > PACK_FORMAT) {
    const f = value.format;
    return { ok: false, problems: [{ path: '$.format', ...problemText('newerFormat', [f, PACK_FORMAT], `the pack is in format ${f}, which needs a newer Backstory (this one reads formats 1 to ${PACK_FORMAT})`) }] };
  }
  if (isRecord(value) && value.format === 0) {
    return { ok: false, problems: [{ path: '$.format', ...problemText('expectedOneOf', [`1-${PACK_FORMAT}`, '0'], `must be a pack format from 1 to ${PACK_FORMAT}, got 0`) }] };
  }
  const candidate = value;
  const schemaOk = packSchema.check(candidate, '$', problems);
  if (isRecord(candidate)) checkReferences(candidate, problems);
  if (schemaOk && problems.length === 0) return { ok: true, pack: candidate };
  return { ok: false, problems };
}

/** An alias key seen so far: which entity, where, and whether it needs context. */
interface AliasOwner {
  readonly entity: number;
  readonly path: string;
  readonly needsContext: boolean;
}

/**
 * Cross-reference checks, done on the raw value so they run even when unrelated fields are broken:
 * duplicate ids, dangling `related` ids, source indexes out of range, one alias on two entities.
 */
function checkReferences(pack: Record<string, unknown>, problems: Problem[]): void {
  const entities = Array.isArray(pack.entities) ? (pack.entities as unknown[]) : [];
  const ids = new Map<string, number>();
  entities.forEach((entity, i) => {
    if (!isRecord(entity) || typeof entity.id !== 'string') return;
    const first = ids.get(entity.id);
    if (first === undefined) ids.set(entity.id, i);
    else problems.push({ path: `$.entities[${i}].id`, ...problemText('duplicateId', [entity.id, `$.entities[${first}]`], `duplicate entity id ${JSON.stringify(entity.id)} (first used by $.entities[${first}])`) });
  });
  const aliases = new Map<string, AliasOwner[]>();
  entities.forEach((entity, i) => {
    if (!isRecord(entity)) return;
    const base = `$.entities[${i}]`;
    if (Array.isArray(entity.related)) {
      entity.related.forEach((rel: unknown, j) => {
        if (typeof rel === 'string' && !ids.has(rel)) {
          problems.push({ path: `${base}.related[${j}]`, ...problemText('unknownRelated', [rel], `unknown entity id ${JSON.stringify(rel)}`) });
        }
      });
    }
    const sourceCount = Array.isArray(entity.sources) ? entity.sources.length : 0;
    for (const list of ['facts', 'timeline', 'aliases'] as const) {
      const items = entity[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item: unknown, j) => {
        if (isRecord(item) && typeof item.source === 'number' && Number.isInteger(item.source) && item.source >= sourceCount) {
          problems.push({ path: `${base}.${list}[${j}].source`, ...problemText('sourceOutOfRange', [item.source, sourceCount], `source ${item.source} is out of range: the entity has ${sourceCount} source(s)`) });
        }
      });
    }
    if (Array.isArray(entity.aliases)) {
      entity.aliases.forEach((alias: unknown, j) => {
        if (!isRecord(alias) || typeof alias.from !== 'string' || typeof alias.until !== 'string') return;
        const from = isoSpan(alias.from);
        const until = isoSpan(alias.until);
        if (from !== null && until !== null && from.lo > until.hi) {
          problems.push({ path: `${base}.aliases[${j}].until`, ...problemText('periodOrder', [alias.until, alias.from], `until (${alias.until}) is before from (${alias.from})`) });
        }
      });
    }
    checkAliases(entity, i, aliases, problems);
  });
}

function claim(key: string, owner: AliasOwner, aliases: Map<string, AliasOwner[]>, problems: Problem[]): void {
  const owners = aliases.get(key);
  if (owners === undefined) {
    aliases.set(key, [owner]);
    return;
  }
  const clash = owners.find((o) => o.entity !== owner.entity && !(o.needsContext && owner.needsContext));
  if (clash !== undefined) {
    problems.push({
      path: owner.path,
      ...problemText('sharedAlias', [key, clash.path], `alias ${JSON.stringify(key)} is also used by ${clash.path}; two entities may share an alias only when both mark it needsContext`),
    });
  }
  owners.push(owner);
}

/** Records the entity's aliases (the name included, unless listed explicitly) and reports clashes. */
function checkAliases(entity: Record<string, unknown>, i: number, aliases: Map<string, AliasOwner[]>, problems: Problem[]): void {
  const base = `$.entities[${i}]`;
  const listed = Array.isArray(entity.aliases) ? (entity.aliases as unknown[]) : [];
  const listedTexts = new Set<string>();
  listed.forEach((alias, j) => {
    if (!isRecord(alias) || typeof alias.text !== 'string') return;
    listedTexts.add(alias.text);
    const key = normalizeAlias(alias.text).lower;
    if (key === '') return;
    claim(key, { entity: i, path: keyPath(`${base}.aliases[${j}]`, 'text'), needsContext: alias.needsContext === true }, aliases, problems);
  });
  if (typeof entity.name === 'string' && !listedTexts.has(entity.name)) {
    const key = normalizeAlias(entity.name).lower;
    if (key !== '') claim(key, { entity: i, path: `${base}.name`, needsContext: false }, aliases, problems);
  }
}
