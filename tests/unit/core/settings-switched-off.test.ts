/**
 * The content script's loader reads one thing of the stored settings in every frame, with
 * switchedOff, and the engine reads them in full with readSettings: the two must never disagree on
 * whether Backstory is on, whatever storage holds (old versions, damaged values).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSettings, readSettings, switchedOff } from '../../../src/core/settings';

describe('switchedOff', () => {
  it('agrees with readSettings on stored settings of every shape', () => {
    const enabled = fc.oneof(fc.boolean(), fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.constant('false'), fc.constant(0));
    const stored = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.string(),
      fc.array(fc.anything()),
      fc.record({ enabled, version: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant(undefined)) }, { requiredKeys: [] }),
      fc.tuple(fc.dictionary(fc.string(), fc.anything()), enabled).map(([rest, e]) => ({ ...rest, enabled: e })),
      fc.constant({ ...defaultSettings(), enabled: false }),
    );
    fc.assert(fc.property(stored, (value) => {
      expect(switchedOff(value)).toBe(!readSettings(value).settings.enabled);
    }), { numRuns: 2000 });
  });
});
