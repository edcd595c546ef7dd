// <med-check> on host pages, in Debian's headless Chromium: a hostile stylesheet, two instances,
// another origin, events and their privacy default, the iframe fallback and its allowlist, FHIR,
// accessibility, the keyboard and a phone screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, watch } from './helpers.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let widget; // the element's origin
let host; // a pharmacy's site on another origin, allowed to frame the iframe fallback
let foreign; // a site not on the allowlist
let browser;

/** A host page on `server` that loads the element from `from`. */
const hostPage = (from, body, head = '') => () => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${from} 'wasm-unsafe-eval'; connect-src ${from}; style-src 'self' 'unsafe-inline' ${from}; frame-src ${from}">
<title>Host</title>${head}<script type="module" src="${from}/www/med-check.js"></script></head><body>${body}</body></html>`;

const HOSTILE = `<style>
  * { all: unset !important; }
  html, body, * { font-size: 48px !important; font-family: fantasy !important; color: #f0f !important; line-height: 3 !important; }
  input, button { display: none !important; }
  med-check { display: inline !important; font-size: 72px !important; visibility: visible; }
</style>`;

const FRAMER = (from) => `<h1>Pharmacy</h1><iframe id="frame" title="Medicine checker" src="${from}/www/embed.html?lang=en" width="600" height="900"></iframe>
<script type="module" src="/framer.js"></script>`;

// The framer records messages from the frame and can send it a profile.
const FRAMER_JS = `window.received = [];
window.addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));
window.sendProfile = (target) => document.getElementById('frame').contentWindow.postMessage(
  { type: 'medcheck-set-profile', profile: { medications: [{ name: 'warfarin' }, { name: 'ibuprofen' }] } }, target);`;

before(async () => {
  browser = await launch();
  // Ports first, then the pages that name each other's origins.
  const pages = {};
  host = await serve({ pages });
  foreign = await serve({ pages });
  widget = await serve({
    cors: true,
    rewrite: (path, text) => (path === '/www/embed.html'
      ? text.replace('<meta name="medcheck-hosts" content="">', `<meta name="medcheck-hosts" content="${host.origin}">`)
      : text),
  });
  Object.assign(pages, {
    '/hostile.html': hostPage(widget.origin, `<h2 id="outside">The host's own heading</h2><med-check id="one"></med-check>`, HOSTILE),
    '/two.html': hostPage(widget.origin, `<med-check id="a"></med-check><med-check id="b" lang="es"></med-check>`),
    '/stored.html': hostPage(widget.origin, `<med-check id="kept" storage compact></med-check><med-check id="plain"></med-check>`),
    '/events.html': hostPage(widget.origin, `<med-check id="quiet"></med-check><med-check id="open" share-details></med-check>
      <script type="module" src="/events.js"></script>`),
    '/framer.html': () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framer</title></head><body>${FRAMER(widget.origin)}</body></html>`,
    '/framer.js': () => FRAMER_JS,
    '/favicon.ico': () => '',
    '/events.js': () => `window.events = [];
      for (const t of ['medcheck-ready', 'medcheck-change', 'medcheck-report'])
        document.addEventListener(t, (e) => window.events.push({ type: t, id: e.target.id, detail: e.detail }));`,
  });
});
after(async () => { await browser?.close(); await Promise.all([widget, host, foreign].map((s) => s?.close())); });

async function addAndCheck(scope, names) {
  const input = scope.getByRole('combobox', { name: /medicine|medicamento/i });
  for (const n of names) { await input.fill(n); await input.press('Enter'); }
  await scope.getByRole('button', { name: /^(Check|Revisar)/ }).click();
  await scope.locator('.summary').waitFor();
}

test('a hostile host stylesheet neither breaks the element nor is broken by it', async () => {
  const page = await browser.newPage();
  const seen = watch(page);
  await page.goto(`${host.origin}/hostile.html`);
  const element = page.locator('med-check');
  await element.locator('.mc').waitFor();
  assert.equal(await element.evaluate((n) => getComputedStyle(n).display), 'block');
  const inner = await element.evaluate((n) => {
    const box = n.shadowRoot.querySelector('.mc');
    const input = n.shadowRoot.querySelector('input');
    return { font: getComputedStyle(box).fontSize, color: getComputedStyle(box).color, input: getComputedStyle(input).display };
  });
  assert.equal(inner.font, '16px', 'the host\'s huge fonts stay out');
  assert.equal(inner.color, 'rgb(27, 31, 35)', 'and so do its colours');
  assert.notEqual(inner.input, 'none', 'the host hides its own inputs, not the element\'s');
  assert.ok(await element.getByRole('combobox').isVisible());
  await addAndCheck(element, ['warfarin', 'ibuprofen']);
  assert.match(await element.locator('.severity-group.major').innerText(), /Serious/);
  // Nothing of the element's styles reaches the host page.
  const outside = await page.locator('#outside').evaluate((n) => getComputedStyle(n).color);
  assert.equal(outside, 'rgb(255, 0, 255)');
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('two elements on one page work apart and share one wasm instance per language', async () => {
  const page = await browser.newPage();
  const wasmLoads = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmLoads.push(new URL(r.url()).pathname); });
  await page.goto(`${host.origin}/two.html`);
  const [a, b] = [page.locator('#a'), page.locator('#b')];
  await addAndCheck(a, ['warfarin', 'aspirin']);
  await addAndCheck(b, ['sertraline', 'tramadol']);
  assert.match(await a.locator('.finding').first().innerText(), /warfarin/i);
  assert.doesNotMatch(await a.locator('.mc').innerText(), /sertraline/i);
  assert.match(await b.locator('.mc').innerText(), /Grave|Conviene/);
  assert.equal(await page.evaluate(() => document.querySelector('#a').getReport().findings.length > 0), true);
  assert.deepEqual(wasmLoads.sort(), ['/pkg/es/medcheck_bg.wasm', '/pkg/medcheck_bg.wasm'], 'one module per language');
  await page.close();
});

test('embedding from another origin works, with CORS on the element\'s files', async () => {
  assert.notEqual(new URL(host.origin).port, new URL(widget.origin).port);
  const page = await browser.newPage();
  const seen = watch(page);
  await page.goto(`${host.origin}/events.html`);
  await page.waitForFunction(() => window.events?.filter((e) => e.type === 'medcheck-ready').length === 2);
  await addAndCheck(page.locator('#quiet'), ['Coumadin 5 mg', 'Advil']);
  const fromWidget = seen.requests.filter((u) => u.startsWith(widget.origin)).map((u) => new URL(u).pathname);
  for (const file of ['/www/med-check.js', '/www/med-check-element.js', '/www/med-check.css', '/pkg/medcheck_bg.wasm']) {
    assert.ok(fromWidget.includes(file), `${file} comes from the element's origin`);
  }
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('events bubble out of the shadow root with counts only, unless the host sets share-details', async () => {
  const page = await browser.newPage();
  await page.goto(`${host.origin}/events.html`);
  await page.waitForFunction(() => window.events?.filter((e) => e.type === 'medcheck-ready').length === 2);
  await addAndCheck(page.locator('#quiet'), ['Coumadin 5 mg', 'Advil']);
  await addAndCheck(page.locator('#open'), ['Coumadin 5 mg', 'Advil']);
  const events = await page.evaluate(() => window.events);
  const of = (id, type) => events.filter((e) => e.id === id && e.type === type).map((e) => e.detail);
  const [quiet] = of('quiet', 'medcheck-report');
  assert.deepEqual(Object.keys(quiet).sort(), ['byKind', 'bySeverity', 'findings', 'medications', 'unrecognized']);
  assert.equal(quiet.bySeverity.major, 1);
  assert.equal(quiet.byKind.interaction, 1);
  const quietText = JSON.stringify(events.filter((e) => e.id === 'quiet'));
  assert.doesNotMatch(quietText, /coumadin|advil|warfarin|ibuprofen/i, 'no medicine names by default');
  assert.deepEqual(of('quiet', 'medcheck-change').at(-1), { medications: 2 });
  const [open] = of('open', 'medcheck-report');
  assert.deepEqual(open.medications_entered, ['Coumadin 5 mg', 'Advil']);
  assert.equal(open.report.findings[0].severity, 'major');
  assert.deepEqual(of('open', 'medcheck-change').at(-1).names, ['Coumadin 5 mg', 'Advil']);
  await page.close();
});

