/**
 * The popup's decision for a tab (src/core/tab-state.ts): list it, or say why not and offer the
 * way out that fits.
 */
import { describe, expect, it } from 'vitest';
import { accessPatterns, tabState, type TabFacts } from '../../src/core/tab-state';

const silent = (url: string | undefined, more: Partial<TabFacts> = {}): TabFacts => ({
  answered: false, url, activeTab: true, siteAccess: true, fileAccess: false, ...more,
});

describe('tabState', () => {
  it('lists the tab whenever its content script answers, whatever else is known', () => {
    expect(tabState({ answered: true, url: undefined, activeTab: false, siteAccess: undefined, fileAccess: false })).toEqual({ kind: 'answers' });
    expect(tabState({ answered: true, url: 'https://news.example/a', activeTab: true, siteAccess: false, fileAccess: false })).toEqual({ kind: 'answers' });
  });

  it('says only that it cannot read the tab where the browser hides the address from a popup without activeTab', () => {
    expect(tabState(silent(undefined, { activeTab: false }))).toEqual({ kind: 'unknown' });
    expect(tabState(silent('', { activeTab: false }))).toEqual({ kind: 'unknown' });
    expect(tabState(silent('not a url', { activeTab: false }))).toEqual({ kind: 'unknown' });
  });

  it('calls a page closed where the address stays hidden even with activeTab (Chrome’s chrome:// pages)', () => {
    expect(tabState(silent(undefined))).toEqual({ kind: 'closed' });
  });

  it.each([
    'chrome://extensions/',
    'chrome-extension://abcdefghijklmnop/popup.html',
    'about:blank',
    'about:addons',
    'moz-extension://0b6f7d44-0000-4000-8000-000000000000/options.html',
    'edge://settings',
    'view-source:https://news.example/',
    'data:text/html,<p>hi</p>',
    'https://chromewebstore.google.com/detail/backstory/abc',
    'https://chrome.google.com/webstore/category/extensions',
    'https://addons.mozilla.org/en-US/firefox/addon/backstory/',
    'https://ADDONS.mozilla.org/',
    'https://microsoftedge.microsoft.com/addons/detail/x',
  ])('calls %s a page closed to extensions, with no way out', (url) => {
    expect(tabState(silent(url))).toEqual({ kind: 'closed' });
    expect(tabState(silent(url, { siteAccess: false }))).toEqual({ kind: 'closed' });
  });

  it('tells the stores from ordinary pages of the same hosts', () => {
    expect(tabState(silent('https://chrome.google.com/webstorefront'))).toEqual({ kind: 'not-injected' });
    expect(tabState(silent('https://chrome.google.com/'))).toEqual({ kind: 'not-injected' });
  });

  it('keeps local files closed unless the reader allowed file access', () => {
    expect(tabState(silent('file:///home/me/article.html'))).toEqual({ kind: 'closed' });
    expect(tabState(silent('file:///home/me/article.html', { fileAccess: true }))).toEqual({ kind: 'not-injected' });
  });

  it('offers to ask for the site where the reader withheld it', () => {
    expect(tabState(silent('https://news.example:8443/world/1?x=2#y', { siteAccess: false }))).toEqual({
      kind: 'withheld', site: 'news.example', origins: ['https://news.example/*'],
    });
    expect(tabState(silent('http://127.0.0.1:5173/card.html', { siteAccess: false }))).toEqual({
      kind: 'withheld', site: '127.0.0.1', origins: ['http://127.0.0.1/*'],
    });
  });

  it('offers to annotate now where access is granted (or unknown) but no script answers', () => {
    expect(tabState(silent('https://news.example/a'))).toEqual({ kind: 'not-injected' });
    expect(tabState(silent('https://news.example/a', { siteAccess: undefined }))).toEqual({ kind: 'not-injected' });
  });
});

describe('accessPatterns', () => {
  it('covers the site on every port, for http and https apart', () => {
    expect(accessPatterns('https://News.Example:8443/path?q#h')).toEqual(['https://news.example/*']);
    expect(accessPatterns('http://news.example/')).toEqual(['http://news.example/*']);
  });

  it('is null where there is no site to ask for', () => {
    for (const url of [undefined, '', 'about:blank', 'file:///x.html', 'chrome://newtab/', 'https://addons.mozilla.org/x']) {
      expect(accessPatterns(url)).toBeNull();
    }
  });
});
