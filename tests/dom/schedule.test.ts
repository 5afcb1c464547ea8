/**
 * When the engine starts reading: after the next frame, so the page paints first and the restyle
 * of the highlight sheet it just adopted happens in that frame, not inside its first read; or after
 * a timeout where no frame comes (a tab in the background renders nothing).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextFrame } from '../../src/content/schedule';

describe('afterNextFrame', () => {
  let frames: FrameRequestCallback[] = [];
  beforeEach(() => {
    frames = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const settled = async (promise: Promise<void>): Promise<boolean> => {
    let done = false;
    void promise.then(() => (done = true));
    // A message to ourselves (how a rendered frame is told) and the promise's own turn.
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
    return done;
  };

  it('waits for the next frame, and goes on once it is rendered', async () => {
    const waiting = afterNextFrame(200, new AbortController().signal);
    expect(await settled(waiting)).toBe(false);
    expect(frames).toHaveLength(1);
    frames[0]!(0);
    expect(await settled(waiting)).toBe(true);
  });

  it('goes on after the timeout where no frame comes', async () => {
    const waiting = afterNextFrame(200, new AbortController().signal);
    vi.advanceTimersByTime(199);
    expect(await settled(waiting)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await settled(waiting)).toBe(true);
  });

  it('goes on at once when its run is aborted', async () => {
    const run = new AbortController();
    const waiting = afterNextFrame(200, run.signal);
    run.abort();
    expect(await settled(waiting)).toBe(true);
  });
});
