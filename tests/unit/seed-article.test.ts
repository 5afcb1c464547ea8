/**
 * The story article the first pack explains (tests/fixtures/article.txt, a copy of the seed), as
 * a reader would see it annotated: `backstory scan` with the bundled packs, all mentions.
 *
 * Two checks:
 * - a golden file of every mention (tests/fixtures/golden/seed-article.mentions.txt), so any change
 *   to the pack or the engine that changes what the article shows is seen in review. After an
 *   intended change, regenerate it with
 *     UPDATE_GOLDEN=1 npx vitest run tests/unit/seed-article.test.ts
 *   and read the diff line by line before committing it;
 * - the hand-checked list below: each phrase of the article a reader should be able to hover, and
 *   the card it must open. It is what the golden file was checked against, written out so that a
 *   regenerated golden file cannot quietly drop one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scan, type ScanMention } from '../../src/cli/commands';
import { readBundledPacks } from '../../build/packs';
import { ROOT } from '../../build/build';

const ARTICLE = 'tests/fixtures/article.txt';
const GOLDEN = 'tests/fixtures/golden/seed-article.mentions.txt';

async function mentions(): Promise<ScanMention[]> {
  const packs = readBundledPacks(ROOT).map((p) => p.pack);
  const result = await scan([ARTICLE], packs, true);
  return (JSON.parse(result.out[0]!) as { mentions: ScanMention[] }).mentions;
}

/** One line per mention: offsets, entity id, the text as written. */
const line = (m: ScanMention) => `${m.start}-${m.end}\t${m.entity}\t${m.text}`;

/**
 * Phrases of the article and the entity each must show, in article order. Where the article only
 * describes an event ("the US-ordered strike in January 2020"), a descriptive alias names it.
 */
const EXPECTED: [phrase: string, entity: string][] = [
  ['Elon Musk', 'elon-musk'],
  ['Tesla', 'tesla'],
  ['SpaceX', 'spacex'],
  ['Iran’s ambassador to the United Nations', 'amir-saeid-iravani'],
  ['President Donald Trump', 'donald-trump'],
  ['pull out of the 2015 Iran nuclear deal', 'us-withdrawal-from-jcpoa'],
  ['sanctions on Iran', 'maximum-pressure'],
  ['The New York Times', 'new-york-times'],
  ['Department of Government Efficiency', 'department-of-government-efficiency'],
  ['phone call between Trump and Ukrainian President Volodymyr Zelenskyy', 'trump-zelenskyy-call-2024'],
  ['Zelenskyy', 'volodymyr-zelenskyy'],
  ['Starlink', 'starlink'],
  ['Ukraine', 'ukraine'],
  ['conflict with Russia', 'russian-invasion-of-ukraine'],
  ['Sina Toossi', 'sina-toossi'],
  ['Center for International Policy', 'center-for-international-policy'],
  ['US withdrew from the nuclear deal', 'us-withdrawal-from-jcpoa'],
  ['Toossi', 'sina-toossi'],
  ['nuclear agreement', 'jcpoa'],
  ['US-ordered strike in January 2020', 'assassination-of-qasem-soleimani'],
  ['Qassim Soleimani', 'qasem-soleimani'],
  ['planning an assassination in retaliation', 'iranian-plots-against-trump'],
  ['Israel', 'israel'],
  ['Hamas', 'hamas'],
  ['Hezbollah', 'hezbollah'],
  ['Seyed Abbas Araghchi', 'seyed-abbas-araghchi'],
  ['nuclear program', 'iran-nuclear-programme'],
  ['Musk’s meeting with the Iranian ambassador', 'musk-iravani-meeting'],
];

describe('the seed article, annotated with the bundled packs', () => {
  it('shows exactly the mentions of the golden file', async () => {
    const actual = (await mentions()).map(line).join('\n') + '\n';
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, actual);
    expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('lets a reader hover every name and described event of the article, each opening the right card', async () => {
    const found = await mentions();
    const text = readFileSync(ARTICLE, 'utf8');
    let from = 0;
    for (const [phrase, entity] of EXPECTED) {
      const at = text.indexOf(phrase, from);
      expect(at, `"${phrase}" is in the article after offset ${from}`).toBeGreaterThanOrEqual(0);
      // The phrase is one whole mention: not split, not swallowed by a longer one.
      expect(found.find((m) => m.start === at && m.end === at + phrase.length)?.entity, `"${phrase}" at ${at}`).toBe(entity);
      from = at + phrase.length;
    }
  });

  it('never highlights two mentions over the same text', async () => {
    const found = await mentions();
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });
});
