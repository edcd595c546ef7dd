// Accessibility of the patient page: axe-core (WCAG 2.1 A and AA) before and after a check, the
// whole flow from the keyboard alone, and a 375 px phone screen without sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch } from './helpers.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(viewport = { width: 1200, height: 900 }) {
  // axe is injected by the test; the page's own CSP stays strict for everything it loads.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.origin}/www/`);
  await page.waitForSelector('html[data-ready=true]');
  return { context, page };
}

async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('no axe violations before and after a check', async () => {
  const { context, page } = await open();
  assert.deepEqual(await axe(page), [], 'empty form');
  const input = page.getByRole('combobox', { name: /medicine/i });
  for (const name of ['warfarin', 'ibuprofen', 'qqqzzz']) { await input.fill(name); await input.press('Enter'); }
  await page.getByRole('button', { name: /^Check/ }).click();
  await page.locator('#results').waitFor();
  assert.deepEqual(await axe(page), [], 'with results');
  await context.close();
});

test('the whole flow works from the keyboard alone', async () => {
  const { context, page } = await open();
  // Tab to the medicine field from the top of the page.
  for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.id === 'med-input')); i += 1) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'med-input');
  await page.keyboard.type('warfa');
  await page.locator('#med-options').getByRole('option').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.type('aspirin');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#med-list .med').count(), 2);
  // Enter in the medicine field adds; the check button is reached with Tab and pressed with Enter.
  const check = page.getByRole('button', { name: /^Check/ });
  for (let i = 0; i < 40 && !(await check.evaluate((b) => b === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  assert.ok(await check.evaluate((b) => b === document.activeElement), 'the Check button takes focus by Tab');
  await page.keyboard.press('Enter');
  await page.locator('#results').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'results', 'focus moves to the results');
  assert.match(await page.locator('#status').textContent(), /Check complete/, 'the result is announced');
  await context.close();
});

test('a 375 px phone screen needs no sideways scrolling', async () => {
  const { context, page } = await open({ width: 375, height: 800 });
  const input = page.getByRole('combobox', { name: /medicine/i });
  for (const name of ['Tylenol Extra Strength 500 mg', 'acetaminophen 325 MG / oxycodone hydrochloride 5 MG Oral Tablet', 'warfarin']) {
    await input.fill(name); await input.press('Enter');
  }
  await page.getByRole('button', { name: /^Check/ }).click();
  await page.locator('#results').waitFor();
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scrollWidth <= clientWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px screen`);
  await context.close();
});
