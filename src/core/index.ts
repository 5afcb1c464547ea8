/**
 * Backstory's recognition core: pure (no DOM, no browser API, no Node API), shared by the content
 * script, the CLI and the tests. This barrel is the public API; other folders import from here.
 *
 * How the pieces fit, as the content script uses them:
 *
 *   const index = loadIndex(await (await fetch(url)).arrayBuffer()); // built by compilePacks + serializeIndex
 *   const raw = blocks.map((text) => scanBlock(index, text));         // one block = one paragraph's text
 *   const shown = decidePage(index, raw, { mode: 'all' });            // what the reader sees, per block
 *   // shown[i][j].start/end are offsets in blocks[i]; entityInfo(index, m.entity) names the entity.
 *
 * A page that is read in slices and changes keeps a PageDecisions and adds, removes and changes
 * blocks as they come: it re-decides only what a block can change (a new strong mention can unlock
 * earlier needsContext ones), and decides exactly what decidePage decides over the final page.
 *
 * Offsets: every offset the core returns is a UTF-16 offset in the ORIGINAL text passed in, end
 * exclusive; `normalize(text).map` maps normalised offsets back when working on normalised text.
 */

// Text normalisation.
export { normalize, normalizeAlias, type Normalized } from './text/normalize';
export { isWordCodePoint } from './text/char-class';
export { textDirection, type TextDirection } from './text/direction';

// Packs: types, validation.
export {
  ENTITY_TYPES,
  MAX_CONTEXT,
  MAX_SUMMARY,
  PACK_FORMAT,
  type Alias,
  type Entity,
  type EntityType,
  type Fact,
  type Pack,
  type Source,
  type TimelineEntry,
} from './pack/types';
export { lintPack, OFFICE_WORDS, type LintOptions, type LintWarning, type LintRule } from './pack/lint';
export { IMPORT_LIMITS, packTooLarge, validatePack, type PackLimits, type Problem, type ProblemCode, type ValidationResult } from './pack/validate';
export { isIsoDate } from './pack/formats';
export { compareVersions, packMeta, planImport, type ImportPlan, type PackMeta } from './pack/install';

// The index: compile, serialise, load, inspect.
export { compilePack, compilePacks, indexedAliases, packsGateSource, type IndexedAlias } from './match/compile';
export { gateWordsSource, wordGate } from './match/gate-words';
export { INDEX_FORMAT_VERSION, INDEX_HEADER_BYTES, INDEX_PART_BYTES, indexByteLength, indexPartName, loadIndex, serializeIndex, splitIndex } from './match/serialize';
export { aliasCount, entityCount, type CompiledIndex } from './match/compiled-index';
export { STORED_PART_BYTES, base64Length, checksum, fromBase64Into, indexToTextParts, toBase64 } from './match/index-text';
export {
  aliasInfo,
  entityInfo,
  entityKey,
  entityType,
  findEntity,
  isBroad,
  parseEntityKey,
  writtenAlias,
  type AliasInfo,
  type EntityInfo,
} from './match/entity-info';

// Matching.
export { NO_MATCHES, scanBlock, type RawMatch, type ScanOptions } from './match/scan-block';
export { blockDate, isoSpan, metadataDate, type AppliedDate, type DateSpan } from './text/dates';
export { mayHoldAlias, preparePrefilter } from './match/prefilter';
export { BROAD_MIN_OTHERS } from './page/context';
export { sameList, sameMatch } from './page/changes';
export {
  decidePage,
  PageDecisions,
  STORY_MIN_ENTITIES,
  type DecidedBlock,
  type MentionMode,
  type PageOptions,
  type Precedes,
} from './page/decisions';
export { findMentions, type FindOptions, type Mention } from './match/find-mentions';
export {
  cardModel,
  formatIsoDate,
  TYPE_LABELS,
  type CardFact,
  type CardModel,
  type CardAlternative,
  type CardRelated,
  type CardSource,
  type CardTimelineEntry,
  type CardWhy,
} from './card/card-model';
export { COMMANDS, isCommand, isMessageOf, pageEntities, type Command, type Message, type PageEntity, type PageInfo, type ToBackground, type ToContent } from './messages/protocol';
export { searchEntities, type SearchHit } from './card/search';
