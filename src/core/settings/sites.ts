/**
 * Per-site choices: "Pause on this site" and "Not this one here". Keyed by hostname, as
 * `location.hostname` gives it (lower-case, punycode, IPv6 in brackets). Pure, like the rest of
 * src/core/settings: the repair rules, the readers the content script asks, and the patch builders
 * that `applyChange` (./change.ts) runs in the background on the latest stored settings.
 */
import type { Settings, SettingsPatch } from './settings';

/** One site's choices. A record with neither field is never stored: it is the same as no record. */
export interface SiteSettings {
  /** Backstory is off on this site, whatever the global switch says. */
  paused?: true;
  /** Entity keys ("<packId>:<entityId>") not highlighted on this site, oldest first. */
  hidden?: string[];
}

/**
 * Bounds on what storage can hold, so the settings object cannot grow without limit: storage.local
 * allows 10 MB, and every context reads the whole object. When a bound is passed the least recently
 * changed sites, and a site's oldest hidden names, are the ones forgotten.
 */
export const MAX_SITES = 1000;
export const MAX_HIDDEN_PER_SITE = 500;
/** Across all sites: 5,000 keys of at most 200 characters keep the object around 1 MB at worst. */
export const MAX_HIDDEN_TOTAL = 5000;
export const MAX_ENTITY_KEY_LENGTH = 200;

// A permissive shape, not DNS validation: what URL parsing leaves in `hostname` for the sites people
// read (labels of letters, digits, "-" and "_", punycode for the rest), or an IPv6 literal.
const HOSTNAME = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/;

/** True for a string the settings accept as a site's key: a lower-case hostname. */
export function isHostname(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 255 && HOSTNAME.test(value);
}

/**
 * The site a page belongs to, for `sites`: the hostname of an http or https URL, or null for any
 * other URL (the browser's own pages, files, extension pages) and for text that is not a URL.
 */
export function siteOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return isHostname(parsed.hostname) ? parsed.hostname : null;
}

/** This site's record, if any. `hasOwn`, so a host named "__proto__" finds nothing inherited. */
function siteRecord(settings: Settings, host: string): SiteSettings | undefined {
  const key = host.toLowerCase();
  return Object.hasOwn(settings.sites, key) ? settings.sites[key] : undefined;
}

/** True when the reader paused Backstory on `host`. The global switch is `settings.enabled`, apart. */
export function isPausedOn(settings: Settings, host: string): boolean {
  return pausedBy(settings, host) !== null;
}

/**
 * The paused site that covers `host`: the host itself, or a domain it belongs to (pausing
 * "example.com" pauses "news.example.com" too, not "badexample.com"); null when none does.
 */
export function pausedBy(settings: Settings, host: string): string | null {
  const labels = host.toLowerCase().split('.');
  for (let i = 0; i < labels.length; i++) {
    const domain = labels.slice(i).join('.');
    if (siteRecord(settings, domain)?.paused === true) return domain;
  }
  return null;
}

/**
 * The site a reader typed or pasted ("news.example.com", "https://example.com/page"), as a
 * hostname to store; null when it is not one.
 */
export function siteFromInput(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return null;
  const host = /^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? siteOf(trimmed) : siteOf(`https://${trimmed}`);
  return host !== null && (host.includes('.') || host === 'localhost') ? host : null;
}

/** The entity keys not to highlight on `host`; empty when there are none. */
export function hiddenOn(settings: Settings, host: string): ReadonlySet<string> {
  return new Set(siteRecord(settings, host)?.hidden);
}

/**
 * The patch that pauses (or resumes) Backstory on `host`. It names only that host, so it cannot
 * undo another host's change made meanwhile elsewhere; built from the latest stored settings
 * (see `applyChange`), it is safe for this host too.
 */
export function pauseSite(settings: Settings, host: string, paused: boolean): SettingsPatch {
  const key = host.toLowerCase();
  const { paused: _was, ...rest } = siteRecord(settings, key) ?? {};
  return { sites: { [key]: paused ? { ...rest, paused: true } : rest } };
}

/**
 * The patch that hides (or shows again) one entity on `host`. A newly hidden key goes last, so it
 * is the last to be forgotten if the site passes its bound. Names only that host, as `pauseSite`.
 */
