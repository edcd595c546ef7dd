// What the page and the <med-check> element share: building elements, loading the wasm modules
// once per page, the medicine autocomplete (ARIA combobox) and the finding cards.
import { PKG } from './paths.js';

export const ORDER = ['contraindicated', 'major', 'moderate', 'minor'];

// One module per language; pharmacist mode adds the English build with the clinical texts. Every
// element and the page share one instance of each.
const MODULES = { en: 'medcheck.js', es: 'es/medcheck.js', pro: 'pro/medcheck.js' };
const loaded = {};
export function wasm(name) {
  loaded[name] ??= import(new URL(MODULES[name], PKG).href).then(async (m) => { await m.default(); return m; });
  return loaded[name];
}

/** The report in a language; in pharmacist mode, with the clinical English texts. */
export async function checkIn(lang, pharmacist, profile) {
  if (!pharmacist) return (await wasm(lang)).check(profile);
  const full = (await wasm('pro')).check(profile);
  if (lang === 'en') return full;
  const local = (await wasm(lang)).check(profile);
  const key = (f) => `${f.kind}/${f.rule}/${f.medications}`;
  const clinical = new Map(full.findings.map((f) => [key(f), f.professional]));
  for (const f of local.findings) f.professional = clinical.get(key(f));
  return local;
}

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key === 'value') node.value = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

export const names = (report, lines) => lines.map((i) => report.medications[i]?.input).filter(Boolean);

/** Conditions or allergies typed one per line or separated by commas. */
export const splitList = (text) => text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);

/** The one-line summary of a report, and what the live region announces after a check. */
export function summarize(report, t) {
  const s = report.summary;
  const parts = ORDER.filter((sev) => s[sev]).map((sev) => `${s[sev]} ${t(`sev.${sev}`).toLowerCase()}`);
  let summary = report.findings.length === 0
    ? t('summary.none')
    : t('summary.some', { count: report.findings.length, parts: parts.join(', ') });
  if (s.contraindicated + s.major > 0) summary += ` ${t('summary.serious')}`;
  const unrecognized = s.unrecognized ? ` ${t('summary.unrecognized', { count: s.unrecognized })}` : '';
  return { summary, announcement: `${t('summary.done')} ${summary}${unrecognized}` };
}

/**
 * The ARIA combobox pattern on `input` with its `listbox`: suggestions while typing, arrows to
 * move, Enter to pick or to add what was typed, Escape to close. `add(name)` returns true when a
 * medicine was added; `suggest(text)` returns suggestions.
 */
export function combobox(input, listbox, { suggest, add }) {
  let options = [];
  let active = -1;
  const prefix = `${listbox.id}-`;
  const show = (items) => {
    options = items;
    active = -1;
    listbox.replaceChildren(...items.map((s, i) => el('li', {
      id: `${prefix}${i}`, role: 'option', 'aria-selected': 'false', class: 'option',
      onmousedown: (e) => { e.preventDefault(); pick(i); },
    }, el('span', { class: 'option-name', text: s.name }),
    s.detail && s.detail.toLowerCase() !== s.name.toLowerCase() ? el('span', { class: 'option-detail', text: ` ${s.detail}` }) : null)));
    listbox.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    input.removeAttribute('aria-activedescendant');
  };
  const highlight = (index) => {
    active = index;
    [...listbox.children].forEach((item, i) => item.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) input.setAttribute('aria-activedescendant', `${prefix}${index}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const pick = (index) => {
    if (!options[index]) return;
    add(options[index].name);
    input.value = '';
    show([]);
    input.focus();
  };
  input.addEventListener('keydown', (event) => {
    const open = options.length > 0;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      highlight((active + 1) % options.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (open && active >= 0) pick(active);
      else if (add(input.value)) { input.value = ''; show([]); }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      show([]);
    }
  });
  input.addEventListener('input', async () => {
    const text = input.value;
    const items = text.trim().length >= 2 ? await suggest(text) : [];
    if (input.value === text) show(items);
  });
  input.addEventListener('blur', () => show([]));
  return { close: () => show([]) };
}

/**
 * Findings grouped by severity, each group labelled in words (never by colour alone).
 * `contact(f)`: an optional node telling how to reach the pharmacy about a finding.
 */
export function severityGroups(report, t, { clinical = false, contact = () => null } = {}) {
  const groups = [];
  for (const severity of ORDER) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    const label = t(`sev.${severity}`);
    const section = el('section', { class: `severity-group ${severity}`, 'aria-label': label, part: 'group' },
      el('h3', {}, el('span', { class: `badge ${severity}`, text: label }), el('span', { class: 'count', text: ` ${group.length}` })),
      el('p', { class: 'lead', text: t(`sev.${severity}.lead`) }));
    for (const f of group) section.append(findingCard(f, report, t, { clinical, contact }));
    groups.push(section);
  }
  return groups;
}

function findingCard(f, report, t, { clinical, contact }) {
  const meds = names(report, f.medications);
  const card = el('article', { class: `finding ${f.severity}`, part: `finding ${f.severity}` },
    el('p', { class: 'finding-kind' }, el('span', { class: `badge small ${f.severity}`, text: t(`sev.${f.severity}`) }),
      el('span', { text: ` · ${t(`kind.${f.kind}`)}` })),
    el('h4', { text: f.title }),
    meds.length ? el('p', { class: 'involves', text: t('involves', { names: meds.join(', ') }) }) : null,
    el('p', { text: f.patient }),
    el('p', { class: 'todo' }, el('strong', { text: t('todo') }), el('span', { text: f.action })),
    contact(f));
  if (f.monitor.length) {
    card.append(el('p', { class: 'watch' }, el('strong', { text: t('watch') }), el('span', { text: f.monitor.join('; ') })));
  }
  if (clinical) {
    card.append(el('div', { class: 'clinical' },
      el('p', { class: 'clinical-heading', text: t('pro.heading') }),
      f.professional ? el('p', { lang: 'en', text: f.professional }) : null,
      el('p', { class: 'sources', text: t('pro.codes', { severity: f.severity, rule: f.rule, sources: f.sources.join(', ') }) }),
      f.evidence ? el('p', { class: 'sources', text: t('pro.evidence', { evidence: f.evidence }) }) : null));
  }
  return card;
}
