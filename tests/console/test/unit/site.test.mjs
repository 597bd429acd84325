// The page preloads every module (a missing one would be fetched late, one import level at a time), and no module
// writes markup (innerHTML and friends): stored values must reach the page as text.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, SITE_JS } from '../../lib/site.mjs';

const SITE = path.join(REPO_ROOT, 'src/EdgeRegistry/Console/Site');
const modules = (await readdir(SITE_JS, { recursive: true })).filter((f) => f.endsWith('.js')).map((f) => `js/${f.split(path.sep).join('/')}`);

describe('the site', () => {
  it('preloads every module but the entry point', async () => {
    const html = await readFile(path.join(SITE, 'index.html'), 'utf8');
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
    assert.deepEqual(preloaded, modules.filter((m) => m !== 'js/main.js').sort());
  });

  it('never writes markup from script', async () => {
    for (const module of modules) {
      const source = await readFile(path.join(SITE, module), 'utf8');
      assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, module);
    }
  });

  it('has no inline script or style in the page', async () => {
    const html = await readFile(path.join(SITE, 'index.html'), 'utf8');
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>|<style|style=|\bon\w+=/i);
  });

  it('stays small: under 150 KB of files in all', async () => {
    const files = (await readdir(SITE, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
    let total = 0;
    for (const f of files) total += (await readFile(path.join(f.parentPath ?? f.path, f.name))).length;
    assert.ok(total < 150 * 1024, `${total} bytes`);
  });
});
