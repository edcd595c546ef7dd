// The patient page end to end, in Debian's headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watch } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open() {
  const page = await browser.newPage();
  const seen = watch(page);
  await page.goto(`${server.origin}/www/`);
  await page.waitForSelector('html[data-ready=true]');
  return { page, seen };
}

async function addThroughAutocomplete(page, typed, expected) {
  const input = page.getByRole('combobox', { name: /medicine/i });
  await input.fill('');
  await input.pressSequentially(typed);
  const option = page.locator('#med-options').getByRole('option').filter({ hasText: expected }).first();
  await option.waitFor();
  // Walk down to the wanted option with the keyboard, then Enter.
  const names = await page.locator('#med-options').getByRole('option').allTextContents();
  const index = names.findIndex((n) => n.toLowerCase().includes(expected.toLowerCase()));
  for (let i = 0; i <= index; i += 1) await input.press('ArrowDown');
  await input.press('Enter');
}

test('add medicines, see a major interaction and an unrecognized line', async () => {
  const { page, seen } = await open();
  await addThroughAutocomplete(page, 'warfa', 'warfarin');
  await addThroughAutocomplete(page, 'ibupro', 'ibuprofen');
  const input = page.getByRole('combobox', { name: /medicine/i });
  await input.fill('zqxwv tablets');
  await input.press('Enter');
  const listed = await page.locator('#med-list .med-name').allTextContents();
  assert.equal(listed.length, 3, listed.join('|'));
  assert.match(listed[0].toLowerCase(), /warfarin/);

  await page.getByRole('button', { name: /^Check/ }).click();
  await page.locator('#map h2').waitFor();
  const serious = page.locator('section.severity-group.major');
  assert.equal(await serious.count(), 1, 'a "Serious" group is shown');
  assert.match(await serious.innerText(), /Serious/);
  assert.match(await serious.innerText(), /warfarin/i);
  const unrecognized = await page.locator('#unrecognized').innerText();
  assert.match(unrecognized, /Not recognized/);
  assert.match(unrecognized, /zqxwv tablets/);

  const plan = await page.locator('#map').innerText();
  assert.match(plan, /What I need to do/);
  assert.match(plan, /My follow-up plan/);
  assert.match(plan, /\d{4}-\d{2}-\d{2}/, 'follow-up dates count from today');

  const education = await page.locator('#education').innerText();
  assert.match(education, /How to take your medicines/);
  assert.match(education, /warfarin/i);

  const foreign = seen.requests.filter((url) => !url.startsWith(server.origin));
  assert.deepEqual(foreign, [], 'no request leaves the page origin');
  assert.deepEqual(seen.errors, [], 'no console errors');
  await page.close();
});

test('text from the user is rendered as text, never as HTML', async () => {
  const { page, seen } = await open();
  const input = page.getByRole('combobox', { name: /medicine/i });
  await input.fill('<img src=x onerror="window.pwned=1">');
  await input.press('Enter');
  await page.getByRole('button', { name: /^Check/ }).click();
  await page.locator('#map h2').waitFor();
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('#results img, #med-list img').count(), 0);
  assert.match(await page.locator('#unrecognized').innerText(), /<img src=x/);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('invalid input shows a clear message naming the field', async () => {
  const { page } = await open();
  const input = page.getByRole('combobox', { name: /medicine/i });
  await input.fill('aspirin');
  await input.press('Enter');
  await page.getByLabel('How often').fill('thrice hourly');
  await page.getByRole('button', { name: /^Check/ }).click();
  const alert = page.getByRole('alert');
  await alert.filter({ hasText: 'how often' }).waitFor();
  assert.match(await alert.innerText(), /medicine 1, how often: "thrice hourly" is not a frequency/);
  await page.close();
});

test('the page declares a strict content security policy', async () => {
  const { page } = await open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /connect-src 'self'/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
  await page.close();
});

