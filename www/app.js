// The patient page: builds a profile from the form, runs the check in WebAssembly on this
// device, and shows the report as findings, a Medication Action Plan and a Personal Medication
// List. Text from the user is only ever set with textContent or as an input's value.
import { initialLanguage, translator } from './i18n.js';
import { storage, restore, encodeShare, decodeShare, buildIcs, snapshot } from './plan.js';
import { toFhir, medicationsFromFhir, termsFromFhir } from './fhir.js';
import { wasm, checkIn, el, names, splitList, summarize, combobox, severityGroups } from './ui.js';

const $ = (id) => document.getElementById(id);
const state = { meds: [], lang: 'en', mode: 'patient', report: null, notes: {} };
let t = translator('en');
let medCombo;

/** A labelled free-text field that keeps what the patient writes in `state.notes[key]`. */
function noteField(key, label, rows = 2) {
  const id = `note-${key.replace(/[^\w-]/g, '-')}`;
  return el('div', { class: 'field note' },
    el('label', { for: id, text: label }),
    el('textarea', { id, rows: String(rows), value: state.notes[key] ?? '',
      oninput: (e) => { state.notes[key] = e.target.value; persist(); } }));
}

// ---- language and mode ---------------------------------------------------------------------

function applyLanguage() {
  t = translator(state.lang);
  document.documentElement.lang = state.lang;
  document.title = t('page.title');
  for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  for (const n of document.querySelectorAll('[data-i18n-placeholder]')) n.placeholder = t(n.dataset.i18nPlaceholder);
  for (const n of document.querySelectorAll('[data-i18n-aria-label]')) n.setAttribute('aria-label', t(n.dataset.i18nAriaLabel));
  $('lang').value = state.lang;
  $('frequencies')?.remove();
  document.body.append(el('datalist', { id: 'frequencies' }, ...t('frequencies').split('|').map((v) => el('option', { value: v }))));
  renderMeds();
}

async function switchLanguage(lang) {
  state.lang = lang;
  applyLanguage();
  const mod = await wasm(lang);
  $('kb-version').textContent = t('version', { version: mod.knowledge().version });
  if (state.report) await runCheck();
  document.documentElement.dataset.lang = lang;
}

// ---- medicine list -------------------------------------------------------------------------

function addMedicine(name) {
  const text = name.trim();
  if (!text) return false;
  state.meds.push({ name: text, dose: '', frequency: '', reason: '', prescriber: '', start: '', stop: '' });
  renderMeds();
  persist();
  announce(t('med.added', { name: text, count: state.meds.length }));
  return true;
}

function renderMeds() {
  const list = $('med-list');
  list.replaceChildren();
  state.meds.forEach((med, i) => {
    const input = (field, labelKey, attrs = {}) => {
      const id = `${field}-${i}`;
      return [el('label', { for: id, text: t(labelKey) }),
        el('input', { id, type: 'text', value: med[field], ...attrs, oninput: (e) => { med[field] = e.target.value; persist(); } })];
    };
    list.append(el('li', { class: 'med' },
      el('span', { class: 'med-name', text: med.name }),
      el('span', { class: 'med-details' },
        ...input('dose', 'med.dose', { placeholder: t('med.dosePlaceholder') }),
        ...input('frequency', 'med.frequency', { placeholder: t('med.frequencyPlaceholder'), list: 'frequencies' })),
      el('button', { type: 'button', class: 'remove', 'aria-label': t('med.removeLabel', { name: med.name }), text: t('med.remove'),
        onclick: () => { state.meds.splice(i, 1); renderMeds(); persist(); announce(t('med.removed', { name: med.name })); $('med-input').focus(); } })));
  });
  $('med-empty').hidden = state.meds.length > 0;
}

// ---- keeping and moving the list -----------------------------------------------------------

function current() {
  const v = (id) => $(id).value;
  return { meds: state.meds, age: v('age'), egfr: v('egfr'), pregnant: $('pregnant').checked,
    conditions: v('conditions'), allergies: v('allergies'), notes: state.notes };
}

function load(saved) {
  state.meds = saved.meds;
  state.notes = saved.notes;
  for (const id of ['age', 'egfr', 'conditions', 'allergies']) $(id).value = saved[id];
  $('pregnant').checked = saved.pregnant;
  state.report = null;
  $('results').hidden = true;
  renderMeds();
}

