/**
 * Descriptions bound to their time: "Iran's UN ambassador" is Amir Saeid Iravani from July 2022,
 * Majid Takht-Ravanchi from April 2019 to July 2022, and nobody the pack knows before. The date
 * that applies to a mention is one written in its paragraph, else the page's (its metadata, or
 * `scan --date`); with none, the description needs context as before. Checked with the bundled
 * pack, on the pages a reader meets, through `backstory scan` as the golden files are.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { readBundledPacks } from '../../build/packs';
import { ROOT } from '../../build/build';
import { blockDate, compilePacks, findMentions, metadataDate, type Pack } from '../../src/core';
import { pack as packOf } from './core/pack-builder';

const dir = mkdtempSync(join(tmpdir(), 'backstory-dated-'));

/** A page: optional metadata in its head, then paragraphs. */
function page(name: string, paragraphs: readonly string[], head = ''): string {
  const file = join(dir, name);
  writeFileSync(file, `<!doctype html><html><head><title>t</title>${head}</head><body><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`);
  return file;
}

interface Found {
  entity: string;
  text: string;
  date?: { value: string; source: string; text?: string } | null;
}

async function scan(...args: string[]): Promise<Found[]> {
  let out = '';
  let err = '';
  const code = await main(['scan', '--json', ...args], { write: (t: string) => (out += t) }, { write: (t: string) => (err += t) });
  expect(err).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(out) as { mentions: Found[] }).mentions;
}

/** The ambassador mentions only: who each is, and the date that decided it. */
async function envoys(...args: string[]): Promise<Found[]> {
  return (await scan(...args)).filter((m) => /ambassador|envoy/i.test(m.text));
}

// A paragraph that describes the envoy without naming him, and one that gives the page its story.
const SAID = "Iran's UN ambassador called the strike an act of war in a letter to the Security Council.";
const STORY = 'The killing of Qassem Soleimani in Baghdad brought Iran and the United States close to war, Donald Trump said.';
const META_2020 = '<meta property="article:published_time" content="2020-01-08T14:00:00+03:30">';
const LD_2024 = '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2024-11-15T08:00:00-05:00"}]}</script>';

