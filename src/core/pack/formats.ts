/**
 * Format refinements for pack fields. Each returns a problem message or undefined, so they plug into
 * the schema's `string(...)` refinements.
 */
import { isoSpan } from '../text/dates';
import { normalizeAlias } from '../text/normalize';
import { problemText, type ProblemText } from './schema';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Semantic Versioning 2.0.0, the regular expression suggested by semver.org.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
// BCP 47 in the shape packs use: a language subtag, then optional script/region/variant subtags.
const BCP47 = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Rejects ids that are not lower-case kebab-case ("elon-musk", "iran-2015-deal"). */
export function kebabId(value: string): ProblemText | undefined {
  return KEBAB.test(value) ? undefined : problemText('kebabId', [value], `must be a kebab-case id (lower-case letters and digits separated by single hyphens), got ${JSON.stringify(value)}`);
}

/** Rejects versions that are not Semantic Versioning 2.0 ("1.2.0", "2.0.0-beta.1"). */
export function semver(value: string): ProblemText | undefined {
  return SEMVER.test(value) ? undefined : problemText('semver', [value], `must be a semantic version such as "1.0.0", got ${JSON.stringify(value)}`);
}

/** True for an ISO 8601 calendar date of the forms YYYY, YYYY-MM or YYYY-MM-DD that exists. */
export function isIsoDate(value: string): boolean {
  return isoSpan(value) !== null;
}

/** Rejects dates that are not YYYY, YYYY-MM or YYYY-MM-DD, or that do not exist (2023-02-30). */
export function isoDate(value: string): ProblemText | undefined {
  return isIsoDate(value) ? undefined : problemText('isoDate', [value], `must be an existing ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD), got ${JSON.stringify(value)}`);
}

/** Rejects anything but an absolute http: or https: URL (no javascript:, data:, file:...). */
export function httpUrl(value: string): ProblemText | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return problemText('httpUrl', [value], `must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
    ? undefined
    : problemText('httpUrl', [value], `must be an http(s) URL, got ${JSON.stringify(value)}`);
}

/** Rejects language tags that are not BCP 47-shaped ("en", "en-GB", "fa-Latn"). */
export function languageTag(value: string): ProblemText | undefined {
  return BCP47.test(value) ? undefined : problemText('languageTag', [value], `must be a BCP 47 language tag such as "en" or "en-GB", got ${JSON.stringify(value)}`);
}

/** Rejects strings that are empty after trimming. */
export function nonEmpty(value: string): ProblemText | undefined {
  return value.trim() === '' ? problemText('empty', [], 'must not be empty') : undefined;
}

/** Rejects alias text that normalises to nothing (only spaces, joiners, soft hyphens...). */
export function nonEmptyAlias(value: string): ProblemText | undefined {
  return normalizeAlias(value).lower === '' ? problemText('emptyAlias', [], 'must not be empty (after normalisation)') : undefined;
}

/** A refinement limiting length in code points (what a reader counts, unlike UTF-16 units). */
export function maxLength(max: number): (value: string) => ProblemText | undefined {
  return (value) => {
    let count = 0;
    for (const _ of value) count++;
    return count <= max ? undefined : problemText('tooLong', [max, count], `must be at most ${max} characters, got ${count}`);
  };
}
