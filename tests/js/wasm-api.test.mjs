// The wasm module's JavaScript API, loaded from the built pkg/ exactly as a page would use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ROOT } from './helpers.mjs';

const { initSync, check, suggest, knowledge } = await import(`${ROOT}/pkg/medcheck.js`);
initSync({ module: readFileSync(`${ROOT}/pkg/medcheck_bg.wasm`) });

test('check returns the report for an object profile', () => {
  const report = check({ medications: [{ name: 'Coumadin 5 mg' }, { name: 'Advil 200 mg' }, { name: 'blorptex' }] });
  assert.match(report.knowledge_version, /^\d{4}\.\d{2}\.\d{2}/);
  assert.deepEqual(report.medications.map((m) => m.input), ['Coumadin 5 mg', 'Advil 200 mg', 'blorptex']);
  assert.deepEqual(report.medications[0].ingredients, ['warfarin']);
  assert.equal(report.medications[2].recognized, false);
  const bleed = report.findings.find((f) => f.kind === 'interaction' && f.ingredients.includes('warfarin') && f.ingredients.includes('ibuprofen'));
  assert.ok(bleed, 'warfarin + ibuprofen is reported');
  assert.equal(bleed.severity, 'major');
  assert.deepEqual(bleed.medications, [0, 1]);
});

test('check accepts JSON text and gives the same report', () => {
  const profile = { age: 70, medications: [{ name: 'Tylenol PM' }, { name: 'NyQuil' }] };
  assert.deepEqual(check(JSON.stringify(profile)), check(profile));
});

test('errors reach JavaScript as Error naming the field', () => {
  assert.throws(() => check({ medications: [{ name: 'x', dosage: '1' }] }),
    (e) => e instanceof Error && /^medications\[0\]\.dosage: unknown field `dosage`/.test(e.message));
  assert.throws(() => check({ medications: [{ name: 'aspirin', frequency: 'thrice hourly' }] }),
    (e) => e instanceof Error && e.message.startsWith('medications[0].frequency: "thrice hourly" is not a frequency I know'));
  assert.throws(() => check({ weight: 70 }),
    (e) => e instanceof Error && e.message.startsWith('weight: unknown field `weight`, expected one of `age`'));
  assert.throws(() => check({ age: -1 }), (e) => e instanceof Error && e.message.startsWith('age:'));
  assert.throws(() => check('{not json'), (e) => e instanceof Error && /not valid JSON/.test(e.message));
  assert.throws(() => check({ medications: Array.from({ length: 101 }, () => ({ name: 'aspirin' })) }),
    (e) => e instanceof Error && e.message.startsWith('medications: 101 lines'));
});

test('suggest ranks prefix matches and near spellings', () => {
  const tylenol = suggest('tylen', 5);
  assert.ok(tylenol.length > 0 && tylenol.length <= 5);
  assert.ok(tylenol[0].name.toLowerCase().startsWith('tylenol'));
  assert.equal(tylenol[0].prefix, true);
  const near = suggest('setral', 5);
  assert.ok(near.some((s) => s.detail === 'sertraline'), JSON.stringify(near));
  assert.deepEqual(suggest('', 5), []);
});

test('knowledge reports the version and counts', () => {
  const k = knowledge();
  assert.equal(k.version, check({}).knowledge_version);
  assert.ok(k.ingredients >= 445, `ingredients ${k.ingredients}`);
  assert.ok(k.products >= 60, `products ${k.products}`);
});

const gz = (f) => gzipSync(readFileSync(`${ROOT}/${f}`), { level: 9 }).length;
// Every file the page loads: the HTML, its stylesheet and icon, and app.js with all it imports.
const PAGE = ['www/index.html', 'www/style.css', 'www/favicon.svg', 'www/app.js', 'www/i18n.js', 'www/plan.js', 'www/fhir.js', 'www/ui.js', 'www/paths.js'];

test('the page fits the size budget (350 kB gzipped) in English and in Spanish', () => {
  for (const pkg of ['pkg', 'pkg/es']) {
    const total = [`${pkg}/medcheck_bg.wasm`, `${pkg}/medcheck.js`, ...PAGE].reduce((sum, f) => sum + gz(f), 0);
    console.log(`${pkg}: page and module gzipped ${(total / 1024).toFixed(1)} kB`);
    assert.ok(total <= 350 * 1024, `${pkg}: gzipped total ${total} bytes`);
  }
  console.log(`pkg/pro (pharmacist mode, loaded on demand): ${(gz('pkg/pro/medcheck_bg.wasm') / 1024).toFixed(1)} kB gzipped`);
});

test('the patient builds leave the clinical text out; the pharmacist build and Spanish build agree on findings', async () => {
  const pro = await import(`${ROOT}/pkg/pro/medcheck.js`);
  pro.initSync({ module: readFileSync(`${ROOT}/pkg/pro/medcheck_bg.wasm`) });
  const es = await import(`${ROOT}/pkg/es/medcheck.js`);
  es.initSync({ module: readFileSync(`${ROOT}/pkg/es/medcheck_bg.wasm`) });
  const profile = { medications: [{ name: 'warfarin' }, { name: 'ibuprofen' }] };
  const [patient, full, spanish] = [check(profile), pro.check(profile), es.check(profile)];
  assert.equal(patient.findings[0].professional, undefined);
  assert.match(full.findings[0].professional, /platelet/);
  assert.equal(spanish.language, 'es');
  const key = (r) => r.findings.map((f) => `${f.kind}/${f.rule}/${f.medications}`);
  assert.deepEqual(key(spanish), key(full));
  assert.deepEqual(key(patient), key(full));
  assert.notEqual(spanish.findings[0].patient, full.findings[0].patient);
});