describe('a description bound to its time, on the pages a reader meets', () => {
  it('a 2020 page without metadata that dates its paragraph names Takht-Ravanchi, not Iravani', async () => {
    const file = page('2020-written.html', [STORY, `On January 8, 2020, ${SAID}`]);
    expect(await envoys(file)).toEqual([
      { entity: 'majid-takht-ravanchi', name: 'Majid Takht-Ravanchi', text: "Iran's UN ambassador", start: expect.any(Number), end: expect.any(Number), date: { value: '2020-01-08', source: 'text', text: 'January 8, 2020' } },
    ]);
  });

  it('the same text on a page its metadata dates to 2020: Takht-Ravanchi, by the metadata, even with nothing else to go on', async () => {
    const file = page('2020-meta.html', [SAID], META_2020);
    expect(await envoys(file)).toMatchObject([{ entity: 'majid-takht-ravanchi', date: { value: '2020-01-08', source: 'article:published_time' } }]);
  });

  it('a 2024 page: Iravani, by JSON-LD datePublished', async () => {
    const file = page('2024.html', [SAID], LD_2024);
    expect(await envoys(file)).toMatchObject([{ entity: 'amir-saeid-iravani', date: { value: '2024-11-15', source: 'JSON-LD datePublished' } }]);
  });

  it('a page with no date at all: the description needs context, as before', async () => {
    // Alone it is nobody: there is no date and nothing to give it context.
    expect(await envoys(page('undated-alone.html', [SAID]))).toEqual([]);
    // With the story around it, context decides (the first holder the page supports), and the report says no date applied.
    expect(await envoys(page('undated.html', [STORY, SAID]))).toMatchObject([{ entity: 'amir-saeid-iravani', date: null }]);
  });

  it('a 2024 page whose paragraph recalls 2020: that paragraph is Takht-Ravanchi, the rest Iravani', async () => {
    const file = page('2024-recalls.html', [SAID, `In January 2020, ${SAID}`, `He told reporters in 2015 and in 2024 that ${SAID}`], LD_2024);
    expect(await envoys(file)).toMatchObject([
      { entity: 'amir-saeid-iravani', date: { value: '2024-11-15', source: 'JSON-LD datePublished' } },
      { entity: 'majid-takht-ravanchi', date: { value: '2020-01', source: 'text', text: 'January 2020' } },
      // A paragraph naming 2015 and 2024 spans both terms and the years before them: it decides
      // nothing, so context does, and the page has named Iravani (by its date) already.
      { entity: 'amir-saeid-iravani', date: { value: '2015/2024', source: 'text', text: 'in 2015; in 2024' } },
    ]);
  });

  it('before either held the post the description is no mention, and the shorter name under it still is', async () => {
    const file = page('2017.html', [STORY, `In 2017, ${SAID}`, 'Hassan Rouhani and Mohammad Javad Zarif defended the nuclear deal.']);
    const found = await scan(file);
    expect(found.filter((m) => /ambassador/.test(m.text))).toEqual([]);
    expect(found.filter((m) => m.text === 'Iran').length).toBeGreaterThanOrEqual(2);
  });

  it('a <time datetime> in the article dates the page; one outside it (a sidebar, a comment) does not', async () => {
    const inside = join(dir, 'time-inside.html');
    writeFileSync(inside, `<html><body><article><time datetime="2020-01-09">Jan 9</time><p>${SAID}</p></article></body></html>`);
    expect(await envoys(inside)).toMatchObject([{ entity: 'majid-takht-ravanchi', date: { value: '2020-01-09', source: '<time datetime>' } }]);
    const outside = join(dir, 'time-outside.html');
    writeFileSync(outside, `<html><body><aside><time datetime="2020-01-09">Jan 9</time></aside><article><p>${SAID}</p></article></body></html>`);
    expect(await envoys(outside)).toEqual([]);
  });

  it('scan --date dates a page that gives no date of its own, and not one that does', async () => {
    const txt = join(dir, 'said.txt');
    writeFileSync(txt, `${SAID}\n`);
    expect(await envoys(txt, '--date', '2020-01-08')).toMatchObject([{ entity: 'majid-takht-ravanchi', date: { value: '2020-01-08', source: '--date' } }]);
    expect(await envoys(txt, '--date', '2024-11')).toMatchObject([{ entity: 'amir-saeid-iravani', date: { value: '2024-11', source: '--date' } }]);
    expect(await envoys(page('2024-again.html', [SAID], LD_2024), '--date', '2020-01-08')).toMatchObject([{ entity: 'amir-saeid-iravani', date: { source: 'JSON-LD datePublished' } }]);
  });

  it('scan --date takes a date, and says so when given anything else', async () => {
    for (const bad of ['2020', '08/01/2020', '2020-02-30', 'yesterday']) {
      let err = '';
      const code = await main(['scan', join(dir, 'said.txt'), '--date', bad], { write: () => true }, { write: (t: string) => (err += t) });
      expect(code, bad).toBe(2);
      expect(err, bad).toContain('--date takes a date as YYYY-MM-DD');
    }
  });

  it('the table says which date decided each description', async () => {
    let out = '';
    await main(['scan', page('2024-table.html', [SAID, `In January 2020, ${SAID}`], LD_2024)], { write: (t: string) => (out += t) }, { write: () => true });
    expect(out).toContain(`dated: "Iran's UN ambassador" at 0 as amir-saeid-iravani: 2024-11-15 from JSON-LD datePublished`);
    expect(out).toMatch(/dated: "Iran's UN ambassador" at \d+ as majid-takht-ravanchi: 2020-01 from "January 2020" in its paragraph/);
  });
});

