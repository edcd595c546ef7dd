// The MTM page in Debian's headless Chromium: the printed plan and list, keeping the list on the
// device, files, the share link, calendar reminders and Spanish.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import ICAL from 'ical.js';
import { serve, launch, watch, ROOT } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(context, query = '') {
  const page = await (context ?? browser).newPage();
  const seen = watch(page);
  await page.goto(`${server.origin}/www/${query}`);
  await page.waitForSelector('html[data-ready=true]');
  return { page, seen };
}

async function fillList(page, names = ['warfarin', 'ibuprofen 200 mg', 'omeprazole 20 mg']) {
  const input = page.locator('#med-input');
  for (const name of names) { await input.fill(name); await input.press('Enter'); }
  await page.fill('#age', '80');
  await page.fill('#allergies', 'penicillin');
}

async function check(page) {
  await page.locator('#check').click();
  await page.locator('#map h2').waitFor();
}

test('the printed plan and list: one column, no interface, a page each, dated footer', async () => {
  const { page, seen } = await open();
  await fillList(page);
  await check(page);
  await page.locator('#note-talked').fill('Talked about pain relief.');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['header.site', '#profile', '#findings', '#education', '#summary']) {
    assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
  }
  const visibleControls = await page.locator('button, select').evaluateAll((xs) => xs.filter((x) => x.offsetParent !== null).length);
  assert.equal(visibleControls, 0, 'no buttons or menus on paper');
  for (const sheet of ['#map', '#pml']) {
    assert.ok(await page.locator(sheet).isVisible(), `${sheet} is printed`);
    assert.equal(await page.locator(sheet).evaluate((n) => getComputedStyle(n).breakBefore), 'page', `${sheet} starts a page`);
  }
  const mapText = await page.locator('#map').innerText();
  for (const heading of ['What we talked about', 'What I need to do', 'My follow-up plan', 'Questions I want to ask']) {
    assert.ok(mapText.includes(heading), heading);
  }
  assert.equal(await page.locator('#note-talked').inputValue(), 'Talked about pain relief.');
  const pml = await page.locator('#pml').innerText();
  for (const heading of ['Medicine', 'How I use it', 'Why I use it', 'Prescriber', 'Start / stop', 'Allergies and side effects']) {
    assert.ok(pml.includes(heading), heading);
  }
  // One column: the sheets span the page and nothing sits beside them.
  const boxes = await page.locator('#map, #pml').evaluateAll((xs) => xs.map((x) => x.getBoundingClientRect().width));
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  for (const w of boxes) assert.ok(w > width * 0.9, `sheet width ${w} of ${width}`);
  const footer = page.locator('#print-footer');
  assert.ok(await footer.isVisible());
  assert.match(await footer.innerText(), /Knowledge version \d{4}\.\d{2}\.\d{2}/);
  assert.equal(await footer.evaluate((n) => getComputedStyle(n).position), 'fixed', 'on every page');
  await mkdir(`${ROOT}/test-results`, { recursive: true });
  await page.screenshot({ path: `${ROOT}/test-results/print.png`, fullPage: true });
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('save only when asked, forget everything, export and import a file', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const { page } = await open(context);
  await fillList(page);
  const stored = () => page.evaluate(() => localStorage.getItem('medcheck'));
  assert.equal(await stored(), null, 'nothing is saved before the patient opts in');
  await page.getByLabel('Save my list on this device').check();
  assert.match(await stored(), /warfarin/);

  // A reload brings the saved list back.
  await page.reload();
  await page.waitForSelector('html[data-ready=true]');
  assert.deepEqual(await page.locator('#med-list .med-name').allTextContents(), ['warfarin', 'ibuprofen 200 mg', 'omeprazole 20 mg']);
  assert.equal(await page.getByLabel('Save my list on this device').isChecked(), true);

  // Export to a file.
  await check(page);
  await page.locator('#pml input[aria-label^="Why I use it: warfarin"]').fill('atrial fibrillation');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save to a file' }).click()]);
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.format, 'medcheck-list');
  assert.equal(exported.meds[0].reason, 'atrial fibrillation');

  // Forget everything.
  await page.getByRole('button', { name: 'Forget everything' }).click();
  assert.equal(await stored(), null);
  assert.equal(await page.locator('#med-list .med-name').count(), 0);
  assert.equal(await page.locator('#allergies').inputValue(), '');
  await page.reload();
  await page.waitForSelector('html[data-ready=true]');
  assert.equal(await page.locator('#med-list .med-name').count(), 0, 'nothing comes back after a reload');

  // Import the file.
  await page.locator('#import').setInputFiles(file);
  await page.locator('#med-list .med-name').first().waitFor();
  assert.deepEqual(await page.locator('#med-list .med-name').allTextContents(), ['warfarin', 'ibuprofen 200 mg', 'omeprazole 20 mg']);
  assert.equal(await page.locator('#allergies').inputValue(), 'penicillin');
  await check(page);
  assert.equal(await page.locator('#pml input[aria-label^="Why I use it: warfarin"]').inputValue(), 'atrial fibrillation');
  assert.equal(await stored(), null, 'importing does not save without consent');

  // A file that is not a list is refused with a message.
  await page.locator('#import').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
  await page.getByRole('alert').filter({ hasText: 'not a medcheck list' }).waitFor();
  await context.close();
});

