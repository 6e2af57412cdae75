// The live preview in headless Chromium: open a report page, save its source, see the page reload
// with the new text; save broken YAML, see the error overlay; save a fix, see the page again.
//
//   node live-reload.mjs BASE_URL SITE_ROOT
//
// BASE_URL is where `archive serve` serves SITE_ROOT (http://127.0.0.1:PORT/). Exits 0 when
// every step passed, 1 otherwise. Run by tests/it/browser/preview.rs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

// Through require, so that NODE_PATH (site-audit's cached packages) is honoured too.
const { chromium } = createRequire(import.meta.url)('playwright-core');

const [baseUrl, root] = process.argv.slice(2);
const executablePath = process.env.ARCHIVE_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage']; // --headless comes from headless: true
const STEP_TIMEOUT_MS = 15000;
const OVERLAY = '#archive-serve-errors';

const source = path.join(root, 'content', 'pingtan', '2023.md');
const original = fs.readFileSync(source, 'utf8');

// Saves the way vim, VS Code and JetBrains editors do: write a copy, rename it over the file.
function save(text) {
  const copy = `${source}.tmp`;
  fs.writeFileSync(copy, text);
  fs.renameSync(copy, source);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls the page (which may be reloading) until `test` holds; returns the milliseconds taken.
async function until(page, what, test) {
  const started = Date.now();
  while (Date.now() - started < STEP_TIMEOUT_MS) {
    try {
      if (await test()) return Date.now() - started;
    } catch {
      // the page was between two loads
    }
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}; the page shows:\n${(await page.content().catch(() => '')).slice(0, 2000)}`);
}

const bodyText = (page) => page.evaluate(() => document.body.innerText);
const overlayText = (page) => page.evaluate((selector) => {
  const overlay = document.querySelector(selector);
  return overlay ? overlay.innerText : null;
}, OVERLAY);

async function main() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true, args: FLAGS, timeout: 60000,
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    let loads = 0;
    page.on('load', () => { loads += 1; });
    await page.goto(`${baseUrl}agencies/pingtan/2023/`, { waitUntil: 'load' });
    // The script connects to the event stream; give it a moment before the first save.
    await until(page, 'the live-reload script', () => page.evaluate(() => !!document.querySelector('script[src$="__archive/live.js"]')));
    await sleep(300);

    const first = `浏览器测试的第一次修改-${Date.now()}`;
    const loadsBefore = loads;
    save(`${original}\n${first}\n`);
    let took = await until(page, 'the edited text', async () => (await bodyText(page)).includes(first));
    // The new document's text can be read before its load event fires: wait for the event (a
    // page patched in place instead of reloaded never fires one, and this times out).
    await until(page, 'a reload (the new text arrived without one)', async () => loads > loadsBefore);
    console.log(`ok: the page reloaded with the new text after ${took} ms`);

    save(original.replace('format: gb2021', 'format: [gb2021'));
    took = await until(page, 'the error overlay', async () => {
      const text = await overlayText(page);
      return text !== null && /content\/pingtan\/2023\.md:\d+/.test(text);
    });
    const shown = await overlayText(page);
    if (process.env.ARCHIVE_E2E_SCREENSHOTS) {
      await page.screenshot({ path: path.join(process.env.ARCHIVE_E2E_SCREENSHOTS, 'overlay.png') });
    }
    console.log(`ok: the overlay showed the error after ${took} ms: ${shown.split('\n').slice(1, 3).join(' | ')}`);
    if (!(await bodyText(page)).includes(first)) throw new Error('the last good page is gone under the overlay');

    const second = `浏览器测试的第二次修改-${Date.now()}`;
    save(`${original}\n${second}\n`);
    took = await until(page, 'the fixed page', async () => (await overlayText(page)) === null && (await bodyText(page)).includes(second));
    console.log(`ok: the fix cleared the overlay and showed the page after ${took} ms`);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    save(original);
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(`FAILED: ${error.stack || error}`);
  process.exit(1);
});
