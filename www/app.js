// The patient page: builds a profile from the form, runs the check in WebAssembly on this
// device, and shows the report. Text from the user is only ever set with textContent.
import init, { check, suggest, knowledge } from '../pkg/medcheck.js';

const SEVERITY = {
  contraindicated: { label: 'Do not combine', lead: 'Do not take these together. Talk to your pharmacist or doctor before your next dose.' },
  major: { label: 'Serious', lead: 'Usually avoided, or needs a dose change and close checks. Talk to your pharmacist or doctor soon.' },
  moderate: { label: 'Worth checking', lead: 'Ask your pharmacist at your next visit; it may need monitoring or a small change.' },
  minor: { label: 'Good to know', lead: 'Usually no change is needed.' },
};
const ORDER = ['contraindicated', 'major', 'moderate', 'minor'];

const $ = (id) => document.getElementById(id);
const state = { meds: [], options: [], active: -1 };

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// ---- medicine list -------------------------------------------------------------------------

function addMedicine(name) {
  const text = name.trim();
  if (!text) return false;
  state.meds.push({ name: text, dose: '', frequency: '' });
  renderMeds();
  announce(`Added ${text}. ${state.meds.length} medicine${state.meds.length === 1 ? '' : 's'} in the list.`);
  return true;
}

function renderMeds() {
  const list = $('med-list');
  list.replaceChildren();
  state.meds.forEach((med, i) => {
    const doseId = `dose-${i}`;
    const freqId = `freq-${i}`;
    const item = el('li', { class: 'med' },
      el('span', { class: 'med-name', text: med.name }),
      el('span', { class: 'med-details' },
        el('label', { for: doseId, text: 'How much' }),
        el('input', { id: doseId, type: 'text', placeholder: 'e.g. 2 tablets', value: med.dose,
          oninput: (e) => { med.dose = e.target.value; } }),
        el('label', { for: freqId, text: 'How often' }),
        el('input', { id: freqId, type: 'text', placeholder: 'e.g. twice daily', value: med.frequency, list: 'frequencies',
          oninput: (e) => { med.frequency = e.target.value; } })),
      el('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${med.name}`, text: 'Remove',
        onclick: () => { state.meds.splice(i, 1); renderMeds(); announce(`Removed ${med.name}.`); $('med-input').focus(); } }));
    list.append(item);
  });
  $('med-empty').hidden = state.meds.length > 0;
}

// ---- autocomplete (ARIA combobox pattern) --------------------------------------------------

function showOptions(items) {
  const input = $('med-input');
  const box = $('med-options');
  state.options = items;
  state.active = -1;
  box.replaceChildren(...items.map((s, i) => el('li', {
    id: `med-option-${i}`, role: 'option', 'aria-selected': 'false', class: 'option',
    onmousedown: (e) => { e.preventDefault(); pick(i); },
  }, el('span', { class: 'option-name', text: s.name }),
     s.detail && s.detail.toLowerCase() !== s.name.toLowerCase() ? el('span', { class: 'option-detail', text: ` ${s.detail}` }) : null)));
  box.hidden = items.length === 0;
  input.setAttribute('aria-expanded', String(items.length > 0));
  input.removeAttribute('aria-activedescendant');
}

function highlight(index) {
  const items = [...$('med-options').children];
  state.active = index;
  items.forEach((item, i) => item.setAttribute('aria-selected', String(i === index)));
  const input = $('med-input');
  if (index >= 0) input.setAttribute('aria-activedescendant', `med-option-${index}`);
  else input.removeAttribute('aria-activedescendant');
}

function pick(index) {
  const choice = state.options[index];
  if (!choice) return;
  const input = $('med-input');
  addMedicine(choice.name);
  input.value = '';
  showOptions([]);
  input.focus();
}

