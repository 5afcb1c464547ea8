/**
 * Test helper: builds small valid packs from terse entity specs, filling the fields the matcher does
 * not care about.
 */
import type { Alias, Entity, EntityType, Pack } from '../../../src/core/index';
import { compilePack, type CompiledIndex } from '../../../src/core/index';

/** A terse entity: id, name, aliases (a plain string is a case-insensitive strong alias). */
export interface EntitySpec {
  id: string;
  name: string;
  type?: EntityType;
  aliases?: (string | Alias)[];
  broad?: boolean;
  related?: string[];
}

/** One full entity from a spec. */
export function entity(spec: EntitySpec): Entity {
  return {
    id: spec.id,
    type: spec.type ?? 'person',
    name: spec.name,
    aliases: (spec.aliases ?? []).map((a) => (typeof a === 'string' ? { text: a } : a)),
    ...(spec.broad === undefined ? {} : { broad: spec.broad }),
    summary: `${spec.name}.`,
    context: '',
    facts: [],
    related: spec.related ?? [],
    sources: [{ title: spec.name, url: 'https://example.org/' }],
  };
}

/** A full pack from entity specs. */
export function pack(specs: EntitySpec[], id = 'test'): Pack {
  return {
    id,
    title: 'Test pack',
    description: '',
    version: '1.0.0',
    asOf: '2024-11-20',
    language: 'en',
    entities: specs.map(entity),
  };
}

/** Compiles a pack from entity specs. */
export function index(specs: EntitySpec[], id = 'test'): CompiledIndex {
  return compilePack(pack(specs, id));
}
