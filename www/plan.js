// Keeping and moving the patient's list without a server: saving on this device (only when the
// patient opts in), a file to export and import, a share link that carries the list in the URL
// fragment, and calendar reminders. No DOM here.

export const STORAGE_KEY = 'medcheck';
const FORMAT = 'medcheck-list';

/** The list and details as saved, exported and shared. */
export function snapshot(state) {
  return { format: FORMAT, version: 1, ...state };
}

/** Checks a parsed file or link and returns the state in it; throws with a plain message. */
export function restore(data) {
  if (!data || data.format !== FORMAT || data.version !== 1 || !Array.isArray(data.meds)) {
    throw new Error('not a medcheck list');
  }
  const text = (v) => (typeof v === 'string' ? v.slice(0, 500) : '');
  return {
    meds: data.meds.slice(0, 100).filter((m) => m && typeof m.name === 'string' && m.name.trim()).map((m) => ({
      name: text(m.name), dose: text(m.dose), frequency: text(m.frequency), reason: text(m.reason),
      prescriber: text(m.prescriber), start: text(m.start), stop: text(m.stop),
    })),
    age: text(data.age), egfr: text(data.egfr), pregnant: data.pregnant === true,
    conditions: text(data.conditions), allergies: text(data.allergies),
    notes: Object.fromEntries(Object.entries(data.notes ?? {}).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, text(v)])),
  };
}

export const storage = {
  load() {
    try {
      const raw = localStorage.getItem(STORAGE_KEY);
      return raw ? restore(JSON.parse(raw)) : null;
    } catch {
      return null;
    }
  },
  save(state) {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(snapshot(state)));
  },
  forget() {
    localStorage.removeItem(STORAGE_KEY);
  },
};

/** Bytes through a (de)compression stream, refusing more than `limit` bytes out. */
async function pipe(bytes, stream, limit = Infinity) {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error('the shared list is too large');
    }
    parts.push(value);
  }
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

/** A shared list is at most this large once inflated (the JSON contract's own limit). */
const SHARE_LIMIT = 256 * 1024;

/** The state, deflated and base64url-encoded for the URL fragment. */
export async function encodeShare(state) {
  const packed = await pipe(new TextEncoder().encode(JSON.stringify(snapshot(state))), new CompressionStream('deflate-raw'));
  let binary = '';
  for (const b of packed) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function decodeShare(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const json = new TextDecoder().decode(await pipe(bytes, new DecompressionStream('deflate-raw'), SHARE_LIMIT));
  return restore(JSON.parse(json));
}

/** RFC 5545 text: escape, then fold lines longer than 75 octets. */
function icsText(value) {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function fold(line) {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts = [];
  let current = '';
  for (const ch of line) {
    if (new TextEncoder().encode(current + ch).length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * A calendar with an all-day event for each dated follow-up step.
 * `items`: [{ date: 'YYYY-MM-DD', reason }]; `summary`: the event title.
 */
export function buildIcs(items, { summary, version, stamp }) {
  const day = (d) => d.replace(/-/g, '');
  const next = (d) => {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString().slice(0, 10).replace(/-/g, '');
  };
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//medcheck//${version}//EN`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  items.filter((f) => /^\d{4}-\d{2}-\d{2}$/.test(f.date ?? '')).forEach((f, i) => {
    lines.push('BEGIN:VEVENT', `UID:medcheck-${day(f.date)}-${i}@medcheck.local`, `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day(f.date)}`, `DTEND;VALUE=DATE:${next(f.date)}`,
      `SUMMARY:${icsText(summary)}`, `DESCRIPTION:${icsText(f.reason)}`, 'END:VEVENT');
  });
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
