/**
 * The card's content as data: what a reader reads on the card, dates above all (a wrong date is a
 * bug like a crash).
 */
import { describe, expect, it } from 'vitest';
import { cardModel, formatIsoDate, validatePack, type Pack } from '../../src/core';
import { readFileSync } from 'node:fs';

describe('formatIsoDate', () => {
  it('shows a date at the precision the pack gave', () => {
    expect(formatIsoDate('2024-11-11')).toBe('11 November 2024');
    expect(formatIsoDate('2024-11')).toBe('November 2024');
    expect(formatIsoDate('2024')).toBe('2024');
    expect(formatIsoDate('not a date')).toBe('not a date');
  });

  it('never shows the day before, whatever the reader’s time zone', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(formatIsoDate('2020-01-03')).toBe('3 January 2020');
        expect(formatIsoDate('2015-07')).toBe('July 2015');
      }
    } finally {
      process.env.TZ = zone;
    }
  });
});

describe('cardModel', () => {
  const pack = (validatePack(readFileSync('assets/packs/musk-iran-2024.json', 'utf8')) as { ok: true; pack: Pack }).pack;
  const soleimaniStrike = pack.entities.find((e) => e.type === 'event' && e.timeline && e.timeline.length > 1)!;

  it('gives the type in words, each fact its date and its numbered source, the pack and its as-of date', () => {
    const entity = pack.entities.find((e) => e.id === 'elon-musk')!;
    const card = cardModel(pack, entity, { why: { text: 'Musk’s', alias: 'Musk' } });
    expect(card.key).toBe('musk-iran-2024:elon-musk');
    expect(card.typeLabel).toBe('Person');
    expect(card.facts).toHaveLength(entity.facts.length);
    entity.facts.forEach((f, i) => {
      expect(card.facts[i]!.source).toEqual(expect.objectContaining({ n: f.source + 1, url: entity.sources[f.source]!.url }));
      if (f.date) expect(card.facts[i]!.dateText).toBe(formatIsoDate(f.date));
    });
    expect(card.asOfText).toBe(formatIsoDate(pack.asOf));
    expect(card.why).toEqual({ text: 'Musk’s', alias: 'Musk' });
    expect(card.related.every((r) => r.key.startsWith('musk-iran-2024:') && r.name.length > 0)).toBe(true);
  });

  it('carries the pack’s language and direction, for its text to keep whatever the UI’s', () => {
    const card = cardModel(pack, soleimaniStrike);
    expect([card.language, card.dir]).toEqual(['en', 'ltr']);
    expect(card.related.every((r) => r.language === 'en')).toBe(true);
    const persian = cardModel({ ...pack, language: 'fa' }, soleimaniStrike);
    expect([persian.language, persian.dir]).toEqual(['fa', 'rtl']);
  });

  it('puts a timeline in date order', () => {
    const card = cardModel(pack, soleimaniStrike);
    const dates = card.timeline.map((t) => t.date);
    expect(dates).toEqual([...dates].sort());
  });
});
