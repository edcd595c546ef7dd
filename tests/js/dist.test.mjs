// `make dist`: the folder a pharmacy hosts. Every file's hash is in integrity.json, and a host page
// on another origin embeds the element from it with Subresource Integrity on the script tag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, watch, ROOT } from './helpers.mjs';

test('make dist: a versioned folder with an integrity manifest that embeds from another origin', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'medcheck-dist-'));
  const pages = { '/favicon.ico': () => '' };
  const host = await serve({ pages });
  execFileSync('node', [`${ROOT}/scripts/dist.mjs`, tmp], { env: { ...process.env, HOSTS: host.origin } });
  const [folder] = readdirSync(tmp);
  assert.match(folder, /^medcheck-\d+\.\d+\.\d+$/);
  const dist = join(tmp, folder);
  const manifest = JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8'));
  for (const [file, hash] of Object.entries(manifest.files)) {
    assert.equal(`sha384-${createHash('sha384').update(readFileSync(join(dist, file))).digest('base64')}`, hash, file);
  }
  for (const file of ['med-check.js', 'med-check-element.js', 'embed.html', 'pkg/medcheck_bg.wasm', 'pkg/es/medcheck_bg.wasm', 'pkg/pro/medcheck_bg.wasm']) {
    assert.ok(manifest.files[file], `${file} is in the folder`);
  }
  assert.match(readFileSync(join(dist, 'embed.html'), 'utf8'), new RegExp(`content="${host.origin}"`));
  const english = ['med-check.js', 'med-check-element.js', 'med-check.css', 'ui.js', 'i18n.js', 'fhir.js', 'paths.js', 'pkg/medcheck.js', 'pkg/medcheck_bg.wasm'];
  const gz = english.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
  const total = Object.keys(manifest.files).reduce((sum, f) => sum + statSync(join(dist, f)).size, 0);
  console.log(`dist: ${Object.keys(manifest.files).length} files, ${(total / 1024).toFixed(0)} kB; the element in English downloads ${(gz / 1024).toFixed(1)} kB gzipped`);

  const cdn = await serve({ root: dist, cors: true });
  const page = await (await launch()).newPage();
  const seen = watch(page);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pharmacy</title>
    <script type="module" src="${cdn.origin}/med-check.js" integrity="${manifest.files['med-check.js']}" crossorigin="anonymous"></script>
    </head><body><med-check pharmacy-name="Test Pharmacy"></med-check></body></html>`;
  pages['/pharmacy.html'] = () => html;
  await page.addInitScript(() => {
    window.ready = new Promise((ok) => document.addEventListener('medcheck-ready', () => ok(performance.now()), { once: true }));
  });
  await page.goto(`${host.origin}/pharmacy.html`);
  const ms = await page.evaluate(() => Promise.race([window.ready, new Promise((_, no) => setTimeout(() => no(new Error('no medcheck-ready in 30 s')), 30000))]));
  console.log(`dist: medcheck-ready ${ms.toFixed(0)} ms after navigation start (local server, cold cache)`);
  const input = page.locator('med-check').getByRole('combobox');
  for (const n of ['warfarin', 'ibuprofen']) { await input.fill(n); await input.press('Enter'); }
  await page.locator('med-check').getByRole('button', { name: /^Check/ }).click();
  await page.locator('med-check .severity-group.major').waitFor();
  assert.ok(seen.requests.some((u) => u === `${cdn.origin}/pkg/medcheck_bg.wasm`), 'the wasm comes from the folder\'s ./pkg/');
  assert.deepEqual(seen.errors, []);
  await page.context().browser().close();
  await Promise.all([host.close(), cdn.close()]);
  rmSync(tmp, { recursive: true, force: true });
});
