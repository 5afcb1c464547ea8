import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filesNamedBy, manifestFor, withIndexParts, type SourceManifest } from '../../build/manifest';
import { COMMANDS } from '../../src/core';

const source = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as SourceManifest;

describe('manifestFor', () => {
  it('gives Chrome a service worker and no Firefox-only keys', () => {
    const m = manifestFor(source, 'chrome', '1.2.3');
    expect(m.background).toEqual({ service_worker: 'background.js' });
    expect(m.browser_specific_settings).toBeUndefined();
    expect(m.minimum_chrome_version).toBe('105');
  });

  it('gives Firefox background scripts, its gecko settings and no Chrome-only keys', () => {
    const m = manifestFor(source, 'firefox', '1.2.3');
    expect(m.background).toEqual({ scripts: ['background.js'] });
    expect(m.minimum_chrome_version).toBeUndefined();
    expect(m.browser_specific_settings).toMatchObject({
      gecko: { id: expect.any(String), strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    });
  });

  it('takes the version from package.json for both browsers', () => {
    expect(manifestFor(source, 'chrome', '2.0.1').version).toBe('2.0.1');
    expect(manifestFor(source, 'firefox', '2.0.1').version).toBe('2.0.1');
  });

  it('refuses a version the stores would reject', () => {
    expect(() => manifestFor(source, 'chrome', '1.0.0-beta')).toThrow(/version/);
  });

  it('does not change the source manifest', () => {
    const before = JSON.stringify(source);
    manifestFor(source, 'chrome', '1.0.0');
    manifestFor(source, 'firefox', '1.0.0');
    expect(JSON.stringify(source)).toBe(before);
  });

  it('refuses a source manifest without both background keys', () => {
    const { background: _bg, ...rest } = source;
    expect(() => manifestFor({ ...rest, background: { scripts: ['b.js'] } }, 'chrome', '1.0.0')).toThrow(/background/);
  });
});

describe('the source manifest', () => {
  it('asks only for storage (unlimited, for imported packs), the context menu, scripting and activeTab, and no host permissions', () => {
    // scripting + activeTab: the popup's "Annotate this page now" (src/platform/tab-access.ts).
    expect(source.permissions).toEqual(['storage', 'contextMenus', 'scripting', 'activeTab', 'unlimitedStorage']);
    expect(source.host_permissions).toBeUndefined();
    // Asking again for a site the reader withheld needs no optional_host_permissions: Chrome lets
    // an extension request withheld content-script hosts, Firefox treats them as optional.
    expect(source.optional_host_permissions).toBeUndefined();
  });

  it('runs the content script on every http(s) page, in every frame, from document_start', () => {
    const [cs] = source.content_scripts as { matches: string[]; all_frames: boolean; run_at: string }[];
    expect(cs?.matches).toEqual(['http://*/*', 'https://*/*']);
    expect(cs?.all_frames).toBe(true);
    // The loader reads the settings from the start, so a page that names someone is read as soon as it is parsed.
    expect(cs?.run_at).toBe('document_start');
  });

  it('names an icon at every size the stores ask for', () => {
    expect(Object.keys(source.icons as object)).toEqual(['16', '32', '48', '128']);
  });

  it('lists every file the build must produce', () => {
    expect(filesNamedBy(manifestFor(source, 'chrome', '1.0.0'))).toEqual([
      '_locales/en/messages.json', 'background.js', 'content.js', 'engine.js',
      'icons/icon-128.png', 'icons/icon-16.png', 'icons/icon-32.png', 'icons/icon-48.png',
      'options.html', 'popup.html',
    ]);
  });

  it('declares exactly the index parts the build wrote as web-accessible, and the build checks they exist', () => {
    const built = withIndexParts(manifestFor(source, 'firefox', '1.0.0'), ['packs/index-0.bin', 'packs/index-1.bin']);
    const war = built.web_accessible_resources as { resources: string[]; use_dynamic_url?: boolean }[];
    expect(war.flatMap((w) => w.resources)).toEqual(['packs/index-0.bin', 'packs/index-1.bin', 'packs/*.json', 'engine.js']);
    expect(war[0]?.use_dynamic_url).toBe(true);
    expect(filesNamedBy(built)).toEqual(expect.arrayContaining(['packs/index-0.bin', 'packs/index-1.bin']));
    expect(() => withIndexParts({ ...source, web_accessible_resources: [] }, ['packs/index-0.bin'])).toThrow(/index-\*\.bin/);
  });

  it('binds every keyboard command the content script handles, each with a default key and a localised description', () => {
    const commands = source.commands as Record<string, { suggested_key?: { default?: string }; description?: string }>;
    expect(Object.keys(commands).sort()).toEqual([...COMMANDS].sort());
    const messages = JSON.parse(readFileSync('assets/_locales/en/messages.json', 'utf8')) as Record<string, unknown>;
    const keys = new Set<string>();
    for (const name of COMMANDS) {
      const { suggested_key, description } = commands[name]!;
      // Chrome and Firefox both accept Alt+Shift+<letter>; Ctrl combinations clash with browser shortcuts.
      expect(suggested_key?.default).toMatch(/^Alt\+Shift\+[A-Z]$/);
      keys.add(suggested_key!.default!);
      const key = /^__MSG_(\w+)__$/.exec(description ?? '')?.[1];
      expect(key && messages[key], `${name} has a description in messages.json`).toBeTruthy();
    }
    expect(keys.size).toBe(COMMANDS.length);
  });
});
