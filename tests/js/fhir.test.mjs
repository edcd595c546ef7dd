// FHIR R4 out and in (www/fhir.js), validated against the official FHIR R4 JSON schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ROOT } from './helpers.mjs';
import { toFhir, medicationsFromFhir, termsFromFhir } from '../../www/fhir.js';

const Validator = createRequire(import.meta.url)('@asymmetrik/fhir-json-schema-validator');
const validator = new Validator();
const pro = await import(`${ROOT}/pkg/pro/medcheck.js`);
pro.initSync({ module: readFileSync(`${ROOT}/pkg/pro/medcheck_bg.wasm`) });

const meds = [
  { name: 'Coumadin 5 mg', dose: '1 tablet', frequency: 'once daily', reason: 'atrial fibrillation', start: '2024-02-01', stop: '' },
  { name: 'Advil', dose: '', frequency: '', reason: '', start: '', stop: '' },
  { name: 'zqxwv tablets', dose: '', frequency: '', reason: '', start: '', stop: '2026-01-01' },
];
const report = pro.check({ medications: meds.map((m) => ({ name: m.name })), conditions: ['atrial fibrillation', 'zzzz'], allergies: ['penicillin'] });

test('the export is a FHIR R4 Bundle that passes the official JSON schema', () => {
  const bundle = toFhir(meds, report);
  assert.deepEqual(validator.validate(bundle, true), [], 'the bundle as a whole');
  // The validator is live: a severity outside the value set is refused.
  assert.notDeepEqual(validator.validate({ resourceType: 'DetectedIssue', status: 'final', severity: 'critical' }), []);
  for (const { resource } of bundle.entry) assert.deepEqual(validator.validate(resource), [], resource.resourceType);
  const of = (type) => bundle.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource);
  assert.equal(of('MedicationStatement').length, 3, 'one per line, recognized or not');
  assert.equal(of('DetectedIssue').length, report.findings.length);
  assert.equal(of('Condition').length, 2);
  assert.equal(of('AllergyIntolerance').length, 1);
  const major = of('DetectedIssue').find((d) => d.severity === 'high');
  assert.ok(major, 'a major finding is severity high');
  const urls = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource]));
  assert.deepEqual(major.implicated.map((r) => urls.get(r.reference).medicationCodeableConcept.text), ['Coumadin 5 mg', 'Advil']);
  assert.ok(major.mitigation[0].action.text.length > 10);
  // The patient's own words, never an invented code.
  assert.ok(!JSON.stringify(bundle).includes('"coding"'), 'no codes');
  assert.equal(of('MedicationStatement')[2].note[0].text, 'Not recognized by medcheck; not checked.');
  assert.equal(of('MedicationStatement')[2].status, 'completed');
});

test('an exported bundle imports back to the same list', () => {
  const bundle = JSON.parse(JSON.stringify(toFhir(meds, report)));
  const back = medicationsFromFhir(bundle);
  assert.deepEqual(back.map((m) => m.name), meds.map((m) => m.name));
  assert.equal(back[0].reason, 'atrial fibrillation');
  assert.equal(back[0].start, '2024-02-01');
  assert.deepEqual(termsFromFhir(bundle), { conditions: ['Atrial fibrillation', 'zzzz'], allergies: ['penicillin'] });
});

test('MedicationRequest bundles import by text or by coding display', () => {
  const bundle = {
    resourceType: 'Bundle', type: 'searchset',
    entry: [
      { resource: { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' },
        medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197361', display: 'Amlodipine 5 MG Oral Tablet' }] },
        authoredOn: '2025-05-02T10:00:00Z', requester: { display: 'Dr. Rivera' } } },
      { resource: { resourceType: 'MedicationRequest', status: 'entered-in-error', intent: 'order', subject: { reference: 'Patient/1' },
        medicationCodeableConcept: { text: 'mistake' } } },
      { resource: { resourceType: 'MedicationStatement', status: 'active', subject: { reference: 'Patient/1' },
        medicationCodeableConcept: { text: 'St. John’s wort' } } },
      { resource: { resourceType: 'Observation', status: 'final', code: { text: 'not a medicine' } } },
    ],
  };
  assert.deepEqual(validator.validate(bundle, true), []);
  const imported = medicationsFromFhir(bundle);
  assert.deepEqual(imported.map((m) => m.name), ['Amlodipine 5 MG Oral Tablet', 'St. John’s wort']);
  assert.equal(imported[0].prescriber, 'Dr. Rivera');
  assert.equal(imported[0].start, '2025-05-02');
  const checked = pro.check({ medications: imported.map((m) => ({ name: m.name })) });
  assert.ok(checked.medications.every((m) => m.recognized), 'pharmacy-system names resolve');
  assert.throws(() => medicationsFromFhir({ resourceType: 'Patient' }), /not a FHIR Bundle/);
});
