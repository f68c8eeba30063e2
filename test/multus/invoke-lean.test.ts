/**
 * The front door of `add|del|check` stays lean: `multusctl add --dry-run …` (human or -o json)
 * loads one bundle file, the lean dist/bundle/invoke.cjs (scripts/bundle.js), through the code
 * cache's loader (code-cache.cjs), and no code of
 * @oclif/core, inquirer, ssh2 or @kubernetes/client-node (a module-resolve hook records what the
 * CLI loads, as in test/e2e/nad-lean.test.ts). The control is `multusctl add --help`, which oclif
 * answers: it must load oclif, so the check can fail; each marker is checked to be present in the
 * bundle at all, so its absence means something.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NETNS_SKIP } from '../support/netns.js';
import { CliWorld } from '../support/cli-world.js';
import { LoadLog } from '../support/load-log.js';
import { REPO_ROOT } from '../e2e/helpers.js';

const opts = { skip: NETNS_SKIP, timeout: 120_000 };
const world = CliWorld.forFile('lean-mv', '192.168.76.0/24');
const loads = new LoadLog();

/** esbuild names every bundled file in a comment, so a chunk with a package's code has its path. */
const MARKERS = {
  oclif: '// node_modules/@oclif/core/',
  inquirer: '// node_modules/@inquirer/',
  'client-node': '// node_modules/@kubernetes/client-node/',
};

test('the bundle has each marker somewhere (else their absence below proves nothing)', () => {
  const dir = join(REPO_ROOT, 'dist', 'bundle');
  const sources = readdirSync(dir).filter((f) => /\.c?js$/.test(f)).map((f) => readFileSync(join(dir, f), 'utf8'));
  for (const [name, marker] of Object.entries(MARKERS)) assert.ok(sources.some((s) => s.includes(marker)), `${name}: ${marker}`);
  assert.ok(sources.some((s) => /from "ssh2"|import\("ssh2"\)/.test(s)), 'ssh2 is imported by some chunk');
});

test('add --dry-run loads only the lean invoke.cjs, with neither oclif nor inquirer, ssh2 or client-node (-o json too); add --help loads oclif', opts, async () => {
  const pod = await world.pod('lean', 'lean-mv');
  const dry = loads.next();
  const r = await world.cli(['add', '--pod', pod.ref, '--netns', pod.netns, '--dry-run'], dry);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /dry run for pod default\/lean/);
  const lean = dry.loaded();
  assert.deepEqual(lean.chunks.sort(), ['code-cache.cjs', 'invoke.cjs'], 'the loader and one lean file, no split chunks');
  for (const [name, marker] of Object.entries(MARKERS)) assert.deepEqual(lean.chunksWith(marker), [], `${name} loaded`);
  assert.deepEqual(lean.nodeModules, [], 'nothing loaded from node_modules (ssh2 is the external)');

  const json = loads.next();
  const j = await world.cli(['add', '--pod', pod.ref, '--netns', pod.netns, '--dry-run', '-o', 'json'], json);
  assert.equal(j.code, 0, j.stderr);
  assert.deepEqual(json.loaded().chunks.sort(), ['code-cache.cjs', 'invoke.cjs']);

  const help = loads.next();
  const h = await world.cli(['add', '--help'], help);
  assert.equal(h.code, 0, h.stderr);
  const full = help.loaded();
  assert.ok(full.oclifEntry, full.chunks.join(' '));
  assert.notDeepEqual(full.chunksWith(MARKERS.oclif), [], 'control: --help goes to oclif and loads it');
});
