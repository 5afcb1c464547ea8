import { describe, expect, it } from 'vitest';
import {
  SETTINGS_VERSION, applyChange, applyPatch, isSettingsChange, recordsSite, defaultSettings, migrate, migrations, readSettings, repairSettings,
} from '../../src/core/settings';

describe('settings defaults', () => {
  it('start switched on at the current version, with a 300 ms hover delay and no site choices', () => {
    expect(defaultSettings()).toEqual({ version: SETTINGS_VERSION, enabled: true, mentionMode: 'all', hoverDelayMs: 300, sites: {}, enabledTypes: ['person', 'organization', 'place', 'event', 'agreement', 'concept'], storyOnly: false, theme: 'auto', highlightStyle: 'background', disabledPacks: [] });
  });

  it('are a fresh object each time', () => {
    const a = defaultSettings();
    a.enabled = false;
    expect(defaultSettings().enabled).toBe(true);
  });
});

describe('settings migrations', () => {
  it('has one numbered step for every version up to the current one', () => {
    const numbers = Object.keys(migrations).map(Number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: SETTINGS_VERSION }, (_, i) => i + 1));
  });

  it('1: stamps an unversioned object with version 1 and keeps its switch', () => {
    expect(migrations[1]!({ enabled: false })).toEqual({ enabled: false, version: 1 });
  });

  it('2: adds the mention mode as "all", keeping the rest', () => {
    expect(migrations[2]!({ version: 1, enabled: false })).toEqual({ version: 2, enabled: false, mentionMode: 'all' });
  });

  it('3: adds a 300 ms hover delay and empty per-site choices, keeping the rest', () => {
    expect(migrations[3]!({ version: 2, enabled: false, mentionMode: 'first' }))
      .toEqual({ version: 3, enabled: false, mentionMode: 'first', hoverDelayMs: 300, sites: {} });
  });

  it('runs from an unversioned object to the current version', () => {
    expect(migrate({ enabled: false }))
      .toEqual({ version: SETTINGS_VERSION, enabled: false, mentionMode: 'all', hoverDelayMs: 300, sites: {}, enabledTypes: ['person', 'organization', 'place', 'event', 'agreement', 'concept'], storyOnly: false, theme: 'auto', highlightStyle: 'background', disabledPacks: [] });
  });

  it('runs from version 1 to the current version', () => {
    expect(readSettings({ version: 1, enabled: false }).settings)
      .toEqual({ version: SETTINGS_VERSION, enabled: false, mentionMode: 'all', hoverDelayMs: 300, sites: {}, enabledTypes: ['person', 'organization', 'place', 'event', 'agreement', 'concept'], storyOnly: false, theme: 'auto', highlightStyle: 'background', disabledPacks: [] });
  });

  it('runs from version 2 to the current version and asks for the result to be written', () => {
    const r = readSettings({ version: 2, enabled: true, mentionMode: 'first' });
    expect(r.settings).toEqual({ version: SETTINGS_VERSION, enabled: true, mentionMode: 'first', hoverDelayMs: 300, sites: {}, enabledTypes: ['person', 'organization', 'place', 'event', 'agreement', 'concept'], storyOnly: false, theme: 'auto', highlightStyle: 'background', disabledPacks: [] });
    expect(r.repairs).toEqual([]);
    expect(r.needsWrite).toBe(true);
  });

  it('migration 4 adds every entity type, so readers keep seeing all of them', () => {
    expect(migrations[4]!({ version: 3, enabled: true, mentionMode: 'all', hoverDelayMs: 300, sites: {} }))
      .toEqual({ version: 4, enabled: true, mentionMode: 'all', hoverDelayMs: 300, sites: {}, enabledTypes: ['person', 'organization', 'place', 'event', 'agreement', 'concept'] });
  });

  it('migration 6 lets the card follow the page, as before', () => {
    expect(migrations[6]!({ version: 5, enabled: true })).toEqual({ version: 6, enabled: true, theme: 'auto' });
    expect(readSettings({ ...defaultSettings(), theme: 'purple' }).settings.theme).toBe('auto');
  });

  it('migration 7 keeps the background wash and every pack on, as before', () => {
    expect(migrations[7]!({ version: 6, enabled: true })).toEqual({ version: 7, enabled: true, highlightStyle: 'background', disabledPacks: [] });
    const read = (patch: Record<string, unknown>) => readSettings({ ...defaultSettings(), ...patch });
    expect(read({ highlightStyle: 'blink' }).settings.highlightStyle).toBe('background');
    expect(read({ disabledPacks: ['a', 'a', 7, '', 'b'] }).settings.disabledPacks).toEqual(['a', 'b']);
    expect(read({ disabledPacks: 'a' }).settings.disabledPacks).toEqual([]);
  });

  it('migration 5 lets packs apply on every page, as before', () => {
    expect(migrations[5]!({ version: 4, enabled: true })).toEqual({ version: 5, enabled: true, storyOnly: false });
  });

  it('repairs the entity types: unknown names dropped, order and repeats cleaned, junk to all types', () => {
    const at = (enabledTypes: unknown) => readSettings({ ...defaultSettings(), enabledTypes });
    expect(at(['event', 'person', 'event', 'dragon']).settings.enabledTypes).toEqual(['person', 'event']);
    expect(at(['event', 'person', 'event', 'dragon']).repairs.map((r) => r.field)).toEqual(['enabledTypes']);
    expect(at([]).settings.enabledTypes).toEqual([]);
    expect(at('person').settings.enabledTypes).toEqual(defaultSettings().enabledTypes);
    expect(applyPatch(defaultSettings(), { enabledTypes: ['place', 'person'] }).enabledTypes).toEqual(['person', 'place']);
  });

  it('leaves an object from a newer build for repair to read', () => {
    const future = { version: SETTINGS_VERSION + 5, enabled: false, somethingNew: 1 };
    expect(migrate(future)).toBe(future);
    expect(readSettings(future).settings.enabled).toBe(false);
  });
});

