/**
 * The painter's probe of the viewport (finding the blocks on screen after a jump) on a page where
 * each hit test is slow: spread over frames, within a budget per frame.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PageStyles } from '../../src/content/highlight-style';
import { Painter } from '../../src/content/painter';
import { installHighlightStub } from './support/highlight-stub';

beforeAll(() => installHighlightStub());
afterEach(() => vi.restoreAllMocks());

describe('Painter', () => {
  it('probes the viewport over several frames when hit tests are slow (a 10 MB page: 1-6 ms each)', async () => {
    const run = new AbortController();
    const painter = new Painter(document, new PageStyles(document, run.signal), run.signal);
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const perFrame: number[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
      perFrame.push(0);
      setTimeout(() => callback(now), 0);
      return perFrame.length;
    });
    vi.spyOn(document, 'elementFromPoint').mockImplementation(() => {
      now += 3; // each hit test takes 3 ms
      perFrame[perFrame.length - 1]!++;
      return document.body;
    });
    painter.lookAround();
    await vi.waitFor(() => expect(perFrame.reduce((a, b) => a + b, 0)).toBe(9));
    // Nine points, at most two per frame (the second starts within the 4 ms budget), so five frames.
    expect(perFrame).toEqual([2, 2, 2, 2, 1]);
    run.abort();
  });
});