function onMedKey(event) {
  const open = state.options.length > 0;
  if (event.key === 'ArrowDown' && open) {
    event.preventDefault();
    highlight((state.active + 1) % state.options.length);
  } else if (event.key === 'ArrowUp' && open) {
    event.preventDefault();
    highlight(state.active <= 0 ? state.options.length - 1 : state.active - 1);
  } else if (event.key === 'Enter') {
    event.preventDefault();
    if (open && state.active >= 0) pick(state.active);
    else if (addMedicine(event.target.value)) { event.target.value = ''; showOptions([]); }
  } else if (event.key === 'Escape' && open) {
    event.preventDefault();
    showOptions([]);
  }
}

function onMedInput(event) {
  const text = event.target.value;
  showOptions(text.trim().length >= 2 ? suggest(text, 8) : []);
}

// ---- check -------------------------------------------------------------------------------

function splitList(text) {
  return text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);
}

function profile() {
  const p = {
    medications: state.meds.map((m) => {
      const line = { name: m.name };
      if (m.dose.trim()) line.dose = m.dose.trim();
      if (m.frequency.trim()) line.frequency = m.frequency.trim();
      return line;
    }),
    conditions: splitList($('conditions').value),
    allergies: splitList($('allergies').value),
  };
  const age = $('age').value.trim();
  if (age) p.age = Number(age);
  const egfr = $('egfr').value.trim();
  if (egfr) p.egfr = Number(egfr);
  if ($('pregnant').checked) p.pregnant = true;
  p.today = new Date().toISOString().slice(0, 10);
  return p;
}

function runCheck(event) {
  event.preventDefault();
  $('form-error').textContent = '';
  const pending = $('med-input').value.trim();
  if (pending) { addMedicine(pending); $('med-input').value = ''; showOptions([]); }
  if (state.meds.length === 0) {
    $('form-error').textContent = 'Add at least one medicine first.';
    $('med-input').focus();
    return;
  }
  let report;
  try {
    report = check(profile());
  } catch (error) {
    $('form-error').textContent = `Please check what you entered: ${readable(error.message)}`;
    return;
  }
  render(report);
}

/** "medications[1].frequency: …" → "medicine 2, how often: …" */
function readable(message) {
  return message
    .replace(/medications\[(\d+)\]\.frequency/, (_, i) => `medicine ${Number(i) + 1}, how often`)
    .replace(/medications\[(\d+)\]\.dose/, (_, i) => `medicine ${Number(i) + 1}, how much`)
    .replace(/medications\[(\d+)\]\.name/, (_, i) => `medicine ${Number(i) + 1}`)
    .replace(/^egfr/, 'kidney function (eGFR)');
}

function render(report) {
  const results = $('results');
  results.hidden = false;
  const s = report.summary;
  const serious = s.contraindicated + s.major;
  const parts = [];
  if (s.contraindicated) parts.push(`${s.contraindicated} do not combine`);
  if (s.major) parts.push(`${s.major} serious`);
  if (s.moderate) parts.push(`${s.moderate} worth checking`);
  if (s.minor) parts.push(`${s.minor} good to know`);
  const summary = report.findings.length === 0
    ? 'No problems found among the medicines we recognized.'
    : `${report.findings.length} thing${report.findings.length === 1 ? '' : 's'} to look at: ${parts.join(', ')}.`;
  $('summary').textContent = serious > 0
    ? `${summary} Please talk to your pharmacist or doctor about the serious ones soon.`
    : summary;

  renderUnrecognized(report);
  renderPlan(report);
  renderFindings(report);
  renderUnderstood(report);
  renderEducation(report);
  renderTerms(report);
  $('print-date').textContent = new Date().toLocaleDateString();
  announce(`Check complete. ${$('summary').textContent}${s.unrecognized ? ` ${s.unrecognized} not recognized.` : ''}`);
  results.focus();
}

function suggestionButtons(index, suggestions) {
  return suggestions.map((text) => {
    const name = text.replace(/ \(.*\)$/, '');
    return el('button', { type: 'button', class: 'suggestion', text: `Use ${name}`,
      onclick: () => { state.meds[index].name = name; renderMeds(); runCheck(new Event('submit')); } });
  });
}