test('the iframe fallback talks only to allowed host origins', async () => {
  // Allowed: the frame greets its host, takes a profile and reports back, to that origin only.
  const page = await browser.newPage();
  await page.goto(`${host.origin}/framer.html`);
  await page.waitForFunction(() => window.received.some((m) => m.data.type === 'medcheck-ready'));
  await page.evaluate((target) => window.sendProfile(target), widget.origin);
  await page.waitForFunction(() => window.received.some((m) => m.data.type === 'medcheck-report'));
  const received = await page.evaluate(() => window.received);
  assert.ok(received.every((m) => m.origin === widget.origin));
  const report = received.find((m) => m.data.type === 'medcheck-report').data.detail;
  assert.equal(report.bySeverity.major, 1);
  assert.doesNotMatch(JSON.stringify(received), /warfarin|ibuprofen/i);
  await page.close();

  // Foreign: nothing is sent to it, and what it sends is ignored.
  const other = await browser.newPage();
  await other.goto(`${foreign.origin}/framer.html`);
  const frame = other.frameLocator('#frame');
  await frame.locator('med-check .mc').waitFor();
  const embed = other.frames().find((f) => f.url().includes('/www/embed.html'));
  await embed.waitForFunction(() => document.documentElement.dataset.host === 'none');
  await other.evaluate((target) => window.sendProfile(target), widget.origin);
  await other.waitForTimeout(500);
  assert.deepEqual(await other.evaluate(() => window.received), [], 'no message reaches a foreign origin');
  assert.equal(await embed.evaluate(() => document.querySelector('med-check').getReport()), null, 'its profile was ignored');
  await other.close();
});

