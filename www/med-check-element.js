// <med-check>: the checker as a custom element for a pharmacy's own site. This file only defines
// the class; med-check.js registers the tag. Everything the patient types stays in the browser,
// and the host hears about it through events that carry counts only, unless it opts in with
// `share-details`.
import { translator } from './i18n.js';
import { toFhir, medicationsFromFhir, termsFromFhir } from './fhir.js';
import { wasm, checkIn, el, splitList, summarize, combobox, severityGroups, ORDER } from './ui.js';

const STYLES = new URL('med-check.css', import.meta.url).href;
const KINDS = ['interaction', 'duplication', 'condition', 'allergy', 'age', 'pregnancy', 'renal', 'dose', 'food', 'anticholinergic'];
let instances = 0;

export class MedCheckElement extends HTMLElement {
  static observedAttributes = ['lang', 'mode', 'compact', 'pharmacy-name', 'pharmacy-phone', 'pharmacy-url'];

  #meds = [];
  // Age, conditions and allergies, also when `compact` leaves out the fields that show them.
  #details = { age: '', conditions: '', allergies: '' };
  #report = null;
  #combo;
  #id = `mc${(instances += 1)}`;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  get lang() { return this.getAttribute('lang') === 'es' ? 'es' : 'en'; }
  set lang(value) { this.setAttribute('lang', value); }
  get mode() { return this.getAttribute('mode') === 'pharmacist' ? 'pharmacist' : 'patient'; }
  set mode(value) { this.setAttribute('mode', value); }
  get compact() { return this.hasAttribute('compact'); }
  set compact(on) { this.toggleAttribute('compact', Boolean(on)); }
  get storage() { return this.hasAttribute('storage'); }
  set storage(on) { this.toggleAttribute('storage', Boolean(on)); }

  async connectedCallback() {
    if (this.shadowRoot.childElementCount) return;
    this.#build();
    if (this.storage) this.#restore();
    const mod = await wasm(this.lang);
    this.#version();
    this.#emit('medcheck-ready', { version: mod.knowledge().version });
  }

  attributeChangedCallback(name, before, after) {
    if (!this.shadowRoot.childElementCount || before === after) return;
    this.#build();
    this.#version();
    if (this.#report && (name === 'lang' || name === 'mode')) this.#check();
    else if (this.#report) this.#render();
  }

  /** Replaces the list and details with a profile in the JSON contract's form, and checks it. */
  async setProfile(profile) {
    const lines = Array.isArray(profile?.medications) ? profile.medications : [];
    this.#meds = lines.map((m) => (typeof m === 'string' ? { name: m } : { ...m })).filter((m) => typeof m.name === 'string' && m.name.trim());
    this.#set('age', profile?.age ?? '');
    this.#set('conditions', (profile?.conditions ?? []).join(', '));
    this.#set('allergies', (profile?.allergies ?? []).join(', '));
    this.#changed();
    return this.#check();
  }

  /** The last report (the host's own call; events never carry it without `share-details`). */
  getReport() {
    return this.#report;
  }

  clear() {
    this.#meds = [];
    this.#report = null;
    for (const f of ['age', 'conditions', 'allergies']) this.#set(f, '');
    this.#q('results').replaceChildren();
    this.#q('status').textContent = '';
    this.#changed();
  }

  /** A FHIR R4 Bundle of MedicationStatement/MedicationRequest into the list; checks it. */
  importFhir(bundle) {
    const { conditions, allergies } = termsFromFhir(bundle);
    return this.setProfile({ medications: medicationsFromFhir(bundle).map((m) => ({ name: m.name })), conditions, allergies });
  }

  /** The list and the last check as a FHIR R4 Bundle. */
  async exportFhir() {
    const report = await checkIn(this.lang, true, this.#profile());
    return toFhir(this.#meds.map((m) => ({ dose: '', frequency: '', reason: '', start: '', stop: '', ...m })), report);
  }

  // ---- building -------------------------------------------------------------------------

  #t(key, values) {
    return translator(this.lang)(key, values);
  }

  #q(name) {
    return this.shadowRoot.getElementById(`${this.#id}-${name}`);
  }

  #set(field, value) {
    this.#details[field] = String(value);
    const input = this.#q(field);
    if (input) input.value = String(value);
  }

  #detail(field) {
    return this.#q(field)?.value ?? this.#details[field];
  }

