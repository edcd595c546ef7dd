// The host's side: listen to the element's events and show what arrives.
const log = document.getElementById('log');
for (const type of ['medcheck-ready', 'medcheck-change', 'medcheck-report']) {
  document.addEventListener(type, (event) => {
    log.append(Object.assign(document.createElement('li'), { textContent: `${type} ${JSON.stringify(event.detail)}` }));
  });
}