test('FHIR import and export round trip through the element', async () => {
  const page = await browser.newPage();
  await page.goto(`${host.origin}/two.html`);
  await page.locator('#a .mc').waitFor();
  const result = await page.evaluate(async () => {
    const element = document.querySelector('#a');
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [
      { resource: { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/p' },
        medicationCodeableConcept: { coding: [{ display: 'Warfarin Sodium 5 MG Oral Tablet' }] } } },
      { resource: { resourceType: 'MedicationStatement', status: 'active', subject: { reference: 'Patient/p' },
        medicationCodeableConcept: { text: 'Advil' } } },
      { resource: { resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/p' }, code: { text: 'penicillin' } } },
    ] };
    const report = await element.importFhir(bundle);
    const out = await element.exportFhir();
    return { severity: report.findings[0].severity, out };
  });
  assert.equal(result.severity, 'major');
  const types = result.out.entry.map((e) => e.resource.resourceType);
  assert.deepEqual(types.filter((t) => t === 'MedicationStatement').length, 2);
  assert.ok(types.includes('DetectedIssue') && types.includes('AllergyIntolerance'));
  const statements = result.out.entry.filter((e) => e.resource.resourceType === 'MedicationStatement');
  assert.deepEqual(statements.map((e) => e.resource.medicationCodeableConcept.text), ['Warfarin Sodium 5 MG Oral Tablet', 'Advil']);
  await page.close();
});

async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('no axe violations in the element and the demo host, in English and Spanish, before and after a check', async () => {
  for (const lang of ['en', 'es']) {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${widget.origin}/www/demo/`);
    await page.locator('med-check').evaluate((n, l) => n.setAttribute('lang', l), lang);
    await page.locator('med-check .mc').waitFor();
    assert.deepEqual(await axe(page), [], `${lang}, empty`);
    await addAndCheck(page.locator('med-check'), ['warfarin', 'ibuprofen', 'qqqzzz']);
    assert.deepEqual(await axe(page), [], `${lang}, with results`);
    await context.close();
  }
  // The page itself in Spanish (the browser's language), before and after a check.
  const context = await browser.newContext({ bypassCSP: true, locale: 'es-MX' });
  const page = await context.newPage();
  await page.goto(`${widget.origin}/www/`);
  await page.waitForSelector('html[data-ready=true][lang=es]');
  assert.deepEqual(await axe(page), [], 'the page in Spanish, empty');
  await page.locator('#med-input').fill('warfarina');
  await page.locator('#med-input').press('Enter');
  await page.locator('#check').click();
  await page.locator('#map h2').waitFor();
  assert.deepEqual(await axe(page), [], 'the page in Spanish, with results');
  await context.close();
});

test('the element works from the keyboard alone and announces results', async () => {
  const page = await browser.newPage();
  await page.goto(`${widget.origin}/www/demo/`);
  await page.locator('med-check .mc').waitFor();
  const active = () => page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a ? (a.getAttribute('role') || a.tagName.toLowerCase()) + (a.textContent ? `:${a.textContent.trim()}` : '') : '';
  });
  for (let i = 0; i < 15 && (await active()) !== 'combobox'; i += 1) await page.keyboard.press('Tab');
  assert.equal(await active(), 'combobox');
  await page.keyboard.type('warfa');
  await page.locator('med-check [role=option]').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.type('ibuprofen');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 20 && !(await active()).startsWith('button:Check'); i += 1) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('med-check .severity-group.major').waitFor();
  assert.match(await page.locator('med-check [aria-live=polite]').textContent(), /Check complete/);
  await page.close();
});

test('the demo host and the element fit a 375 px phone screen', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${widget.origin}/www/demo/`);
  await addAndCheck(page.locator('med-check'), ['acetaminophen 325 MG / oxycodone hydrochloride 5 MG Oral Tablet', 'warfarin']);
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scrollWidth <= clientWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px screen`);
  await context.close();
});

test('the list is kept on the device only with the storage attribute, and clear() forgets it', async () => {
  const page = await browser.newPage();
  await page.goto(`${host.origin}/stored.html`);
  const kept = page.locator('#kept');
  await addAndCheck(kept, ['warfarin', 'aspirin']);
  await addAndCheck(page.locator('#plain'), ['metformin']);
  const stored = () => page.evaluate(() => ({ ...localStorage }));
  assert.deepEqual(await stored(), { 'medcheck-widget:kept': '["warfarin","aspirin"]' }, 'only the element with storage saves');
  assert.equal(await kept.locator('details').count(), 0, 'compact leaves out the details');
  // …but a profile set by the host keeps its conditions and allergies.
  const allergy = await page.evaluate(async () => {
    const report = await document.querySelector('#plain').setProfile({ medications: ['amoxicillin'], allergies: ['penicillin'], conditions: ['asthma'] });
    const compact = await document.querySelector('#kept').setProfile({ medications: ['warfarin', 'amoxicillin'], allergies: ['penicillin'], conditions: ['asthma'] });
    return [report.findings.some((f) => f.kind === 'allergy'), compact.findings.some((f) => f.kind === 'allergy'), compact.conditions.length];
  });
  assert.deepEqual(allergy, [true, true, 1]);
  await page.evaluate(() => document.querySelector('#plain').clear());
  await page.evaluate(() => document.querySelector('#kept').setProfile({ medications: ['warfarin', 'aspirin'] }));
  await page.reload();
  await kept.locator('.med').first().waitFor();
  assert.deepEqual(await kept.locator('.med .name').allTextContents(), ['warfarin', 'aspirin']);
  assert.equal(await page.locator('#plain .med').count(), 0);
  await page.evaluate(() => document.querySelector('#kept').clear());
  assert.deepEqual(await stored(), {});
  assert.equal(await kept.locator('.med').count(), 0);
  assert.equal(await page.evaluate(() => document.querySelector('#kept').getReport()), null);
  await page.close();
});
