import { describe, expect, it } from 'vitest';
import {
  SETTINGS_VERSION, applyPatch, defaultSettings, migrate, migrations, readSettings, repairSettings,
} from '../../src/core/settings';

describe('settings defaults', () => {
  it('start switched on at the current version', () => {
    expect(defaultSettings()).toEqual({ version: SETTINGS_VERSION, enabled: true, mentionMode: 'all' });
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

  it('runs from an unversioned object to the current version', () => {
    expect(migrate({ enabled: false })).toEqual({ version: SETTINGS_VERSION, enabled: false, mentionMode: 'all' });
  });

  it('runs from version 1 to the current version', () => {
    expect(readSettings({ version: 1, enabled: false }).settings).toEqual({ version: SETTINGS_VERSION, enabled: false, mentionMode: 'all' });
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

  it('keeps a valid stored switch', () => {
    const r = readSettings({ version: SETTINGS_VERSION, enabled: false, mentionMode: 'first' });
    expect(r.settings).toMatchObject({ enabled: false, mentionMode: 'first' });
    expect(r.needsWrite).toBe(false);
  });

  it.each([['a string', 'yes'], ['a number', 0], ['null', null], ['an object', {}]])(
    'repairs an on/off switch stored as %s to the default and reports it',
    (_label, value) => {
      const r = readSettings({ version: SETTINGS_VERSION, enabled: value, mentionMode: 'all' });
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
    const r = readSettings({ version: SETTINGS_VERSION, enabled: true, mentionMode: 'some' });
    expect(r.settings.mentionMode).toBe('all');
    expect(r.repairs).toEqual([{ field: 'mentionMode', found: 'some' }]);
  });

  it('drops fields it does not know', () => {
    expect(repairSettings({ version: SETTINGS_VERSION, enabled: true, evil: '<script>' }).settings).toEqual(defaultSettings());
  });
});

describe('patching settings', () => {
  it('applies a well-typed change', () => {
    expect(applyPatch(defaultSettings(), { enabled: false }).enabled).toBe(false);
    expect(applyPatch(defaultSettings(), { mentionMode: 'first' }).mentionMode).toBe('first');
  });

  it('ignores a change of the wrong type or to an unknown field', () => {
    const patch = { enabled: 'no', version: 99, other: 1 } as unknown as Parameters<typeof applyPatch>[1];
    expect(applyPatch(defaultSettings(), patch)).toEqual(defaultSettings());
  });
});
