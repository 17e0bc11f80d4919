// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against the site
// served on 127.0.0.1 by our own server. Both stop when the test calls close().
import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/server.mjs';

export const chromiumPath = process.env.GANVAS_CHROMIUM ?? '/usr/bin/chromium';

// Flags that keep Chromium quiet on a closed network (docs/toolchain.md, "Browser tests").
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// An init script: records the page's long tasks (> 50 ms on the main thread) in window.__longTasks from
// its first moment: `await site.context.addInitScript(recordLongTasks)` before opening the page.
export const recordLongTasks = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
};

// Serves the site and opens a fresh browser (a new temporary profile every launch). Served like
// `npm start`, cross-origin isolated, unless `isolated` is false (as on a host without COOP/COEP).
export async function openSite({ isolated = true } = {}) {
  const { server, url } = await startServer({ port: 0, isolated });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  } catch (error) {
    server.close();
    throw error;
  }
  const context = await browser.newContext();
  const offOrigin = [];
  const requests = [];  // every URL the pages and their workers asked for
  const consoleErrors = [];
  context.on('request', (request) => {
    requests.push(request.url());
    if (!request.url().startsWith(url) && !request.url().startsWith('data:') &&
        !request.url().startsWith('blob:')) {
      offOrigin.push(request.url());
    }
  });
  async function newPage(pathname = '') {
    const page = await context.newPage();
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.goto(new URL(pathname, url).href);
    return page;
  }
  async function close() {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return { url, browser, context, newPage, close, offOrigin, consoleErrors, requests };
}
