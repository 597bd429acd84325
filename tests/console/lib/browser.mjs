// One Chromium per test file (Debian's /usr/bin/chromium through playwright-core), and a page that records what a
// test must be able to check afterwards: every request with its headers and body, console errors, page errors,
// and every API answer that failed.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SCREENSHOTS } from './site.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export async function openConsole(browser, server, { colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const record = { requests: [], consoleErrors: [], pageErrors: [], failedAnswers: [] };
  page.on('request', (request) => {
    // Recorded at once with the headers known now; the full set (cookies and the like) replaces them when it arrives.
    // A request made as the test closes its page may never get them: asking then would reject after the test ended.
    const entry = { url: request.url(), method: request.method(), headers: request.headers(), body: request.postDataBuffer() };
    record.requests.push(entry);
    request.allHeaders().then((all) => { entry.headers = all; }, () => {});
  });
  page.on('response', (response) => {
    if (response.status() >= 400) record.failedAnswers.push({ url: response.url(), status: response.status() });
  });
  page.on('console', (message) => { if (message.type() === 'error') record.consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => record.pageErrors.push(error.message));
  await page.goto(`${server.baseUrl}/console/`);
  return { context, page, record };
}

export async function signIn(page, { accessKeyId, secret, instanceId = '' }) {
  await page.getByLabel('AccessKey ID').fill(accessKeyId);
  await page.getByLabel('AccessKey secret').fill(secret);
  await page.getByLabel('Instance ID (optional)').fill(instanceId);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A PNG of the viewport under artifacts/console-screenshots/; `height` crops it (the README's shots). */
export async function screenshot(page, name, { height } = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const clip = height ? { x: 0, y: 0, width: page.viewportSize().width, height } : undefined;
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), clip });
}

/**
 * No page errors; console errors only Chromium's own "Failed to load resource" lines for API answers that failed
 * on purpose (a wrong secret, a refused action), at most one per such answer.
 */
export function assertCleanConsole(record) {
  assert.deepEqual(record.pageErrors, [], 'uncaught errors in the page');
  const other = record.consoleErrors.filter((text) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(text));
  assert.deepEqual(other, [], 'console errors');
  const network = record.consoleErrors.length - other.length;
  assert.ok(network <= record.failedAnswers.length, `${network} network errors logged for ${record.failedAnswers.length} failed answers`);
}

/** The secret appears in no URL, header or body the page sent. */
export function assertSecretNeverSent(record, secret) {
  assert.ok(record.requests.length > 0);
  const encoded = [secret, encodeURIComponent(secret)];
  for (const r of record.requests) {
    const text = [r.url, JSON.stringify(r.headers), r.body ? r.body.toString('latin1') : ''].join('\n');
    for (const s of encoded) assert.ok(!text.includes(s), `the secret was sent in ${r.method} ${r.url}`);
  }
}