describe('the bundled pack dates every description of an office', () => {
  it('gives Iravani and his predecessor their terms, one after the other, each with its source', () => {
    const pack = readBundledPacks(ROOT).map((p) => p.pack).find((p) => p.id === 'musk-iran-2024')!;
    const holder = (id: string) => pack.entities.find((e) => e.id === id)!;
    const iravani = holder('amir-saeid-iravani').aliases.filter((a) => a.from !== undefined || a.until !== undefined);
    const before = holder('majid-takht-ravanchi').aliases.filter((a) => a.from !== undefined || a.until !== undefined);
    expect(iravani.length).toBeGreaterThanOrEqual(10);
    expect(new Set(iravani.map((a) => `${a.from}/${a.until}`))).toEqual(new Set(['2022-07-24/undefined']));
    expect(new Set(before.map((a) => `${a.from}/${a.until}`))).toEqual(new Set(['2019-04-24/2022-07-23']));
    // The same descriptions, so that every way the pack describes the office is bound to both terms.
    expect(before.map((a) => a.text)).toEqual(iravani.map((a) => a.text));
    for (const a of [...iravani, ...before]) expect(a.source).toBeDefined();
  });
});

describe('time-bound aliases in the engine', () => {
  // Two holders of one office and a page date that varies: the rules without the bundled pack's other names.
  const two: Pack = { ...packOf([
    { id: 'first', name: 'Ann First', aliases: [{ text: 'the harbour master', needsContext: true, from: '2010', until: '2015-06', source: 0 }] },
    { id: 'second', name: 'Bea Second', aliases: [{ text: 'the harbour master', needsContext: true, from: '2015-07', source: 0 }] },
  ]), format: 2 };
  const index = compilePacks([two]);
  const who = (text: string, date: string | null) =>
    findMentions(index, text, { date: date === null ? null : metadataDate(date, 'test') }).map((m) => m.date === undefined ? m.entityKey : `${m.entityKey}@${m.date === null ? 'none' : m.date.value}`);

  it('a date in the period makes the description a mention on its own; one outside rules it out', () => {
    expect(who('Then the harbour master spoke.', '2012-03-01')).toEqual(['test:first@2012-03-01']);
    expect(who('Then the harbour master spoke.', '2016-03-01')).toEqual(['test:second@2016-03-01']);
    expect(who('Then the harbour master spoke.', '2009-12-31')).toEqual([]);
  });

  it('a date across the edge of a period (a year both held the post in) decides nothing: context does', () => {
    expect(who('Then the harbour master spoke.', '2015-07')).toEqual(['test:second@2015-07']);
    expect(who('In 2015 the harbour master spoke.', null)).toEqual([]);
    expect(who('Bea Second arrived. In 2015 the harbour master spoke.', null)).toEqual(['test:second', 'test:second@2015']);
    expect(who('Then the harbour master spoke.', null)).toEqual([]);
    expect(who('Ann First retired. Then the harbour master spoke.', null)).toEqual(['test:first', 'test:first@none']);
  });

  it('a date written in the paragraph overrides the page date for that paragraph only', () => {
    expect(who('In March 2012 the harbour master spoke.\nThe harbour master spoke.', '2016-03-01')).toEqual(['test:first@2012-03', 'test:second@2016-03-01']);
  });
});

describe('dates as pages write them', () => {
  it('reads the forms a paragraph dates itself with', () => {
    const value = (text: string) => blockDate(text)?.value ?? null;
    expect(value('In January 2020, the envoy said')).toBe('2020-01');
    expect(value('On 14 November 2024 he met')).toBe('2024-11-14');
    expect(value('On Nov. 14, 2024, he met')).toBe('2024-11-14');
    expect(value('March 31st, 2021')).toBe('2021-03-31');
    expect(value('Published 2024-11-14.')).toBe('2024-11-14');
    expect(value('in mid-2020 the talks')).toBe('2020');
    expect(value('In 2015 the deal was signed; in 2024 Musk met him')).toBe('2015/2024');
  });

  it('takes no year alone, no decade, no range and no day that does not exist for a date', () => {
    for (const text of ['the 2015 nuclear deal', 'Resolution 2231', 'in the 2020s', 'in 2015-16', 'February 30, 2020', 'may 2020 be better', 'In 1850 the port opened']) {
      expect(blockDate(text), text).toBeNull();
    }
  });

  it('reads metadata dates as written, in the page\'s own time', () => {
    expect(metadataDate('2020-01-08T23:30:00-05:00', 'm')?.value).toBe('2020-01-08');
    expect(metadataDate('2020-01', 'm')?.value).toBe('2020-01');
    expect(metadataDate('January 8, 2020', 'm')).toBeNull();
    expect(metadataDate('2020-13-01', 'm')).toBeNull();
  });
});