  #build() {
    const id = (name) => `${this.#id}-${name}`;
    const keep = Object.fromEntries(['age', 'conditions', 'allergies'].map((f) => [f, this.#detail(f)]));
    const t = (k, v) => this.#t(k, v);
    const field = (name, label, type = 'text') => el('div', { class: 'field' },
      el('label', { for: id(name), text: label }),
      name === 'age'
        ? el('input', { id: id(name), type, inputmode: 'numeric', min: '0', max: '130', value: keep[name] })
        : el('textarea', { id: id(name), rows: '2', value: keep[name] }));
    const input = el('input', { id: id('input'), type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': id('options'), 'aria-describedby': id('help'),
      placeholder: t('meds.placeholder'), part: 'input' });
    const listbox = el('ul', { id: id('options'), role: 'listbox', 'aria-label': t('meds.suggested'), hidden: '', part: 'suggestions' });
    const form = el('form', { part: 'form', novalidate: '', onsubmit: (e) => { e.preventDefault(); this.#check(); } },
      el('div', { class: 'combo' },
        el('label', { for: id('input'), text: t('meds.add') }),
        el('div', { class: 'row' }, input,
          el('button', { type: 'button', part: 'button', text: t('meds.addButton'),
            onclick: () => { if (this.#add(input.value)) input.value = ''; this.#combo.close(); input.focus(); } })),
        el('p', { id: id('help'), class: 'hint', text: t('meds.help') }),
        listbox),
      el('p', { class: 'empty', id: id('empty'), text: t('meds.empty') }),
      el('ol', { class: 'list', id: id('list'), 'aria-label': t('meds.list'), part: 'list' }),
      this.compact ? null : el('details', { part: 'details' }, el('summary', { text: t('widget.about') }),
        field('age', t('age'), 'number'), field('conditions', t('conditions')), field('allergies', t('allergies'))),
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'primary', part: 'button primary', text: t('check') }),
        el('button', { type: 'button', part: 'button', text: t('clear'), onclick: () => { this.clear(); input.focus(); } })),
      el('p', { id: id('error'), class: 'error', role: 'alert' }));
    this.shadowRoot.replaceChildren(
      el('link', { rel: 'stylesheet', href: STYLES }),
      el('div', { class: 'mc', part: 'container', lang: this.lang },
        el('header', { part: 'header' }, el('h2', { text: 'medcheck' }),
          this.getAttribute('pharmacy-name') ? el('p', { class: 'by', text: this.getAttribute('pharmacy-name') }) : null),
        form,
        el('p', { id: id('status'), class: 'vh', 'aria-live': 'polite' }),
        el('section', { id: id('results'), part: 'results', tabindex: '-1', 'aria-label': t('results.heading') }),
        el('footer', { part: 'footer' },
          el('p', {}, el('strong', { text: t('disclaimer') }), el('span', { text: ` ${t('disclaimer.more')}` })),
          el('p', { id: id('version') }))));
    this.#combo = combobox(input, listbox, {
      suggest: async (text) => (await wasm(this.lang)).suggest(text, 8),
      add: (name) => this.#add(name),
    });
    this.#renderList();
    if (this.#report) this.#render();
  }

  async #version() {
    const mod = await wasm(this.lang);
    const node = this.#q('version');
    if (node) node.textContent = this.#t('version', { version: mod.knowledge().version });
  }

  // ---- the list -------------------------------------------------------------------------

  #add(name) {
    const text = name.trim();
    if (!text) return false;
    this.#meds.push({ name: text });
    this.#changed();
    this.#q('status').textContent = this.#t('med.added', { name: text, count: this.#meds.length });
    return true;
  }

  #renderList() {
    const list = this.#q('list');
    list.replaceChildren(...this.#meds.map((med, i) => el('li', { class: 'med', part: 'item' },
      el('span', { class: 'name', text: med.name }),
      el('button', { type: 'button', class: 'remove', part: 'button', 'aria-label': this.#t('med.removeLabel', { name: med.name }),
        text: this.#t('med.remove'),
        onclick: () => { this.#meds.splice(i, 1); this.#changed(); this.#q('input').focus(); } }))));
    this.#q('empty').hidden = this.#meds.length > 0;
  }

  #changed() {
    this.#renderList();
    if (this.storage && this.#meds.length) localStorage.setItem(this.#storageKey(), JSON.stringify(this.#meds.map((m) => m.name)));
    else if (this.storage) localStorage.removeItem(this.#storageKey());
    this.#emit('medcheck-change', this.#shareDetails()
      ? { medications: this.#meds.length, names: this.#meds.map((m) => m.name) }
      : { medications: this.#meds.length });
  }

  #storageKey() {
    return `medcheck-widget:${this.id || 'default'}`;
  }

  #restore() {
    try {
      const names = JSON.parse(localStorage.getItem(this.#storageKey()) ?? '[]');
      if (Array.isArray(names)) this.#meds = names.filter((n) => typeof n === 'string').map((name) => ({ name }));
      this.#renderList();
    } catch {
      localStorage.removeItem(this.#storageKey());
    }
  }

  // ---- the check ------------------------------------------------------------------------

  #profile() {
    const p = {
      medications: this.#meds.map((m) => {
        const line = { name: m.name };
        for (const k of ['dose', 'frequency', 'reason', 'start']) if (typeof m[k] === 'string' && m[k].trim()) line[k] = m[k].trim();
        return line;
      }),
      conditions: splitList(this.#detail('conditions')),
      allergies: splitList(this.#detail('allergies')),
      today: new Date().toISOString().slice(0, 10),
    };
    const age = this.#detail('age').trim();
    if (age) p.age = Number(age);
    return p;
  }

  async #check() {
    const error = this.#q('error');
    error.textContent = '';
    const input = this.#q('input');
    if (input.value.trim()) { this.#add(input.value); input.value = ''; this.#combo.close(); }
    if (this.#meds.length === 0) {
      error.textContent = this.#t('error.noMeds');
      return null;
    }
    try {
      this.#report = await checkIn(this.lang, this.mode === 'pharmacist', this.#profile());
    } catch (e) {
      error.textContent = this.#t('error.input', { message: e.message });
      return null;
    }
    this.#render();
    this.#q('results').focus();
    const r = this.#report;
    const bySeverity = Object.fromEntries(ORDER.map((s) => [s, r.summary[s]]));
    const byKind = Object.fromEntries(KINDS.map((k) => [k, r.findings.filter((f) => f.kind === k).length]));
    const counts = { medications: r.medications.length, unrecognized: r.summary.unrecognized, findings: r.findings.length, bySeverity, byKind };
    this.#emit('medcheck-report', this.#shareDetails()
      ? { ...counts, medications_entered: r.medications.map((m) => m.input), report: r }
      : counts);
    return r;
  }

  #shareDetails() {
    return this.hasAttribute('share-details');
  }

  /** "Talk to your pharmacist" as a call or a link to this pharmacy, when the host says how. */
  #contact() {
    const name = this.getAttribute('pharmacy-name') || this.#t('widget.pharmacy');
    const phone = this.getAttribute('pharmacy-phone');
    const url = this.getAttribute('pharmacy-url');
    const safeUrl = url && /^https?:\/\//i.test(url) ? url : null;
    if (!phone && !safeUrl) return null;
    return el('p', { class: 'contact', part: 'contact' },
      el('span', { text: `${this.#t('widget.ask', { name })} ` }),
      phone ? el('a', { href: `tel:${phone.replace(/[^\d+]/g, '')}`, part: 'link', text: `${this.#t('widget.call', { name })}: ${phone}` }) : null,
      phone && safeUrl ? el('span', { text: ' · ' }) : null,
      safeUrl ? el('a', { href: safeUrl, target: '_blank', rel: 'noopener', part: 'link', text: this.#t('widget.visit', { name }) }) : null);
  }

  #render() {
    const r = this.#report;
    const t = (k, v) => this.#t(k, v);
    const { summary, announcement } = summarize(r, t);
    const missing = r.medications.filter((m) => !m.recognized);
    const contact = this.#contact();
    const results = this.#q('results');
    results.replaceChildren(...[
      el('h3', { class: 'summary', text: summary }),
      missing.length ? el('div', { class: 'unrecognized' }, el('h4', { text: t('unrecognized.heading') }),
        el('ul', {}, ...missing.map((m) => el('li', { text: m.suggestions.length ? `${m.input}: ${t('terms.didYouMean', { names: m.suggestions.slice(0, 3).join(', ') })}` : m.input })))) : null,
      ...severityGroups(r, t, {
        clinical: this.mode === 'pharmacist',
        contact: (f) => (f.severity === 'contraindicated' || f.severity === 'major' ? this.#contact() : null),
      }),
      this.compact || !r.plan?.actions.length ? null : el('div', { class: 'steps', part: 'plan' },
        el('h3', { text: t('widget.steps') }),
        el('ol', {}, ...r.plan.actions.map((a) => el('li', {},
          el('strong', { text: `${t(`when.${a.when}`)}: ` }), el('span', { text: a.step }))))),
      contact].filter(Boolean));
    this.#q('status').textContent = announcement;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
