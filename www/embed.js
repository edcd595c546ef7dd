// The iframe fallback for hosts that cannot load modules: <med-check> in a page of its own that
// talks to its parent through postMessage. Messages go only to the parent's origin, and only when
// that origin is in the allowlist (<meta name="medcheck-hosts">); messages are accepted only from
// the parent window at an allowed origin. Never "*".
const element = document.querySelector('med-check');
const allowed = (document.querySelector('meta[name=medcheck-hosts]')?.content ?? '').split(/\s+/).filter(Boolean);

// The element's attributes can come from the frame's address (?lang=es&pharmacy-name=…).
const params = new URLSearchParams(location.search);
for (const name of ['lang', 'mode', 'pharmacy-name', 'pharmacy-phone', 'pharmacy-url', 'compact', 'share-details']) {
  if (params.has(name)) element.setAttribute(name, params.get(name));
}

/** The parent's origin, when the page is framed by an allowed host; otherwise null. */
function parentOrigin() {
  if (window.parent === window) return null;
  const origin = location.ancestorOrigins?.[0] ?? (document.referrer ? new URL(document.referrer).origin : null);
  return origin && allowed.includes(origin) ? origin : null;
}

const host = parentOrigin();
document.documentElement.dataset.host = host ?? 'none';

for (const type of ['medcheck-ready', 'medcheck-change', 'medcheck-report']) {
  element.addEventListener(type, (event) => {
    if (host) window.parent.postMessage({ type, detail: event.detail }, host);
  });
}

window.addEventListener('message', async (event) => {
  if (!host || event.source !== window.parent || event.origin !== host) return;
  const { type, profile } = event.data ?? {};
  if (type === 'medcheck-set-profile') await element.setProfile(profile);
  else if (type === 'medcheck-clear') element.clear();
  else if (type === 'medcheck-export-fhir') window.parent.postMessage({ type: 'medcheck-fhir', bundle: await element.exportFhir() }, host);
});
