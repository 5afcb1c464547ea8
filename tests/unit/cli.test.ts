import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { packsIn } from '../../src/cli/packs';
import type { ScanMention } from '../../src/cli/commands';

/** Runs the CLI in-process; returns its exit code and what it wrote. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) });
  return { code, stdout, stderr };
}

const FIXTURE_PACK = 'tests/fixtures/packs/musk-iran.json';
const tmp = mkdtempSync(join(tmpdir(), 'backstory-cli-'));

describe('backstory scan', () => {
  it('reports every mention of a .txt file as JSON lines, with offsets into the file', async () => {
    const r = await cli('scan', 'tests/fixtures/article.txt', '--pack', FIXTURE_PACK, '--json');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!) as { file: string; mentions: ScanMention[] };
    expect(report.file).toBe('tests/fixtures/article.txt');
    const text = readFileSync('tests/fixtures/article.txt', 'utf8');
    for (const m of report.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(report.mentions[0]).toEqual({ entity: 'elon-musk', name: 'Elon Musk', text: 'Elon Musk', start: 0, end: 9 });
    expect(report.mentions.filter((m) => m.entity === 'qasem-soleimani').map((m) => m.text)).toEqual(['Qassim Soleimani']);
  });

  it('reads .html by the content script’s rules: split names joined, editors and code skipped', async () => {
    const r = await cli('scan', 'tests/fixtures/pages/basic.html', '--pack', FIXTURE_PACK, '--json');
    const report = JSON.parse(r.stdout) as { mentions: ScanMention[] };
    expect(report.mentions.map((m) => m.text)).toEqual(['Elon Musk', 'Iran', 'Donald Trump', 'Hezbollah', 'Hamas']);
  });

  it('prints one JSON object per file, in order', async () => {
    const r = await cli('scan', 'tests/fixtures/pages/basic.html', 'tests/fixtures/offtopic/perfume-musk.txt', '--json', '--pack', FIXTURE_PACK);
    const reports = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; mentions: unknown[] });
    expect(reports.map((x) => [x.file, x.mentions.length])).toEqual([
      ['tests/fixtures/pages/basic.html', 5],
      ['tests/fixtures/offtopic/perfume-musk.txt', 0],
    ]);
  });

  it('prints a readable table with a count per entity by default', async () => {
    const r = await cli('scan', 'tests/fixtures/pages/basic.html', '--pack', FIXTURE_PACK);
    expect(r.stdout).toMatch(/^tests\/fixtures\/pages\/basic.html: 5 mentions of 5 entities\n/);
    expect(r.stdout).toMatch(/\n\s+1\s+elon-musk\s+Elon Musk\n/);
  });

  it('uses the bundled packs by default (golden: the demo article)', async () => {
    const r = await cli('scan', 'examples/demo/article.html', '--json');
    const report = JSON.parse(r.stdout) as { mentions: ScanMention[] };
    const counts: Record<string, number> = {};
    for (const m of report.mentions) counts[m.entity] = (counts[m.entity] ?? 0) + 1;
    const golden = JSON.parse(readFileSync('tests/fixtures/golden/demo-article.counts.json', 'utf8')) as Record<string, number>;
    expect(counts).toEqual(golden);
  });

  it('reads the bundled packs the build lists beside them, not the list itself (bug: scan without --pack failed from dist/)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstory-packs-'));
    writeFileSync(join(dir, 'musk-iran-2024.json'), readFileSync(join(__dirname, '../fixtures/packs/musk-iran.json')));
    writeFileSync(join(dir, 'list.json'), JSON.stringify(['musk-iran-2024']));
    expect((await packsIn(dir)).map((p) => p.id)).toEqual(['musk-iran-2024']);
  });

  it('names a missing file in one line and exits non-zero', async () => {
    const r = await cli('scan', 'no/such/file.txt');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('backstory: cannot read no/such/file.txt: no such file\n');
  });

  it('names a bad --pack in one line and exits non-zero', async () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ id: 'Bad Id', entities: [] }));
    const r = await cli('scan', 'tests/fixtures/article.txt', '--pack', bad);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${bad} is not a valid pack`);
  });

  it('explains its usage on a wrong command', async () => {
    const r = await cli('scna', 'x.txt');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command scna x.txt\nusage:/);
  });
});

describe('backstory scan: the extension’s settings', () => {
  const page = join(tmp, 'settings.txt');
  writeFileSync(page, 'Elon Musk met Amir Saeid Iravani.\nMusk and Iravani spoke of Hamas and Hezbollah.\nElon Musk left.\n');
  const texts = async (...options: string[]) => {
    const r = await cli('scan', page, '--pack', FIXTURE_PACK, '--json', ...options);
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as { mentions: ScanMention[] }).mentions.map((m) => m.text);
  };

  it('shows every mention by default, and with --first only the first of each entity', async () => {
    expect(await texts()).toEqual(['Elon Musk', 'Amir Saeid Iravani', 'Musk', 'Iravani', 'Hamas', 'Hezbollah', 'Elon Musk']);
    expect(await texts('--first')).toEqual(['Elon Musk', 'Amir Saeid Iravani', 'Hamas', 'Hezbollah']);
  });

  it('with --types, shows only those kinds (context still counts the others)', async () => {
    expect(await texts('--types', 'organization')).toEqual(['Hamas', 'Hezbollah']);
    expect(await texts('--types=person,organization', '--first')).toEqual(['Elon Musk', 'Amir Saeid Iravani', 'Hamas', 'Hezbollah']);
  });

  it('with --hide, leaves out an entity hidden on the site', async () => {
    expect(await texts('--hide', 'musk-iran-2024:elon-musk', '--first')).toEqual(['Amir Saeid Iravani', 'Hamas', 'Hezbollah']);
  });

  it('with --story-only, shows a pack only on a page about its story', async () => {
    expect(await texts('--story-only', '--first')).toEqual(['Elon Musk', 'Amir Saeid Iravani', 'Hamas', 'Hezbollah']);
    const offStory = join(tmp, 'off-story.txt');
    writeFileSync(offStory, 'Hamas and Hezbollah were named, and nothing else of the story.\n');
    const r = await cli('scan', offStory, '--pack', FIXTURE_PACK, '--json', '--story-only');
    expect((JSON.parse(r.stdout) as { mentions: unknown[] }).mentions).toEqual([]);
    expect((JSON.parse((await cli('scan', offStory, '--pack', FIXTURE_PACK, '--json')).stdout) as { mentions: unknown[] }).mentions).toHaveLength(2);
  });

  it('lists the options in its usage, and refuses a kind that is not one', async () => {
    const help = await cli('--help');
    for (const option of ['--first', '--story-only', '--types', '--hide', '--json', '--pack']) expect(help.stdout).toContain(option);
    const r = await cli('scan', page, '--types', 'person,planet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^backstory: --types takes person, organization, place, event, agreement, concept; not planet\n/);
    const hide = await cli('scan', page, '--hide', 'elon-musk');
    expect(hide.code).toBe(2);
    expect(hide.stderr).toMatch(/^backstory: --hide takes PACK:ENTITY/);
  });
});

describe('backstory scan: every file gets an answer', () => {
  it('scans a saved page that preloads data from a path with no base URL (bug: one such page ended the run)', async () => {
    const r = await cli('scan', 'tests/fixtures/pages/preload-no-base.html', 'tests/fixtures/pages/basic.html', '--pack', FIXTURE_PACK, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const reports = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; mentions: ScanMention[] });
    expect(reports[0]!.mentions.map((m) => m.text)).toEqual(['Elon Musk', 'Iran', 'Elon Musk', 'Amir Saeid Iravani', 'Donald Trump']);
    expect(reports[1]!.mentions).toHaveLength(5);
  });

  it('asks for nothing and runs nothing a page holds: no request reaches a server the page names', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const file = join(tmp, 'loads-everything.html');
    writeFileSync(file, `<!doctype html><html><head><base href="${base}/">
      <link rel="preload" href="${base}/data.json" as="fetch"><link rel="preload" href="/rel.json" as="fetch">
      <link rel="stylesheet" href="${base}/style.css"><link rel="modulepreload" href="${base}/m.js">
      <script src="${base}/script.js"></script><script>document.title = 'ran'; fetch('${base}/inline');</script>
      <meta http-equiv="refresh" content="0; url=${base}/refresh"></head>
      <body><p>Elon Musk met Amir Saeid Iravani.</p><img src="${base}/image.png">
      <iframe src="${base}/frame.html"></iframe><object data="${base}/object"></object>
      <script>document.body.append('Hamas')</script></body></html>`);
    try {
      const r = await cli('scan', file, '--pack', FIXTURE_PACK, '--json');
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { mentions: ScanMention[] }).mentions.map((m) => m.text)).toEqual(['Elon Musk', 'Amir Saeid Iravani']);
      // Anything started would have arrived by now on loopback.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('gives a file it cannot read an error line of its own, scans the others, and exits 3', async () => {
    const r = await cli('scan', 'tests/fixtures/pages/basic.html', 'no/such/file.html', 'tests/fixtures', 'tests/fixtures/article.txt', '--pack', FIXTURE_PACK, '--json');
    expect(r.code).toBe(3);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; mentions?: unknown[]; error?: string });
    expect(lines.map((l) => [l.file, l.error ?? l.mentions!.length > 0])).toEqual([
      ['tests/fixtures/pages/basic.html', true],
      ['no/such/file.html', 'no such file'],
      ['tests/fixtures', 'is a directory'],
      ['tests/fixtures/article.txt', true],
    ]);
    const table = await cli('scan', 'no/such/file.html', 'tests/fixtures/pages/basic.html', '--pack', FIXTURE_PACK);
    expect(table.code).toBe(3);
    expect(table.stderr).toBe('backstory: cannot read no/such/file.html: no such file\n');
    expect(table.stdout).toMatch(/^tests\/fixtures\/pages\/basic.html: 5 mentions/);
  });
});

describe('backstory pack check', () => {
  it('summarises a valid pack in one line, after the linter’s warnings, and exits 0', async () => {
    const r = await cli('pack', 'check', FIXTURE_PACK);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/(^|\n)musk-iran-2024 \S+: valid; 21 entities \(\d+ person, .*\), \d+ aliases, \d+ sources, facts as of \d{4}-\d\d-\d\d; \d+ warnings?, 0 accepted\n$/);
    // Each warning: the file, the JSON path, the rule and one sentence of advice.
    for (const line of r.stdout.trim().split('\n').slice(0, -1)) expect(line).toMatch(/^\S+musk-iran\.json: \$\.entities\[\d+\]\S*: warning [a-zA-Z]+: .+\.$/);
  });

  it('with --strict, fails on a warning the pack does not accept, and passes once it accepts it with a reason', async () => {
    const pack = JSON.parse(readFileSync(FIXTURE_PACK, 'utf8')) as Record<string, unknown> & { entities: { facts: { date?: string }[] }[] };
    delete pack.entities[0]!.facts[0]!.date;
    const file = join(tmp, 'undated.json');
    writeFileSync(file, JSON.stringify(pack));
    const before = await cli('pack', 'check', file, '--strict');
    expect(before.code).toBe(1);
    // A failing check writes to standard error, as every failing command does.
    expect(before.stderr).toContain('$.entities[0].facts[0]: error undatedFact: ');
    const warnings = before.stderr.trim().split('\n').slice(0, -1).map((l) => /: (\$\S+): error (\w+):/.exec(l)!);
    pack.format = 2;
    pack.exceptions = warnings.map((m) => ({ rule: m[2], path: m[1], reason: 'accepted for this test' }));
    writeFileSync(file, JSON.stringify(pack));
    const after = await cli('pack', 'check', file, '--strict');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('$.entities[0].facts[0]: accepted undatedFact: accepted for this test');
    expect(after.stdout).toMatch(/; 0 warnings, \d+ accepted\n$/);
  });

  it('answers a pack in a newer format with one line that says so', async () => {
    const pack = { ...JSON.parse(readFileSync(FIXTURE_PACK, 'utf8')) as object, format: 3, newSection: {} };
    const file = join(tmp, 'format-3.json');
    writeFileSync(file, JSON.stringify(pack));
    const r = await cli('pack', 'check', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}: $.format: the pack is in format 3, which needs a newer Backstory (this one reads formats 1 to 2)\n`);
  });

  it('lists every problem with its JSON path and exits non-zero', async () => {
    const pack = JSON.parse(readFileSync(FIXTURE_PACK, 'utf8')) as { entities: { summary: string; related: string[]; sources: { url: string }[] }[] };
    pack.entities[0]!.summary = 'x'.repeat(200);
    pack.entities[1]!.related.push('no-such-entity');
    pack.entities[2]!.sources[0]!.url = 'ftp://example.org/';
    const file = join(tmp, 'three-problems.json');
    writeFileSync(file, JSON.stringify(pack));
    const r = await cli('pack', 'check', file);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^${file}: \\$\\.entities\\[0\\]\\.summary: `));
    expect(lines.some((l) => l.includes('$.entities[1].related['))).toBe(true);
    expect(lines.some((l) => l.includes('$.entities[2].sources[0].url'))).toBe(true);
  });

  it('names an unreadable pack in one line', async () => {
    const r = await cli('pack', 'check', 'missing.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('backstory: cannot read missing.json: no such file\n');
  });
});