test('the share link carries the list in the fragment, compressed, and opens it', async () => {
  const { page, seen } = await open();
  await fillList(page, ['warfarin', 'Advil', 'metoprolol 25 mg']);
  await page.getByRole('button', { name: 'Make a share link' }).click();
  const link = await page.locator('#share-link').inputValue();
  const url = new URL(link);
  assert.match(url.hash, /^#share=[\w-]+$/, 'base64url in the fragment');
  assert.equal(url.search, '', 'nothing in the query string, which would reach a server');
  assert.ok(!link.includes('warfarin'), 'the list is compressed, not plain');
  const packed = Buffer.from(url.hash.slice('#share='.length), 'base64url');
  const json = inflateRawSync(packed).toString('utf8');
  assert.deepEqual(JSON.parse(json).meds.map((m) => m.name), ['warfarin', 'Advil', 'metoprolol 25 mg']);
  assert.ok(packed.length < json.length, `deflated ${packed.length} bytes of ${json.length}`);

  const other = await browser.newPage();
  const requests = [];
  other.on('request', (r) => requests.push(r.url()));
  await other.goto(link);
  await other.waitForSelector('html[data-ready=true]');
  assert.deepEqual(await other.locator('#med-list .med-name').allTextContents(), ['warfarin', 'Advil', 'metoprolol 25 mg']);
  assert.equal(await other.locator('#age').inputValue(), '80');
  assert.equal(new URL(other.url()).hash, '', 'the list leaves the address bar once opened');
  assert.ok(requests.every((r) => !r.includes('share=')), 'the fragment never reaches the server');
  assert.deepEqual(seen.errors, []);
  await other.close();

  // A link that inflates beyond the size limit is refused with a message, not opened.
  const bomb = deflateRawSync(Buffer.alloc(4 * 1024 * 1024, 32)).toString('base64url');
  const third = await browser.newPage();
  await third.goto(`${link.split('#')[0]}#share=${bomb}`);
  await third.waitForSelector('html[data-ready=true]');
  await third.getByRole('alert').filter({ hasText: 'not a medcheck list' }).waitFor();
  assert.equal(await third.locator('#med-list .med').count(), 0);
  await third.close();
  await page.close();
});

test('the follow-up timeline downloads as a calendar file that parses', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const { page } = await open(context);
  await fillList(page);
  await check(page);
  const dates = (await page.locator('.plan-follow-up strong').allTextContents()).map((s) => s.replace(/:\s*$/, ''));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#calendar').click()]);
  assert.match(download.suggestedFilename(), /\.ics$/);
  const text = await readFile(await download.path(), 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.equal(events.length, dates.length);
  assert.deepEqual(events.map((e) => e.startDate.toString()), dates);
  assert.ok(events.every((e) => e.summary === 'Medication follow-up' && e.description.length > 10));
  assert.ok(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75), 'lines are folded');
  await context.close();
});

/** Visible text nodes of the page. */
const visibleTexts = (page) => page.evaluate(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (text && parent && parent.checkVisibility() && parent.tagName !== 'OPTION') out.push(text);
  }
  for (const input of document.querySelectorAll('[placeholder]')) if (input.checkVisibility()) out.push(input.placeholder);
  for (const option of document.querySelectorAll('select option')) out.push(option.textContent.trim());
  return out;
});

test('switching to Spanish changes every visible string', async () => {
  const { page, seen } = await open();
  await fillList(page);
  await page.fill('#conditions', 'atrial fibrillation');
  await page.locator('#pml').waitFor({ state: 'attached' });
  await check(page);
  await page.locator('#frequency-0').fill('once daily');
  await check(page);
  const english = await visibleTexts(page);
  await page.getByLabel('Language').selectOption('es');
  await page.waitForSelector('html[data-lang=es]');
  await page.locator('#map h2', { hasText: 'Mi plan de acción de medicamentos' }).waitFor();
  const spanish = new Set(await visibleTexts(page));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  // What stays: the patient's own words, medicine names, numbers and dates, and the language names.
  const kept = ['warfarin', 'ibuprofen', 'omeprazole', '200 mg', '20 mg', 'penicillin', 'atrial fibrillation', 'once daily',
    'medcheck', 'English', 'Español', 'INR', 'PPI'];
  const residue = (s) => kept.reduce((x, k) => x.split(k).join(''), s).replace(/[\d\s.,:;()/+–→·#-]/g, '');
  const unchanged = english.filter((s) => spanish.has(s) && residue(s) !== '');
  assert.deepEqual(unchanged, [], 'English strings still visible in Spanish');
  assert.ok(english.length > 80, `${english.length} strings compared`);
  // Spanish input is read too: a frequency in Spanish, and errors come back in Spanish.
  await page.locator('#frequency-1').fill('dos veces al día');
  await page.locator('#check').click();
  await page.locator('#map h2', { hasText: 'Mi plan' }).waitFor();
  assert.equal(await page.locator('#form-error').textContent(), '');
  await page.locator('#frequency-1').fill('tres veces por hora');
  await page.locator('#check').click();
  await page.getByRole('alert').filter({ hasText: 'no es una frecuencia que conozca' }).waitFor();
  assert.match(await page.getByRole('alert').textContent(), /medicamento 2, cada cuánto/);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('pharmacist mode adds the clinical text, severity codes and sources', async () => {
  const { page } = await open();
  await fillList(page);
  await check(page);
  assert.equal(await page.locator('.clinical').count(), 0, 'patient mode keeps to plain language');
  await page.getByLabel('View').selectOption('pharmacist');
  await page.locator('.clinical').first().waitFor();
  const text = await page.locator('#findings .finding.major .clinical').first().innerText();
  assert.match(text, /Severity code: major/);
  assert.match(text, /Sources: /);
  assert.match(text, /anticoagulant|platelet|bleeding/i, 'the clinical mechanism');
  await page.getByLabel('Language').selectOption('es');
  await page.locator('.clinical-heading', { hasText: 'Detalle clínico' }).first().waitFor();
  assert.match(await page.locator('#findings .finding.major .clinical').first().innerText(), /platelet|bleeding/i);
  await page.close();
});