function persist() {
  if ($('save').checked) storage.save(current());
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const today = () => new Date().toISOString().slice(0, 10);

async function importFile(event) {
  const [file] = event.target.files;
  event.target.value = '';
  if (!file) return;
  try {
    const data = JSON.parse(await file.text());
    load(data?.resourceType === 'Bundle' ? fromFhir(data) : restore(data));
    persist();
    announce(t('keep.imported'));
  } catch {
    $('form-error').textContent = t('keep.importError');
  }
}

/** A FHIR Bundle as the page's state: the list, conditions and allergies. */
function fromFhir(bundle) {
  const { conditions, allergies } = termsFromFhir(bundle);
  const meds = medicationsFromFhir(bundle).map(({ instructions, source, ...m }) => ({ ...m, dose: instructions }));
  if (meds.length === 0) throw new Error('no medicines');
  return restore(snapshot({ meds, age: '', egfr: '', pregnant: false, conditions: conditions.join(', '), allergies: allergies.join(', '), notes: {} }));
}

async function exportFhir() {
  if (state.meds.length === 0) { $('form-error').textContent = t('error.noMeds'); return; }
  const report = await checkIn(state.lang, true, profile());
  download(`medcheck-fhir-${today()}.json`, 'application/fhir+json', JSON.stringify(toFhir(state.meds, report), null, 2));
}

async function share() {
  const link = `${location.href.split('#')[0]}#share=${await encodeShare(current())}`;
  $('share-box').hidden = false;
  $('share-link').value = link;
  $('share-link').select();
  navigator.clipboard?.writeText(link).catch(() => {});
}

async function openSharedLink() {
  if (!location.hash.startsWith('#share=')) return false;
  try {
    load(await decodeShare(location.hash.slice('#share='.length)));
    announce(t('keep.shared'));
  } catch {
    $('form-error').textContent = t('keep.importError');
  }
  // The list stays on this device; take it out of the address bar and the history entry.
  history.replaceState(null, '', location.pathname + location.search);
  return true;
}

function forget() {
  storage.forget();
  $('save').checked = false;
  clearAll();
  state.notes = {};
  announce(t('keep.forgotten'));
}

// ---- check -------------------------------------------------------------------------------

function profile() {
  const p = {
    medications: state.meds.map((m) => {
      const line = { name: m.name };
      if (m.dose.trim()) line.dose = m.dose.trim();
      if (m.frequency.trim()) line.frequency = m.frequency.trim();
      if (m.reason.trim()) line.reason = m.reason.trim();
      if (/^\d{4}-\d{2}-\d{2}$/.test(m.start)) line.start = m.start;
      return line;
    }),
    conditions: splitList($('conditions').value),
    allergies: splitList($('allergies').value),
    today: today(),
  };
  const age = $('age').value.trim();
  if (age) p.age = Number(age);
  const egfr = $('egfr').value.trim();
  if (egfr) p.egfr = Number(egfr);
  if ($('pregnant').checked) p.pregnant = true;
  return p;
}

async function runCheck(event) {
  event?.preventDefault();
  $('form-error').textContent = '';
  const pending = $('med-input').value.trim();
  if (pending) { addMedicine(pending); $('med-input').value = ''; medCombo.close(); }
  if (state.meds.length === 0) {
    $('form-error').textContent = t('error.noMeds');
    $('med-input').focus();
    return;
  }
  try {
    state.report = await checkIn(state.lang, state.mode === 'pharmacist', profile());
  } catch (error) {
    $('form-error').textContent = t('error.input', { message: readable(error.message) });
    return;
  }
  persist();
  render(state.report);
}

/** "medications[1].frequency: …" → "medicine 2, how often: …" */
function readable(message) {
  const at = (i, key) => `${t('error.medicine', { n: Number(i) + 1 })}${key ? `, ${t(key).toLowerCase()}` : ''}`;
  return message
    .replace(/medications\[(\d+)\]\.frequency/, (_, i) => at(i, 'med.frequency'))
    .replace(/medications\[(\d+)\]\.dose/, (_, i) => at(i, 'med.dose'))
    .replace(/medications\[(\d+)\]\.name/, (_, i) => at(i))
    .replace(/^egfr/, t('egfr'));
}

// ---- report ------------------------------------------------------------------------------

function render(report) {
  $('results').hidden = false;
  const { summary, announcement } = summarize(report, t);
  $('summary').textContent = summary;
  renderUnrecognized(report);
  renderFindings(report);
  renderMap(report);
  renderPml(report);
  renderEducation(report);
  $('print-footer').textContent = t('print.footer', {
    date: new Date().toLocaleDateString(state.lang), version: report.knowledge_version,
  });
  announce(announcement);
  $('results').focus();
}

function renderUnrecognized(report) {
  const box = $('unrecognized');
  box.replaceChildren();
  const missing = report.medications.map((m, i) => ({ m, i })).filter(({ m }) => !m.recognized);
  if (missing.length === 0) return;
  box.append(el('h3', { text: t('unrecognized.heading') }), el('p', { class: 'hint', text: t('unrecognized.hint') }));
  const list = el('ul', { class: 'unrecognized' });
  for (const { m, i } of missing) {
    const item = el('li', {}, el('strong', { text: m.input }));
    if (m.suggestions.length) {
      item.append(el('span', { text: t('unrecognized.didYouMean') }), ...m.suggestions.slice(0, 3).map((text) => {
        const name = text.replace(/ \(.*\)$/, '');
        return el('button', { type: 'button', class: 'suggestion', text: t('unrecognized.use', { name }),
          onclick: () => { state.meds[i].name = name; renderMeds(); persist(); runCheck(); } });
      }));
    } else {
      item.append(el('span', { text: t('unrecognized.noMatch') }));
    }
    list.append(item);
  }
  box.append(list);
}

function renderFindings(report) {
  $('findings').replaceChildren(...severityGroups(report, t, { clinical: state.mode === 'pharmacist' }));
}

function renderMap(report) {
  const box = $('map');
  const { actions, goals, monitoring, follow_up: followUp, review_prompts: prompts } = report.plan;
  box.replaceChildren(el('h2', { id: 'map-heading', text: t('map.heading') }), el('h3', { text: t('map.talked') }));
  box.append(report.findings.length
    ? el('ul', { class: 'plan-talked' }, ...report.findings.map((f) => el('li', {},
      el('strong', { text: `${t(`sev.${f.severity}`)}: ` }), el('span', { text: f.title }))))
    : el('p', { text: t('map.talkedNone') }), noteField('talked', t('map.notes')));
  if (actions.length) {
    box.append(el('h3', { text: t('map.todo') }), el('ol', { class: 'plan-steps' }, ...actions.map((a) => el('li', {},
      el('p', {}, el('strong', { text: `${t(`when.${a.when}`)}${a.due ? ` (${t('by', { date: a.due })})` : ''}, ${t(`who.${a.who}`)}: ` }),
        el('span', { text: a.step })),
      noteField(`did:${a.step}`, t('map.did'), 1)))));
  }
  if (goals.length) {
    box.append(el('h3', { text: t('map.goals') }), el('ul', { class: 'plan-goals' }, ...goals.map((g) => el('li', { text: g.goal }))));
  }
  if (monitoring.length) {
    box.append(el('h3', { text: t('map.watch') }), el('ul', { class: 'plan-monitoring' }, ...monitoring.map((m) => el('li', {},
      el('strong', { text: m.what }), el('span', { class: 'muted', text: ` (${t('map.watchFor', { names: names(report, m.medications).join(', ') })})` }),
      el('br'), el('span', { class: 'interval', text: m.interval })))));
  }
  box.append(el('h3', { text: t('map.followUp') }),
    el('ul', { class: 'plan-follow-up' }, ...followUp.map((f) => el('li', {},
      el('strong', { text: `${f.date ?? t('map.inDays', { days: f.in_days })}: ` }), el('span', { text: f.reason })))));
  if (followUp.some((f) => f.date)) {
    box.append(el('button', { type: 'button', id: 'calendar', class: 'secondary', text: t('map.calendar'),
      onclick: () => download('medcheck-follow-up.ics', 'text/calendar', buildIcs(followUp, {
        summary: t('map.calendarTitle'), version: report.knowledge_version,
        stamp: `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`,
      })) }));
  }
  box.append(el('h3', { text: t('map.questions') }));
  if (prompts.length) box.append(el('ul', { class: 'plan-questions' }, ...prompts.map((q) => el('li', { text: q.question }))));
  box.append(noteField('questions', t('map.myQuestions')));
}

function renderPml(report) {
  const box = $('pml');
  const cell = (med, field, label, type = 'text') => {
    const input = el('input', { type, value: med[field], 'aria-label': `${label}: ${med.name}`,
      oninput: (e) => { med[field] = e.target.value; persist(); } });
    return input;
  };
  const rows = state.meds.map((med, i) => {
    const m = report.medications[i];
    const understood = !m ? '' : m.recognized
      ? `${m.ingredients.join(' + ')}${m.corrected ? `, ${t('pml.corrected')}` : ''}` : t('pml.notRecognized');
    const use = [med.dose, med.frequency].filter((s) => s.trim()).join(', ');
    return el('tr', {},
      el('th', { scope: 'row' }, el('span', { text: med.name }), understood ? el('span', { class: 'muted', text: ` (${understood})` }) : null),
      el('td', { text: use }),
      el('td', {}, cell(med, 'reason', t('pml.why'))),
      el('td', {}, cell(med, 'prescriber', t('pml.prescriber'))),
      el('td', { class: 'dates' }, cell(med, 'start', t('med.start'), 'date'), cell(med, 'stop', t('med.stop'), 'date')));
  });
  const allergies = report.allergies.map((a) => (a.recognized && a.name ? `${a.input} (${a.name})` : a.input));
  const conditions = report.conditions.map((c) => (c.recognized && c.name ? c.name : c.input));
  box.replaceChildren(...[
    el('h2', { id: 'pml-heading', text: t('pml.heading') }),
    el('div', { class: 'table-wrap' }, el('table', { class: 'pml' },
      el('thead', {}, el('tr', {}, ...['pml.medicine', 'pml.use', 'pml.why', 'pml.prescriber', 'pml.dates'].map((k) => el('th', { scope: 'col', text: t(k) })))),
      el('tbody', {}, ...rows))),
    conditions.length ? el('h3', { text: t('pml.conditions') }) : null,
    conditions.length ? el('p', { text: conditions.join(', ') }) : null,
    el('h3', { text: t('pml.allergies') }),
    el('p', { text: allergies.length ? allergies.join(', ') : t('pml.allergiesNone') }),
    noteField('side-effects', t('pml.sideEffects'))].filter(Boolean));
}

function renderEducation(report) {
  const box = $('education');
  box.replaceChildren();
  if (report.education.length === 0) return;
  box.append(el('h3', { text: t('edu.heading') }), el('p', { class: 'adherence', text: t('edu.adherence') }));
  for (const e of report.education) {
    const lines = names(report, e.medications);
    const row = (key, text) => el('p', {}, el('strong', { text: t(key) }), el('span', { text }));
    box.append(el('article', { class: 'education' },
      el('h4', { text: e.ingredient }),
      lines.length ? el('p', { class: 'involves', text: t('edu.in', { names: lines.join(', ') }) }) : null,
      e.purpose ? row('edu.purpose', e.purpose) : null,
      row('edu.how', e.how_to_take),
      row('edu.side', e.side_effects.join('; ')),
      row('edu.serious', e.serious.join('; ')),
      e.avoid.length ? row('edu.avoid', e.avoid.join('; ')) : null));
  }
}

function announce(text) {
  $('status').textContent = text;
}

function clearAll() {
  state.meds = [];
  state.report = null;
  renderMeds();
  for (const id of ['age', 'egfr', 'conditions', 'allergies', 'med-input']) $(id).value = '';
  $('pregnant').checked = false;
  $('results').hidden = true;
  $('form-error').textContent = '';
  $('share-box').hidden = true;
  medCombo.close();
  persist();
  announce(t('cleared'));
  $('med-input').focus();
}

async function main() {
  state.lang = initialLanguage(new URLSearchParams(location.search).get('lang'), navigator.languages ?? [navigator.language]);
  applyLanguage();
  const mod = await wasm(state.lang);
  $('kb-version').textContent = t('version', { version: mod.knowledge().version });
  const input = $('med-input');
  medCombo = combobox(input, $('med-options'), {
    suggest: async (text) => (await wasm(state.lang)).suggest(text, 8),
    add: addMedicine,
  });
  $('add-med').addEventListener('click', () => { if (addMedicine(input.value)) input.value = ''; medCombo.close(); input.focus(); });
  $('profile').addEventListener('submit', runCheck);
  $('profile').addEventListener('input', persist);
  $('clear').addEventListener('click', clearAll);
  $('print').addEventListener('click', () => window.print());
  $('lang').addEventListener('change', (e) => switchLanguage(e.target.value));
  $('mode').addEventListener('change', (e) => { state.mode = e.target.value; if (state.report) runCheck(); });
  $('save').addEventListener('change', (e) => { if (e.target.checked) persist(); else storage.forget(); });
  $('forget').addEventListener('click', forget);
  $('export').addEventListener('click', () => download(`medcheck-list-${today()}.json`, 'application/json',
    JSON.stringify(snapshot(current()), null, 2)));
  $('import').addEventListener('change', importFile);
  $('export-fhir').addEventListener('click', exportFhir);
  $('share').addEventListener('click', share);
  if (!(await openSharedLink())) {
    const saved = storage.load();
    if (saved) { load(saved); $('save').checked = true; }
  }
  document.documentElement.dataset.lang = state.lang;
  document.documentElement.dataset.ready = 'true';
}

main().catch((error) => {
  $('form-error').textContent = t('error.start', { message: error.message });
});
