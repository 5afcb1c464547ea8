import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../build/build';

describe('npm start without a browser', () => {
  it.each([
    ['Chromium', [], { CHROME_PATH: '/nonexistent/chrome' }],
    ['Firefox', ['--firefox'], { FIREFOX_PATH: '/nonexistent/firefox' }],
  ])('says how to install %s and exits non-zero', (_label, args, env) => {
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['build/start.ts', '--headless', ...args], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/apt-get install -y chromium firefox-esr/);
  });
});
