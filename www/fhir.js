// FHIR R4 in and out, without a server. Names are the patient's own words: nothing here invents a
// code. Imported codings are kept only as their display text.

const SEVERITY = { contraindicated: 'high', major: 'high', moderate: 'moderate', minor: 'low' };

const text = (concept) => concept?.text?.trim() || concept?.coding?.find((c) => c.display?.trim())?.display.trim() || '';

/** The medicine lines of a FHIR R4 Bundle of MedicationStatement or MedicationRequest. */
export function medicationsFromFhir(bundle) {
  if (bundle?.resourceType !== 'Bundle' || !Array.isArray(bundle.entry)) throw new Error('not a FHIR Bundle');
  const contained = new Map();
  for (const { resource: r } of bundle.entry) {
    if (r?.resourceType === 'Medication') contained.set(`Medication/${r.id}`, text(r.code));
  }
  const meds = [];
  for (const { resource: r, fullUrl } of bundle.entry) {
    if (r?.resourceType !== 'MedicationStatement' && r?.resourceType !== 'MedicationRequest') continue;
    if (r.status === 'entered-in-error') continue;
    const name = text(r.medicationCodeableConcept) || contained.get(r.medicationReference?.reference) || r.medicationReference?.display || '';
    if (!name) continue;
    const dosage = r.dosage?.[0] ?? r.dosageInstruction?.[0];
    const reason = r.reasonCode?.map(text).find(Boolean) ?? '';
    meds.push({ name, dose: '', frequency: '', reason, prescriber: r.requester?.display ?? '', start: (r.effectivePeriod?.start ?? r.authoredOn ?? '').slice(0, 10), stop: (r.effectivePeriod?.end ?? '').slice(0, 10), instructions: dosage?.text ?? '', source: fullUrl ?? '' });
  }
  return meds;
}

/** Conditions and allergies named in the bundle, as text. */
export function termsFromFhir(bundle) {
  const of = (type, field) => (bundle.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === type).map((r) => text(r[field])).filter(Boolean);
  return { conditions: of('Condition', 'code'), allergies: of('AllergyIntolerance', 'code') };
}

/**
 * A FHIR R4 Bundle (type `collection`) of the list and the assessment: a Patient with no
 * identifying detail, a MedicationStatement per line, a DetectedIssue per finding, and a
 * Condition and AllergyIntolerance per listed term. `uuid` gives ids (crypto.randomUUID).
 */
export function toFhir(meds, report, { uuid = () => crypto.randomUUID(), now = new Date().toISOString() } = {}) {
  const entry = [];
  const add = (resource) => {
    const fullUrl = `urn:uuid:${uuid()}`;
    entry.push({ fullUrl, resource });
    return fullUrl;
  };
  const patient = add({ resourceType: 'Patient', active: true });
  const subject = { reference: patient };
  const lines = meds.map((m, i) => {
    const r = report.medications[i];
    const notes = [];
    if (r && !r.recognized) notes.push({ text: 'Not recognized by medcheck; not checked.' });
    const statement = {
      resourceType: 'MedicationStatement', status: m.stop ? 'completed' : 'active',
      medicationCodeableConcept: { text: m.name }, subject, dateAsserted: now,
    };
    if (m.start || m.stop) statement.effectivePeriod = { ...(m.start && { start: m.start }), ...(m.stop && { end: m.stop }) };
    const dose = [m.dose, m.frequency].filter((s) => s?.trim()).join(', ');
    if (dose) statement.dosage = [{ text: dose }];
    if (m.reason?.trim()) statement.reasonCode = [{ text: m.reason.trim() }];
    if (notes.length) statement.note = notes;
    return add(statement);
  });
  for (const f of report.findings) {
    const issue = {
      resourceType: 'DetectedIssue', status: 'final', severity: SEVERITY[f.severity], patient: subject,
      identifiedDateTime: now, code: { text: f.kind }, detail: f.patient,
      implicated: f.medications.map((i) => ({ reference: lines[i] })).filter((r) => r.reference),
      mitigation: [{ action: { text: f.action } }],
    };
    // The basis of the finding, as text: the clinical summary when the build has it, the
    // knowledge record and its references.
    issue.evidence = [{ code: [
      ...(f.professional ? [{ text: f.professional }] : []),
      { text: `medcheck rule ${f.rule}; sources: ${f.sources.join(', ')}` },
    ] }];
    add(issue);
  }
  for (const c of report.conditions) {
    add({ resourceType: 'Condition', subject, code: { text: c.recognized && c.name ? c.name : c.input } });
  }
  for (const a of report.allergies) {
    add({ resourceType: 'AllergyIntolerance', patient: subject, code: { text: a.input } });
  }
  return { resourceType: 'Bundle', type: 'collection', timestamp: now, entry };
}