function renderUnrecognized(report) {
  const box = $('unrecognized');
  box.replaceChildren();
  const missing = report.medications.map((m, i) => ({ m, i })).filter(({ m }) => !m.recognized);
  if (missing.length === 0) return;
  box.append(el('h3', { text: 'Not recognized' }),
    el('p', { class: 'hint', text: 'We could not check these, so problems with them would not show here. Check the spelling, or ask your pharmacist.' }));
  const list = el('ul', { class: 'unrecognized' });
  for (const { m, i } of missing) {
    const item = el('li', {}, el('strong', { text: m.input }));
    if (m.suggestions.length) {
      item.append(el('span', { text: ' Did you mean: ' }), ...suggestionButtons(i, m.suggestions.slice(0, 3)));
    } else {
      item.append(el('span', { text: ' No close match found.' }));
    }
    list.append(item);
  }
  box.append(list);
}

const WHEN = { today: 'Today', 'this-week': 'This week', 'next-visit': 'At your next visit' };

function renderPlan(report) {
  const box = $('plan');
  box.replaceChildren();
  const { actions, goals, follow_up: followUp, review_prompts: prompts } = report.plan;
  if (actions.length) {
    box.append(el('h3', { text: 'What I need to do' }),
      el('ol', { class: 'plan-steps' }, ...actions.map((a) => el('li', {},
        el('strong', { text: `${WHEN[a.when]}${a.due ? ` (by ${a.due})` : ''}: ` }), el('span', { text: a.step })))));
  }
  if (goals.length) {
    box.append(el('h3', { text: 'My goals' }), el('ul', { class: 'plan-goals' }, ...goals.map((g) => el('li', { text: g.goal }))));
  }
  if (prompts.length) {
    box.append(el('h3', { text: 'Questions I want to ask' }),
      el('ul', { class: 'plan-questions' }, ...prompts.map((q) => el('li', { text: q.question }))));
  }
  box.append(el('h3', { text: 'My follow-up plan' }),
    el('ul', { class: 'plan-follow-up' }, ...followUp.map((f) => el('li', {},
      el('strong', { text: `${f.date ?? `In ${f.in_days} days`}: ` }), el('span', { text: f.reason })))));
}

function renderFindings(report) {
  const box = $('findings');
  box.replaceChildren();
  for (const severity of ORDER) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    const info = SEVERITY[severity];
    const section = el('section', { class: `severity-group ${severity}`, 'aria-label': info.label },
      el('h3', {}, el('span', { class: `badge ${severity}`, text: info.label }), el('span', { class: 'count', text: ` ${group.length}` })),
      el('p', { class: 'lead', text: info.lead }));
    for (const f of group) section.append(findingCard(f, report));
    box.append(section);
  }
}

function findingCard(f, report) {
  const meds = f.medications.map((i) => report.medications[i]?.input).filter(Boolean);
  const card = el('article', { class: `finding ${f.severity}` },
    el('p', { class: 'finding-kind' }, el('span', { class: `badge small ${f.severity}`, text: SEVERITY[f.severity].label }), el('span', { text: ` · ${f.kind}` })),
    el('h4', { text: f.title }),
    meds.length ? el('p', { class: 'involves', text: `Involves: ${meds.join(', ')}` }) : null,
    el('p', { text: f.patient }),
    el('p', { class: 'todo' }, el('strong', { text: 'What to do: ' }), el('span', { text: f.action })));
  if (f.monitor.length) {
    card.append(el('p', { class: 'watch' }, el('strong', { text: 'Watch for: ' }), el('span', { text: f.monitor.join('; ') })));
  }
  card.append(el('details', {}, el('summary', { text: 'For your pharmacist' }),
    el('p', { text: f.professional }),
    el('p', { class: 'sources', text: `Severity: ${f.severity}. Rule: ${f.rule}. Sources: ${f.sources.join(', ')}.` })));
  return card;
}

