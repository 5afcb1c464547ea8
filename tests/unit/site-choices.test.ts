/**
 * The page's per-site choices: stored (through the background) in a normal window; in a private
 * window kept by the page alone, so nothing naming a site read there reaches storage.
 */
import { describe, expect, it, vi } from 'vitest';
import { SiteChoices } from '../../src/content/site-choices';
import { applyChange, defaultSettings, type SettingsChange } from '../../src/core/settings';

function make(privateWindow: boolean) {
  const saved: SettingsChange[] = [];
  const changed = vi.fn();
  return { choices: new SiteChoices('news.example', privateWindow, (c) => saved.push(c), changed), saved, changed };
}

describe('per-site choices on a page', () => {
  it('in a normal window, sends each choice to be stored', () => {
    const { choices, saved, changed } = make(false);
    choices.hide('pack:elon-musk');
    choices.pause();
    expect(saved).toEqual([
      { kind: 'hide-entity', site: 'news.example', key: 'pack:elon-musk', hidden: true },
      { kind: 'pause-site', site: 'news.example', paused: true },
    ]);
    expect(changed).not.toHaveBeenCalled();
    const stored = saved.reduce(applyChange, defaultSettings());
    expect(choices.paused(stored)).toBe(true);
    expect([...choices.hidden(stored)]).toEqual(['pack:elon-musk']);
  });

  it('in a private window, applies them to this page only and stores nothing', () => {
    const { choices, saved, changed } = make(true);
    const settings = defaultSettings();
    choices.hide('pack:elon-musk');
    expect([...choices.hidden(settings)]).toEqual(['pack:elon-musk']);
    expect(choices.paused(settings)).toBe(false);
    choices.pause();
    expect(choices.paused(settings)).toBe(true);
    expect(changed).toHaveBeenCalledTimes(2);
    expect(saved).toEqual([]);
    // A fresh page (the next one visited) starts clean.
    expect(make(true).choices.paused(settings)).toBe(false);
  });
});
