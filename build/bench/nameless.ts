/**
 * "Pages that name nobody": what Backstory costs on most of what a reader opens. Four Chromiums
 * load the same pages in turns: one with Backstory, one with an empty MV3 content script
 * (document_start, every frame: the floor any extension pays), a second one with the same empty
 * script (the control: what two identical setups differ by, the noise), and one with no content script.
 * Each load is measured with CDP's Performance.getMetrics, 2 s after the load event, after a forced
 * garbage collection: task time, script time and JS heap, for the page's own renderer and, apart,
 * for the renderers of its cross-site frames (each attached as it starts, so its first task counts);
 * and the page's own first contentful paint.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { ROOT } from '../build';
import { launch, type LaunchedBrowser } from '../browsers';
import { readBundledPacks } from '../packs';
import { compilePacks, findMentions, packsGateSource, wordGate } from '../../src/core';
import { htmlBlocks } from '../../src/cli/read-input';
import { serveStatic, type StaticServer } from '../serve';
import { median, round } from './summary';
import { namelessPages } from './nameless-pages';

/** The builds compared; `control` is the empty script again, in a Chromium of its own. */
export type NamelessSetup = 'backstory' | 'empty' | 'control' | 'none';

/** One load's figures. Task and script in ms, heap in MB. */
interface LoadFigures {
  task: number;
  script: number;
  heap: number;
  /** The same for the cross-site frames' renderers, added up. */
  framesTask: number;
  framesScript: number;
  framesHeap: number;
  fcp: number;
}

/**
 * Medians and spreads per page, per setup, and Backstory's and the empty script's extra over none.
 * `paired_*` are medians of each round's difference against the empty script (the page and its
 * cross-site frames together): a round loads every setup within a few seconds, so a busy spell
 * of the machine weighs on both sides of a difference; `control_paired_*` is the same for the control.
 */
export type NamelessFigures = Record<string, Record<string, number>>;

const PAGES = { article: 'nameless/article.html', framed: 'nameless/framed.html', accented: 'nameless/accented.html' } as const;
/** Frames per page, for the per-frame targets. */
export const FRAMES_PER_PAGE: Record<keyof typeof PAGES, number> = { article: 1, framed: 11, accented: 1 };

/** An MV3 extension with an empty content script in every frame from document_start (and a worker, as launch expects). */
export function emptyExtension(dir: string, contentScript: boolean): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3,
    name: contentScript ? 'Empty content script' : 'No content script',
    version: '1.0',
    background: { service_worker: 'worker.js' },
    ...(contentScript ? { content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], all_frames: true, run_at: 'document_start' }] } : {}),
  }));
  writeFileSync(join(dir, 'worker.js'), '');
  if (contentScript) writeFileSync(join(dir, 'content.js'), '');
  return dir;
}

function metric(list: { name: string; value: number }[], name: string): number {
  return list.find((m) => m.name === name)?.value ?? 0;
}

async function figuresOf(session: CDPSession): Promise<{ task: number; script: number; heap: number }> {
  await session.send('HeapProfiler.collectGarbage');
  const { metrics } = await session.send('Performance.getMetrics');
  return { task: metric(metrics, 'TaskDuration') * 1000, script: metric(metrics, 'ScriptDuration') * 1000, heap: metric(metrics, 'JSHeapUsedSize') / (1024 * 1024) };
}