describe('reading stored settings', () => {
  it('gives defaults for a new install without asking for a write', () => {
    expect(readSettings(undefined)).toEqual({ settings: defaultSettings(), repairs: [], needsWrite: false });
  });

  it('keeps valid stored settings as they are', () => {
    const stored = {
      version: SETTINGS_VERSION, enabled: false, mentionMode: 'first', hoverDelayMs: 0,
      sites: { 'example.com': { paused: true }, 'news.example.org': { hidden: ['p:a', 'p:b'] } },
      enabledTypes: ['person', 'event'],
      storyOnly: true,
      theme: 'dark',
      highlightStyle: 'underline',
      disabledPacks: ['other-pack'],
    };
    const r = readSettings(stored);
    expect(r.settings).toEqual(stored);
    expect(r.repairs).toEqual([]);
    expect(r.needsWrite).toBe(false);
  });

  it.each([['a string', 'yes'], ['a number', 0], ['null', null], ['an object', {}]])(
    'repairs an on/off switch stored as %s to the default and reports it',
    (_label, value) => {
      const r = readSettings({ ...defaultSettings(), enabled: value });
      expect(r.settings.enabled).toBe(true);
      expect(r.repairs).toEqual([{ field: 'enabled', found: value }]);
      expect(r.needsWrite).toBe(true);
    },
  );

  it.each([['a string', 'garbage'], ['an array', [1, 2]], ['null', null], ['a number', 42]])(
    'replaces a settings root stored as %s with defaults',
    (_label, value) => {
      const r = readSettings(value);
      expect(r.settings).toEqual(defaultSettings());
      expect(r.repairs).toHaveLength(1);
      expect(r.needsWrite).toBe(true);
    },
  );

  it('repairs an unknown mention mode to "all"', () => {
    const r = readSettings({ ...defaultSettings(), mentionMode: 'some' });
    expect(r.settings.mentionMode).toBe('all');
    expect(r.repairs).toEqual([{ field: 'mentionMode', found: 'some' }]);
  });

  it.each([0, 1, 300, 1999, 2000])('keeps a hover delay of %s ms', (ms) => {
    const r = readSettings({ ...defaultSettings(), hoverDelayMs: ms });
    expect(r.settings.hoverDelayMs).toBe(ms);
    expect(r.repairs).toEqual([]);
  });

  it.each([
    ['negative', -1], ['above 2000', 2001], ['a fraction', 250.5], ['NaN', NaN], ['infinite', Infinity],
    ['a numeric string', '300'], ['null', null], ['a boolean', true], ['missing', undefined],
  ])('repairs a hover delay that is %s to 300 ms and reports it', (_label, value) => {
    const r = readSettings({ ...defaultSettings(), hoverDelayMs: value });
    expect(r.settings.hoverDelayMs).toBe(300);
    expect(r.repairs).toEqual([{ field: 'hoverDelayMs', found: value }]);
    expect(r.needsWrite).toBe(true);
  });

  it.each([['a string', 'example.com'], ['an array', [{ paused: true }]], ['null', null], ['missing', undefined]])(
    'repairs per-site choices stored as %s to none and reports it',
    (_label, value) => {
      const r = readSettings({ ...defaultSettings(), sites: value });
      expect(r.settings.sites).toEqual({});
      expect(r.repairs).toEqual([{ field: 'sites', found: value }]);
      expect(r.needsWrite).toBe(true);
    },
  );

  it('drops fields it does not know', () => {
    expect(repairSettings({ version: SETTINGS_VERSION, enabled: true, evil: '<script>' }).settings).toEqual(defaultSettings());
  });
});