export function hideEntity(settings: Settings, host: string, key: string, hidden: boolean): SettingsPatch {
  const site = host.toLowerCase();
  const { hidden: was = [], ...rest } = siteRecord(settings, site) ?? {};
  const keys = was.filter((k) => k !== key);
  if (hidden) keys.push(key);
  return { sites: { [site]: keys.length > 0 ? { ...rest, hidden: keys } : rest } };
}

/** What a rule made of a value: `exact` is false when bad parts were dropped to get `value`. */
export interface Cleaned<T> {
  value: T;
  exact: boolean;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const isEntityKey = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_ENTITY_KEY_LENGTH;

/**
 * One site's stored record, cleaned: keys that are not strings (or empty, or too long) and repeats
 * are dropped, `paused` other than true is dropped, unknown fields are dropped. Null when nothing
 * is left (an empty record means no choice) or the value is not an object at all.
 */
function cleanSite(value: unknown): Cleaned<SiteSettings | null> {
  if (!isPlainObject(value)) return { value: null, exact: false };
  let exact = Object.keys(value).every((k) => k === 'paused' || k === 'hidden');
  const site: SiteSettings = {};
  if (value.paused === true) site.paused = true;
  else if (value.paused !== undefined) exact = false;
  if (Array.isArray(value.hidden)) {
    const keys = [...new Set(value.hidden.filter(isEntityKey))].slice(-MAX_HIDDEN_PER_SITE);
    if (keys.length !== value.hidden.length) exact = false;
    if (keys.length > 0) site.hidden = keys;
    else exact = false;
  } else if (value.hidden !== undefined) {
    exact = false;
  }
  if (site.paused === undefined && site.hidden === undefined) return { value: null, exact: false };
  return { value: site, exact };
}

/**
 * Keeps the most recent `MAX_SITES` sites and, walking from the newest site to the oldest, at most
 * `MAX_HIDDEN_TOTAL` hidden keys. `sites` is in insertion order, oldest first.
 */
function bound(sites: Map<string, SiteSettings>): Cleaned<Map<string, SiteSettings>> {
  const entries = [...sites];
  let exact = entries.length <= MAX_SITES;
  const kept: [string, SiteSettings][] = [];
  let budget = MAX_HIDDEN_TOTAL;
  for (const [host, site] of entries.slice(-MAX_SITES).reverse()) {
    const hidden = site.hidden ?? [];
    if (hidden.length <= budget) {
      budget -= hidden.length;
      kept.push([host, site]);
      continue;
    }
    exact = false;
    const keys = budget > 0 ? hidden.slice(-budget) : [];
    budget -= keys.length;
    const trimmed: SiteSettings = site.paused ? { paused: true } : {};
    if (keys.length > 0) trimmed.hidden = keys;
    if (trimmed.paused || trimmed.hidden) kept.push([host, trimmed]);
  }
  return { value: new Map(kept.reverse()), exact };
}

/**
 * The repair rule for the stored `sites`: undefined (use the default) when it is not an object;
 * otherwise the valid entries, with hosts that are not lower-case hostnames, malformed records and
 * empty records dropped, and the bounds applied.
 */
export function cleanSites(value: unknown): Cleaned<Record<string, SiteSettings>> | undefined {
  if (!isPlainObject(value)) return undefined;
  let exact = true;
  const sites = new Map<string, SiteSettings>();
  for (const [host, raw] of Object.entries(value)) {
    const site = isHostname(host) ? cleanSite(raw) : { value: null, exact: false };
    if (!site.exact) exact = false;
    if (site.value) sites.set(host, site.value);
  }
  const bounded = bound(sites);
  // Object.fromEntries defines own properties, so even a "__proto__" host stays plain data.
  return { value: Object.fromEntries(bounded.value), exact: exact && bounded.exact };
}

/**
 * Merges a patch's `sites` into the current ones, host by host: each host the patch names gets the
 * patch's record, moved to the newest place ({} or a record with nothing valid removes it); hosts
 * the patch does not name are kept as they are. A malformed host or a non-object record is ignored.
 * Undefined when `patch` is not an object, so the field is left alone.
 */
export function mergeSites(
  current: Record<string, SiteSettings>,
  patch: unknown,
): Record<string, SiteSettings> | undefined {
  if (!isPlainObject(patch)) return undefined;
  const sites = new Map(Object.entries(current));
  for (const [host, raw] of Object.entries(patch)) {
    if (!isHostname(host) || !isPlainObject(raw)) continue;
    const site = cleanSite(raw).value;
    sites.delete(host);
    if (site) sites.set(host, site);
  }
  return Object.fromEntries(bound(sites).value);
}
