/**
 * The engine's life on a page: its named states, one AbortController per run, and the one
 * place a run ends. The host here is a fake that records what it was asked; its runs finish when
 * the test says so (events, not the machine's speed).
 */
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings, type Settings } from '../../src/core/settings';
import { Lifecycle, type LifecycleHost, type Run } from '../../src/content/lifecycle';

class FakeRun implements Run {
  readonly explained: string[] = [];
  readonly commands: string[] = [];
  readonly updates: Settings[] = [];
  constructor(readonly signal: AbortSignal) {}
  explain(text: string): void {
    this.explained.push(text);
  }
  command(command: string): void {
    this.commands.push(command);
  }
}

/** A host whose runs get ready and finish reading only when the test calls ready() / read(). */
function fakeHost(pausedSite = false) {
  const runs: FakeRun[] = [];
  const steps: { ready: () => void; read: () => void; fail: (e: unknown) => void }[] = [];
  const failures: unknown[] = [];
  const host: LifecycleHost<FakeRun> = {
    paused: (s) => pausedSite && s.enabled,
    open: (signal) => {
      const run = new FakeRun(signal);
      runs.push(run);
      return run;
    },
    begin: (_run, _signal, progress) => new Promise<void>((resolve, reject) => steps.push({ ...progress, read: resolve, fail: reject })),
    update: (run, settings) => run.updates.push(settings),
    failed: (error) => failures.push(error),
  };
  return { host, runs, steps, failures };
}

const on = defaultSettings();
const off: Settings = { ...on, enabled: false };
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('Lifecycle', () => {
  it('goes off → loading → reading → painted as settings arrive and the run gets ready and reads', async () => {
    const { host, runs, steps } = fakeHost();
    const life = new Lifecycle(host, new AbortController().signal);
    expect(life.state).toBe('off');
    life.apply(on);
    expect(life.state).toBe('loading');
    expect(life.ready).toBeNull();
    steps[0]!.ready();
    expect(life.state).toBe('reading');
    expect(life.ready).toBe(runs[0]);
    steps[0]!.read();
    await flush();
    expect(life.state).toBe('painted');
  });

  it('ends the run when switched off or paused: its signal aborts, nothing of it is kept', async () => {
    const { host, runs, steps } = fakeHost();
    const life = new Lifecycle(host, new AbortController().signal);
    life.apply(on);
    steps[0]!.ready();
    life.apply(off);
    expect(life.state).toBe('off');
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(life.ready).toBeNull();
    // A run that ended and then finishes reading changes nothing.
    steps[0]!.read();
    await flush();
    expect(life.state).toBe('off');

    const paused = fakeHost(true);
    const pausedLife = new Lifecycle(paused.host, new AbortController().signal);
    pausedLife.apply(on);
    expect(pausedLife.state).toBe('paused');
    expect(paused.runs).toHaveLength(0);
  });

  it('hands new settings to the run under way instead of starting another', () => {
    const { host, runs } = fakeHost();
    const life = new Lifecycle(host, new AbortController().signal);
    life.apply(on);
    const next = { ...on, mentionMode: 'first' as const };
    life.apply(next);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.updates).toEqual([next]);
    expect(life.settings).toBe(next);
  });

  it('starts a new run with a new signal when the packs change (restart), in every state', async () => {
    const { host, runs, steps } = fakeHost();
    const life = new Lifecycle(host, new AbortController().signal);
    life.apply(on);
    steps[0]!.ready();
    steps[0]!.read();
    await flush();
    life.restart();
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.signal.aborted).toBe(false);
    expect(life.state).toBe('loading');
    life.apply(off);
    life.restart();
    expect(runs).toHaveLength(2);
    expect(life.state).toBe('off');
  });

  it('keeps an "Explain" asked while loading (or before the settings) and answers it once ready; forgets it when the run ends', () => {
    const { host, runs, steps } = fakeHost();
    const life = new Lifecycle(host, new AbortController().signal);
    life.explain('Araghchi');
    life.apply(on);
    steps[0]!.ready();
    expect(runs[0]!.explained).toEqual(['Araghchi']);
    life.explain('Musk');
    expect(runs[0]!.explained).toEqual(['Araghchi', 'Musk']);

    life.apply(off);
    life.explain('ignored while off');
    life.apply(on);
    life.explain('Hamas');
    life.apply(off);
    life.apply(on);
    steps[2]!.ready();
    expect(runs[2]!.explained).toEqual([]);
  });

  it('passes keyboard commands to a ready run only', () => {
    const { host, runs, steps } = fakeHost();
    const life = new Lifecycle(host, new AbortController().signal);
    life.apply(on);
    life.command('next-mention');
    steps[0]!.ready();
    life.command('open-card');
    expect(runs[0]!.commands).toEqual(['open-card']);
  });

  it('reports a run that could not start, and the next settings try again', async () => {
    const { host, runs, steps, failures } = fakeHost();
    const life = new Lifecycle(host, new AbortController().signal);
    life.apply(on);
    steps[0]!.fail(new Error('no index'));
    await flush();
    expect(failures).toHaveLength(1);
    expect(life.state).toBe('off');
    expect(runs[0]!.signal.aborted).toBe(true);
    life.apply(on);
    expect(runs).toHaveLength(2);
    expect(life.state).toBe('loading');
  });

  it('ends everything when its extension is gone (the lifetime aborts)', () => {
    const { host, runs } = fakeHost();
    const lifetime = new AbortController();
    const life = new Lifecycle(host, lifetime.signal);
    life.apply(on);
    const aborted = vi.fn();
    runs[0]!.signal.addEventListener('abort', aborted);
    lifetime.abort();
    expect(aborted).toHaveBeenCalledOnce();
    expect(life.state).toBe('off');
  });
});