describe('patching settings', () => {
  it('applies a well-typed change', () => {
    expect(applyPatch(defaultSettings(), { enabled: false }).enabled).toBe(false);
    expect(applyPatch(defaultSettings(), { mentionMode: 'first' }).mentionMode).toBe('first');
    expect(applyPatch(defaultSettings(), { hoverDelayMs: 0 }).hoverDelayMs).toBe(0);
    expect(applyPatch(defaultSettings(), { hoverDelayMs: 2000 }).hoverDelayMs).toBe(2000);
  });

  it('ignores a change of the wrong type or to an unknown field', () => {
    const patch = { enabled: 'no', version: 99, other: 1 } as unknown as Parameters<typeof applyPatch>[1];
    expect(applyPatch(defaultSettings(), patch)).toEqual(defaultSettings());
  });

  it.each([-1, 2001, 12.5, NaN])('ignores a hover delay of %s ms', (ms) => {
    const current = { ...defaultSettings(), hoverDelayMs: 500 };
    expect(applyPatch(current, { hoverDelayMs: ms }).hoverDelayMs).toBe(500);
  });

  it('leaves the current settings untouched', () => {
    const current = defaultSettings();
    applyPatch(current, { enabled: false, hoverDelayMs: 10, sites: { 'example.com': { paused: true } } });
    expect(current).toEqual(defaultSettings());
  });
});

describe('settings changes (what the pages send the background)', () => {
  const base = () => applyPatch(defaultSettings(), { sites: { 'example.com': { paused: true } } });
  it('resumes the entry that pauses a page, a covering domain included', () => {
    expect(applyChange(base(), { kind: 'resume-site', site: 'news.example.com' }).sites).toEqual({});
    expect(applyChange(base(), { kind: 'pause-site', site: 'news.example.com', paused: false }).sites).toEqual({ 'example.com': { paused: true } });
  });
  it('hides and shows an entity on a site, and resets everything', () => {
    const hidden = applyChange(base(), { kind: 'hide-entity', site: 'a.test', key: 'p:e', hidden: true });
    expect(hidden.sites['a.test']).toEqual({ hidden: ['p:e'] });
    expect(applyChange(hidden, { kind: 'hide-entity', site: 'a.test', key: 'p:e', hidden: false }).sites['a.test']).toBeUndefined();
    expect(applyChange(hidden, { kind: 'reset' })).toEqual(defaultSettings());
  });
  it('switches packs one at a time on the stored list, so two quick switches both count', () => {
    const one = applyChange(defaultSettings(), { kind: 'pack-enabled', id: 'a', enabled: false });
    const two = applyChange(one, { kind: 'pack-enabled', id: 'b', enabled: false });
    expect(two.disabledPacks).toEqual(['a', 'b']);
    expect(applyChange(two, { kind: 'pack-enabled', id: 'a', enabled: true }).disabledPacks).toEqual(['b']);
    expect(isSettingsChange({ kind: 'pack-enabled', id: 'a', enabled: 'no' })).toBe(false);
  });

  it('accepts only well-formed changes from a message', () => {
    expect(isSettingsChange({ kind: 'patch', patch: { enabled: false } })).toBe(true);
    expect(isSettingsChange({ kind: 'pause-site', site: 'Not A Host!', paused: true })).toBe(false);
    expect(isSettingsChange({ kind: 'hide-entity', site: 'a.test', key: 3, hidden: true })).toBe(false);
    expect(isSettingsChange({ kind: 'drop-tables' })).toBe(false);
    expect(isSettingsChange(null)).toBe(false);
  });
  it('knows which changes would record a site read in a private window', () => {
    expect(recordsSite({ kind: 'pause-site', site: 'a.test', paused: true })).toBe(true);
    expect(recordsSite({ kind: 'hide-entity', site: 'a.test', key: 'p:e', hidden: true })).toBe(true);
    expect(recordsSite({ kind: 'patch', patch: { sites: {} } })).toBe(true);
    expect(recordsSite({ kind: 'patch', patch: { enabled: false } })).toBe(false);
    expect(recordsSite({ kind: 'resume-site', site: 'a.test' })).toBe(false);
  });
});
