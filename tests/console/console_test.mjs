// The archive console in a real headless Chromium (Debian's, driven by puppeteer-core):
// sign in, an invalid query shows Jira's message under its span, the dry run's counts
// equal the preview endpoint's, archive with progress to 100%, the issues leave
// search, a slowed second task is cancelled, unarchive by keys, an export downloads;
// a non-admin sees no Archive button and a standard edition says why. It fails on any
// request to another origin and on any console error. Screenshots go to SHOT_DIR.
// Usage: node console_test.mjs JQL_BINARY DATA_DIR WORK_DIR SHOT_DIR PUPPETEER_DIR
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [jql, data, work, shots, puppeteerDir] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const puppeteer = require(puppeteerDir);
const { startServer, stopServer } = require('../server/jira_js/server.cjs');

for (const dir of ['premium', 'standard']) fs.mkdirSync(path.join(work, dir), { recursive: true });
const admin = { email: 'admin@example.com', token: 'admin-token' };
const user = { email: 'user@example.com', token: 'user-token' };
fs.mkdirSync(shots, { recursive: true });

async function api(url, who, method, apiPath, body) {
  const res = await fetch(url + '/rest/api/3' + apiPath, {
    method,
    headers: { Authorization: 'Basic ' + Buffer.from(who.email + ':' + who.token).toString('base64'),
               'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const problems = [];
// Chrome logs every 4xx answer as a console error; the one expected 401 (a wrong token
// on purpose) is let through, nothing else.
let expected401 = false;
async function openPage(browser, url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const origin = new URL(url).origin;
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push('request to ' + u);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (expected401 && m.text().includes('status of 401')) { expected401 = false; return; }
    problems.push('console error: ' + m.text());
  });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  await page.goto(url + '/', { waitUntil: 'networkidle0' });
  return page;
}

async function signIn(page, who) {
  await page.type('#email', who.email);
  await page.type('#token', who.token);
  await page.click('#signin-button');
  await page.waitForSelector('#app:not([hidden])');
}

async function setQuery(page, text) {
  await page.$eval('#jql', (el) => { el.value = ''; });
  await page.focus('#jql');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');  // close any completion list
}

// Waits until the dry run shows the counts of `text` (the page debounces edits).
async function waitForDryRun(page, text) {
  await page.waitForFunction((q) => document.getElementById('dryrun').dataset.query === q &&
    document.getElementById('dryrun-state').textContent.startsWith('What archiving'), { timeout: 20000 }, text);
}

const counts = (page) => page.evaluate(() => Object.fromEntries(
  ['matched', 'selected', 'subtasks', 'skipped-subtasks', 'unlicensed', 'over']
    .map((k) => [k, Number(document.getElementById('count-' + k).textContent.replace(/,/g, ''))])));

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
let server;
try {
  // Small batches with a pause, so a large archive runs long enough to be cancelled.
  server = await startServer(jql, data, path.join(work, 'premium'),
    ['--edition', 'premium', '--archive-batch', '20', '--archive-pause-ms', '60']);
  const url = server.url;
  const page = await openPage(browser, url);

  // Keyboard focus order on the sign-in form: the e-mail first (focused on load), then
  // the token, then the button.
  const order = [await page.evaluate(() => document.activeElement.id)];
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.id));
  }
  assert.deepEqual(order, ['email', 'token', 'signin-button']);
  // Every field has a label.
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, textarea')]
    .filter((e) => e.labels.length === 0 && !e.getAttribute('aria-label')).map((e) => e.id));
  assert.deepEqual(unlabelled, []);

  // A wrong token is refused in the page, with no browser login dialog.
  await page.type('#email', admin.email);
  await page.type('#token', 'wrong');
  expected401 = true;
  await page.click('#signin-button');
  await page.waitForFunction(() => document.getElementById('signin-error').textContent !== '');
  assert.equal(await page.$eval('#signin-error', (e) => e.textContent), 'The e-mail or token is wrong.');
  await page.$eval('#email', (e) => { e.value = ''; });
  await page.$eval('#token', (e) => { e.value = ''; });
  await signIn(page, admin);
  assert.equal(await page.evaluate(() => document.cookie), '', 'credentials never go into a cookie');
  assert.ok(!page.url().includes('token'), 'nor into the URL');

  // An invalid query: Jira's message, placed under the span it names.
  const bad = 'updated < -365d AND status = Done)';
  await setQuery(page, bad);
  await page.waitForSelector('#jql-errors .jql-error');
  const expected = await api(url, admin, 'POST', '/jql/parse?validation=strict', { queries: [bad] });
  const shown = await page.$$eval('#jql-errors .jql-error', (ps) => ps.map((p) => ({ text: p.textContent, start: Number(p.dataset.start) })));
  assert.deepEqual(shown.map((e) => e.text), expected.body.queries[0].errors);
  assert.equal(shown[0].start, bad.indexOf(')'));
  assert.equal(await page.$eval('#highlight .error-span', (e) => e.textContent), ')');
  assert.equal(await page.$eval('#jql', (e) => e.getAttribute('aria-invalid')), 'true');
  await page.screenshot({ path: path.join(shots, '1-editor-with-error.png') });

  // Completion offers field names.
  await setQuery(page, 'updated < -365d AND stat');
  await page.keyboard.press('End');
  await page.keyboard.type('u');
  await page.waitForSelector('#completions:not([hidden]) li');
  const offered = await page.$$eval('#completions li', (lis) => lis.map((l) => l.textContent));
  assert.ok(offered.includes('status'), 'completion offers status: ' + offered);

  // ... operators after a field ...
  await setQuery(page, 'updated < -365d AND status ');
  await page.keyboard.press('End');
  await page.keyboard.type('i');
  await page.waitForSelector('#completions:not([hidden]) li');
  const operators = await page.$$eval('#completions li', (lis) => lis.map((l) => l.textContent));
  assert.ok(operators.includes('in') && operators.includes('is not'), 'operators offered: ' + operators);
  // ... and values, from the suggestions endpoint.
  await setQuery(page, 'updated < -365d AND status = ');
  await page.keyboard.press('End');
  await page.keyboard.type('Do');
  await page.waitForFunction(() => [...document.querySelectorAll('#completions li')].some((l) => l.textContent === 'Done'));

  // Text is readable: every visible text has WCAG AA contrast (4.5:1) on its background.
  const lowContrast = await page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const bad = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.id === 'jql' || !el.offsetParent) continue;  // the editor's text is drawn by #highlight
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const fg = rgb(getComputedStyle(el).color).slice(0, 3);
      const [a, b] = [lum(fg), lum(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) bad.push((el.id || el.tagName) + ' ' + ratio.toFixed(2));
    }
    return bad;
  });
  assert.deepEqual(lowContrast, []);

  // Fixed: the dry run's counts are the preview endpoint's.
  const target = 'statusCategory = Done AND updated < -365d';
  await setQuery(page, target);
  await waitForDryRun(page, target);
  const preview = (await api(url, admin, 'POST', '/issue/archive/preview', { jql: target })).body;
  assert.deepEqual(await counts(page), {
    matched: preview.issuesMatched, selected: preview.issuesToArchive, subtasks: preview.subtasksToArchive,
    'skipped-subtasks': preview.skipped.issueIsSubtask.count,
    unlicensed: preview.skipped.issuesInUnlicensedProjects.count, over: preview.issuesOverLimit,
  });
  assert.ok(preview.issuesToArchive > 0);
  const sampleRows = await page.$$eval('#sample tbody tr', (rows) => rows.length);
  assert.ok(sampleRows > 0, 'a sample of the issues is shown');
  await page.screenshot({ path: path.join(shots, '2-dry-run.png') });

  // Archive: the confirmation repeats the count; progress reaches 100%.
  await page.click('#archive-button');
  await page.waitForSelector('#confirm[open]');
  const question = await page.$eval('#confirm-text', (e) => e.textContent);
  assert.ok(question.startsWith('Archive ' + preview.issuesToArchive.toLocaleString('en-US') + ' issues'), question);
  await page.click('#confirm-yes');
  await page.waitForSelector('#progress:not([hidden])');
  await page.$eval('#progress', (e) => e.scrollIntoView({ block: 'center' }));
  await page.waitForFunction(() => document.getElementById('progress-status').textContent !== '');
  await page.screenshot({ path: path.join(shots, '3-progress.png') });
  await page.waitForFunction(() => document.getElementById('progress-status').textContent === 'COMPLETE', { timeout: 60000 });
  assert.equal(await page.$eval('#progress-bar', (e) => e.value), 100);
  assert.equal(await page.$eval('#progress-percent', (e) => e.textContent), '100%');
  const summary = await page.$eval('#result-summary', (e) => e.textContent);
  assert.equal(summary, 'COMPLETE: ' + preview.numberOfIssuesToUpdate.toLocaleString('en-US') + ' issues archived.');
  await page.$eval('#progress', (e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: path.join(shots, '4-done.png') });
  // The issues are gone from search.
  const gone = await api(url, admin, 'POST', '/search/approximate-count',
    { jql: 'key in (' + preview.firstIssues.join(',') + ')' });
  assert.equal(gone.body.count, 0);
  const after = (await api(url, admin, 'POST', '/issue/archive/preview', { jql: target })).body;
  assert.equal(after.issuesToArchive, 0);
  assert.ok(after.issuesMatched <= preview.issuesMatched - preview.issuesToArchive, 'archived issues no longer match');
  await page.waitForFunction(() => document.getElementById('count-selected').textContent === '0');

  // A second, slowed task is cancelled from the page.
  const big = 'statusCategory != Done';
  await setQuery(page, big);
  await waitForDryRun(page, big);
  await page.click('#archive-button');
  await page.waitForSelector('#confirm[open]');
  await page.click('#confirm-yes');
  await page.waitForFunction(() => ['RUNNING', 'ENQUEUED'].includes(document.getElementById('progress-status').textContent));
  await page.click('#cancel-button');
  await page.waitForFunction(() => document.getElementById('progress-status').textContent === 'CANCELLED', { timeout: 60000 });
  await page.click('#refresh-tasks');
  await page.waitForFunction(() => document.querySelectorAll('#task-table tbody tr').length >= 2);
  const tasks = await page.$$eval('#task-table tbody tr', (rows) => rows.map((r) => r.cells[2].textContent));
  assert.deepEqual(tasks.slice(0, 2), ['CANCELLED', 'COMPLETE']);

  // Unarchive two of the archived issues by key.
  const again = preview.firstIssues.slice(0, 2);
  await page.type('#unarchive-keys', again.join(', '));
  await page.click('#unarchive-button');
  await page.waitForFunction(() => document.getElementById('unarchive-result').textContent !== '');
  assert.equal(await page.$eval('#unarchive-result', (e) => e.textContent), '2 issues unarchived.');
  const back = await api(url, admin, 'POST', '/search/approximate-count', { jql: 'key in (' + again.join(',') + ')' });
  assert.equal(back.body.count, 2);

  // Export the archived issues; the link holds the file the task wrote.
  await page.click('#export-button');
  await page.waitForSelector('#export-link:not([hidden])', { timeout: 60000 });
  const bytes = Number(await page.$eval('#export-link', (e) => e.dataset.bytes));
  const listed = (await api(url, admin, 'GET', '/task')).body.find((t) => t.kind === 'export');
  const file = await fetch(url + new URL(listed.result.fileUrl).pathname, {
    headers: { Authorization: 'Basic ' + Buffer.from(admin.email + ':admin-token').toString('base64') } });
  assert.equal(bytes, (await file.arrayBuffer()).byteLength);
  assert.ok(bytes > 100);

  // A narrow window: no sideways scrolling.
  await page.setViewport({ width: 420, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 421, 'page is ' + overflow + ' px wide in a 420 px window');
  await page.screenshot({ path: path.join(shots, '5-narrow.png'), fullPage: true });

  // A non-admin: the dry run, but no Archive button.
  const plain = await openPage(browser, url);
  await signIn(plain, user);
  await setQuery(plain, 'updated < -365d');
  await waitForDryRun(plain, 'updated < -365d');
  assert.equal(await plain.$eval('#archive-button', (e) => e.hidden), true);
  assert.ok((await plain.$eval('#archive-unavailable', (e) => e.textContent)).includes('Only admins can archive'));
  await stopServer(server.child);
  server = null;

  // A standard edition: the admin is told why archiving is unavailable.
  server = await startServer(jql, data, path.join(work, 'standard'), ['--edition', 'standard']);
  const standard = await openPage(browser, server.url);
  await signIn(standard, admin);
  await setQuery(standard, 'updated < -365d');
  await waitForDryRun(standard, 'updated < -365d');
  assert.equal(await standard.$eval('#archive-button', (e) => e.hidden), true);
  assert.equal(await standard.$eval('#archive-unavailable', (e) => e.textContent),
    'Archiving is not available to you: Archiving issues is only available for premium editions of Jira.');

  assert.deepEqual(problems, []);
  console.log('console test: passed; screenshots in ' + shots);
} finally {
  await browser.close();
  if (server) await stopServer(server.child);
}