/** Loads `url` in a fresh tab of `ext` and measures it 2 s after its load event. */
export async function loadOnce(ext: LaunchedBrowser, url: string): Promise<LoadFigures> {
  let page: Page | undefined;
  try {
    page = await ext.browser.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    // Cross-site frames run in renderers of their own, one per site (the frames of one site share
    // it, and each frame's session reports that whole renderer): attached as each starts, one
    // session kept per site.
    const frames = new Map<string, CDPSession>();
    const connection = cdp.connection();
    cdp.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string; url: string } }) => {
      const child = connection?.session(event.sessionId);
      if (!child) return;
      const site = URL.canParse(event.targetInfo.url) ? new URL(event.targetInfo.url).hostname : event.targetInfo.url;
      if (event.targetInfo.type === 'iframe' && !frames.has(site)) frames.set(site, child);
      void child.send('Performance.enable').catch(() => undefined)
        .then(() => child.send('Runtime.runIfWaitingForDebugger')).catch(() => undefined);
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 2000));
    const own = await figuresOf(cdp);
    let framesTask = 0;
    let framesScript = 0;
    let framesHeap = 0;
    for (const frame of frames.values()) {
      const f = await figuresOf(frame).catch(() => ({ task: 0, script: 0, heap: 0 }));
      framesTask += f.task;
      framesScript += f.script;
      framesHeap += f.heap;
    }
    const fcp = (await page.evaluate(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN`)) as number;
    return { ...own, framesTask, framesScript, framesHeap, fcp };
  } finally {
    await page?.close().catch(() => undefined);
  }
}

/**
 * Runs the scenario: `loads` loads of each page in each of the three Chromiums, in turns.
 * `backstoryPath` is dist/chrome (what ships).
 */
export async function namelessPhase(backstoryPath: string, loads: number, log: (m: string) => void): Promise<NamelessFigures> {
  const root = mkdtempSync(join(tmpdir(), 'backstory-nameless-'));
  const open: LaunchedBrowser[] = [];
  let server: StaticServer | undefined;
  try {
    const site = join(root, 'site');
    mkdirSync(join(site, 'nameless'), { recursive: true });
    server = await serveStatic(site);
    const other = new URL(server.origin);
    other.hostname = 'localhost';
    const packs = readBundledPacks(ROOT).map((p) => p.pack);
    const index = compilePacks(packs);
    const gate = wordGate(packsGateSource(packs)!);
    for (const [path, html] of Object.entries(namelessPages(server.origin, other.href))) {
      // Pages that name nobody, by the same reading and decisions as the extension's.
      const blocks = htmlBlocks(html);
      const named = findMentions(index, blocks).map((m) => m.text);
      if (named.length > 0) throw new Error(`${path} names ${named.join(', ')}: the scenario needs pages that name nobody`);
      // And ruled out by the name gate alone (what a frame asks before it loads the engine), the
      // accented page too: its words, normalised, hold no alias's.
      const through = blocks.filter((b) => gate(b));
      if (through.length > 0) throw new Error(`${path}: the name gate lets "${through[0]}" through`);
      writeFileSync(join(site, path), html);
    }
    const setups: Record<NamelessSetup, string> = {
      backstory: backstoryPath,
      empty: emptyExtension(join(root, 'empty'), true),
      control: emptyExtension(join(root, 'control'), true),
      none: emptyExtension(join(root, 'none'), false),
    };
    const browsers = {} as Record<NamelessSetup, LaunchedBrowser>;
    for (const setup of Object.keys(setups) as NamelessSetup[]) {
      browsers[setup] = await launch('chromium', { extensionPath: setups[setup], headless: true });
      open.push(browsers[setup]);
    }
    const runs: Record<string, LoadFigures[]> = {};
    for (let i = 0; i < loads; i++) {
      for (const [name, path] of Object.entries(PAGES)) {
        for (const setup of Object.keys(setups) as NamelessSetup[]) {
          (runs[`${name}.${setup}`] ??= []).push(await loadOnce(browsers[setup], server.origin + path));
        }
      }
      log(`pages that name nobody: round ${i + 1} of ${loads}`);
    }
    const out: NamelessFigures = {};
    for (const name of Object.keys(PAGES)) {
      const row: Record<string, number> = {};
      for (const setup of Object.keys(setups) as NamelessSetup[]) {
        const list = runs[`${name}.${setup}`]!;
        for (const key of ['task', 'script', 'heap', 'framesTask', 'framesScript', 'framesHeap', 'fcp'] as const) {
          const values = list.map((r) => r[key]);
          row[`${setup}_${key}`] = round(median(values), key.endsWith('eap') ? 2 : 1);
          row[`${setup}_${key}_min`] = round(Math.min(...values), key.endsWith('eap') ? 2 : 1);
          row[`${setup}_${key}_max`] = round(Math.max(...values), key.endsWith('eap') ? 2 : 1);
        }
      }
      // What each extension adds over none: the medians' difference.
      for (const setup of ['backstory', 'empty', 'control'] as const) {
        for (const key of ['task', 'script', 'heap', 'framesTask', 'framesScript', 'framesHeap', 'fcp'] as const) {
          row[`${setup}_extra_${key}`] = round(row[`${setup}_${key}`]! - row[`none_${key}`]!, key.endsWith('eap') ? 2 : 1);
        }
      }
      // Against the empty script, round by round.
      const of = (setup: NamelessSetup) => runs[`${name}.${setup}`]!;
      const paired = (setup: NamelessSetup, key: 'task' | 'fcp'): number => round(median(of(setup).map((r, i) => {
        const e = of('empty')[i]!;
        return key === 'task' ? r.task + r.framesTask - (e.task + e.framesTask) : r.fcp - e.fcp;
      })), 1);
      for (const key of ['task', 'fcp'] as const) {
        row[`paired_${key}`] = paired('backstory', key);
        row[`control_paired_${key}`] = paired('control', key);
      }
      row.loads = loads;
      out[name] = row;
    }
    return out;
  } finally {
    for (const b of open) await b.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  }
}
