/**
 * The one place where Chrome's and Firefox's manifests differ (STYLE habit 12).
 * Pure: a source manifest in, a browser's manifest out; unit-tested in tests/unit/manifest.test.ts.
 */

export type Target = 'chrome' | 'firefox';

/** The subset of manifest keys this transform reads or writes; everything else passes through. */
export interface SourceManifest {
  manifest_version: number;
  version: string;
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  minimum_chrome_version?: string;
  browser_specific_settings?: unknown;
  [key: string]: unknown;
}

/**
 * Writes the manifest a browser expects from the one source manifest.
 * - Chrome runs the background as a service worker and warns on Firefox-only keys, so it gets
 *   `background.service_worker` and loses `browser_specific_settings`.
 * - Firefox runs the background as an event page from `background.scripts` (service workers are
 *   disabled for extensions there) and ignores `minimum_chrome_version` with a lint warning.
 * - Both get the version from package.json, so the stores never see two different numbers.
 */
export function manifestFor(source: SourceManifest, target: Target, version: string): SourceManifest {
  if (!/^\d+(\.\d+){0,3}$/.test(version)) {
    throw new Error(`manifest version must be 1-4 dot-separated integers, got "${version}"`);
  }
  const out: SourceManifest = structuredClone(source);
  out.version = version;
  const bg = source.background;
  if (!bg?.service_worker || !bg.scripts?.length) {
    throw new Error('source manifest needs both background.service_worker and background.scripts');
  }
  if (target === 'chrome') {
    out.background = { service_worker: bg.service_worker, ...(bg.type ? { type: bg.type } : {}) };
    delete out.browser_specific_settings;
  } else {
    out.background = { scripts: [...bg.scripts], ...(bg.type ? { type: bg.type } : {}) };
    delete out.minimum_chrome_version;
  }
  return out;
}

/** Where the source manifest stands for the bundled index's parts, whose number the build decides. */
export const INDEX_PARTS_PLACEHOLDER = 'packs/index-*.bin';

/**
 * Names the index's parts (e.g. packs/index-0.bin, packs/index-1.bin) in place of the placeholder
 * among the web-accessible resources. The content script reads the list from its own manifest,
 * so it can ask for every part at once, and the resources declared are exactly the files shipped.
 */
export function withIndexParts(manifest: SourceManifest, parts: readonly string[]): SourceManifest {
  const out: SourceManifest = structuredClone(manifest);
  const entries = (out.web_accessible_resources ?? []) as { resources?: string[] }[];
  const entry = entries.find((e) => e.resources?.includes(INDEX_PARTS_PLACEHOLDER));
  if (!entry?.resources) throw new Error(`the source manifest's web_accessible_resources must list ${INDEX_PARTS_PLACEHOLDER}`);
  entry.resources = entry.resources.flatMap((r) => (r === INDEX_PARTS_PLACEHOLDER ? [...parts] : [r]));
  return out;
}

/** Every extension file a manifest refers to, so the build can check each one exists. */
export function filesNamedBy(manifest: SourceManifest): string[] {
  const files = new Set<string>();
  const add = (f: unknown) => {
    if (typeof f === 'string' && f.length > 0) files.add(f);
  };
  // The manifest is untyped JSON here; reading it loosely is the point of this helper.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const m = manifest as Record<string, any>;
  Object.values(m.icons ?? {}).forEach(add);
  add(m.background?.service_worker);
  (m.background?.scripts ?? []).forEach(add);
  for (const cs of m.content_scripts ?? []) {
    (cs.js ?? []).forEach(add);
    (cs.css ?? []).forEach(add);
  }
  add(m.action?.default_popup);
  Object.values(m.action?.default_icon ?? {}).forEach(add);
  add(m.options_ui?.page);
  if (m.default_locale) add(`_locales/${m.default_locale}/messages.json`);
  for (const entry of m.web_accessible_resources ?? []) {
    for (const r of entry.resources ?? []) if (!String(r).includes('*')) add(r);
  }
  return [...files].sort();
}