function renderUnderstood(report) {
  const list = $('understood');
  list.replaceChildren(...report.medications.map((m) => {
    if (!m.recognized) return el('li', {}, el('span', { text: m.input }), el('span', { class: 'muted', text: ' (not recognized)' }));
    const detail = m.ingredients.join(' + ');
    return el('li', {}, el('span', { text: m.input }), el('span', { class: 'muted', text: ` → ${detail}` }),
      m.corrected ? el('span', { class: 'muted', text: ' (spelling corrected)' }) : null);
  }));
}

function renderEducation(report) {
  const box = $('education');
  box.replaceChildren();
  if (report.education.length === 0) return;
  box.append(el('h3', { text: 'How to take your medicines' }));
  for (const e of report.education) {
    const lines = e.medications.map((i) => report.medications[i]?.input).filter(Boolean);
    const card = el('article', { class: 'education' },
      el('h4', { text: e.ingredient }),
      lines.length ? el('p', { class: 'involves', text: `In: ${lines.join(', ')}` }) : null,
      e.purpose ? el('p', {}, el('strong', { text: 'What it is for: ' }), el('span', { text: e.purpose })) : null,
      el('p', {}, el('strong', { text: 'How to take it: ' }), el('span', { text: e.how_to_take })),
      el('p', {}, el('strong', { text: 'Common side effects: ' }), el('span', { text: e.side_effects.join('; ') })),
      el('p', {}, el('strong', { text: 'Call your doctor now if you have: ' }), el('span', { text: e.serious.join('; ') })),
      e.avoid.length ? el('p', {}, el('strong', { text: 'Avoid: ' }), el('span', { text: e.avoid.join('; ') })) : null);
    box.append(card);
  }
}

function renderTerms(report) {
  const box = $('terms');
  box.replaceChildren();
  for (const [title, terms] of [['Conditions', report.conditions], ['Allergies', report.allergies]]) {
    if (terms.length === 0) continue;
    box.append(el('h3', { text: title }), el('ul', { class: 'understood' }, ...terms.map((t) => el('li', {},
      el('span', { text: t.input }),
      el('span', { class: 'muted', text: t.recognized ? ` → ${t.name}` : ` (not recognized${t.suggestions.length ? `; did you mean ${t.suggestions.slice(0, 3).join(', ')}?` : ''})` })))));
  }
}

function announce(text) {
  $('status').textContent = text;
}

function clearAll() {
  state.meds = [];
  renderMeds();
  for (const id of ['age', 'egfr', 'conditions', 'allergies', 'med-input']) $(id).value = '';
  $('pregnant').checked = false;
  $('results').hidden = true;
  $('form-error').textContent = '';
  showOptions([]);
  announce('Cleared.');
  $('med-input').focus();
}

async function main() {
  await init();
  $('kb-version').textContent = knowledge().version;
  const freq = el('datalist', { id: 'frequencies' },
    ...['once daily', 'twice daily', '3 times a day', '4 times a day', 'every 6 hours', 'at bedtime', 'weekly', 'as needed']
      .map((v) => el('option', { value: v })));
  document.body.append(freq);
  const input = $('med-input');
  input.addEventListener('keydown', onMedKey);
  input.addEventListener('input', onMedInput);
  input.addEventListener('blur', () => showOptions([]));
  $('add-med').addEventListener('click', () => { if (addMedicine(input.value)) input.value = ''; showOptions([]); input.focus(); });
  $('profile').addEventListener('submit', runCheck);
  $('clear').addEventListener('click', clearAll);
  $('print').addEventListener('click', () => window.print());
  renderMeds();
  document.documentElement.dataset.ready = 'true';
}

main().catch((error) => {
  $('form-error').textContent = `medcheck could not start in this browser: ${error.message}`;
});
