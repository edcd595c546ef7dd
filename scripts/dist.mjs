#!/usr/bin/env node
// `make dist`: a versioned, self-contained folder a pharmacy copies to any static host:
// dist/medcheck-<version>/ with the element, its wasm modules (pkg/), the iframe page and
// integrity.json (SHA-384 of every file, for Subresource Integrity).
// Usage: node scripts/dist.mjs [out-dir]   (HOSTS="https://a.example https://b.example" fills the
// iframe page's allowlist)
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const version = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"$/m)[1];
const knowledge = readFileSync(join(ROOT, 'src/knowledge/VERSION'), 'utf8').trim();
const out = resolve(process.argv[2] ?? join(ROOT, 'dist'), `medcheck-${version}`);

const WWW = ['med-check.js', 'med-check-element.js', 'med-check.css', 'ui.js', 'i18n.js', 'fhir.js', 'paths.js',
  'embed.html', 'embed.js', 'embed.css', 'favicon.svg'];
const PKG = ['medcheck.js', 'medcheck_bg.wasm', 'medcheck.d.ts'];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const f of WWW) cpSync(join(ROOT, 'www', f), join(out, f));
for (const dir of ['', 'es', 'pro']) {
  mkdirSync(join(out, 'pkg', dir), { recursive: true });
  for (const f of PKG) cpSync(join(ROOT, 'pkg', dir, f), join(out, 'pkg', dir, f));
}
// Flat layout: the modules sit in ./pkg/ beside the scripts.
const paths = join(out, 'paths.js');
writeFileSync(paths, readFileSync(paths, 'utf8').replace("new URL('../pkg/', import.meta.url)", "new URL('./pkg/', import.meta.url)"));
const hosts = (process.env.HOSTS ?? '').trim();
if (hosts) {
  const embed = join(out, 'embed.html');
  writeFileSync(embed, readFileSync(embed, 'utf8').replace('<meta name="medcheck-hosts" content="">', `<meta name="medcheck-hosts" content="${hosts.replace(/"/g, '')}">`));
}

const files = {};
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files[relative(out, path)] = `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;
  }
};
walk(out);
writeFileSync(join(out, 'integrity.json'), `${JSON.stringify({ name: 'medcheck', version, knowledge_version: knowledge, files }, null, 2)}\n`);
const bytes = Object.keys(files).reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
console.log(`${relative(process.cwd(), out) || out}: ${Object.keys(files).length} files, ${(bytes / 1024).toFixed(0)} kB`);
