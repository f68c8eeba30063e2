/**
 * The lean bundles' V8 code cache as a user meets it: the first front-door run writes one cache
 * file for its command under $XDG_CACHE_HOME/multusctl, the next runs from it and prints the same,
 * including a path that requires a lazy file (-o yaml loads yaml-library.cjs), and
 * MULTUSCTL_NO_CODE_CACHE=1 writes nothing. Against the lab's real API server.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { connect } from '../../src/k8s/client.js';
import { NAD_API_VERSION, NAD_KIND } from '../../src/constants.js';

let server: TestApiServer;
const dir = mkdtempSync(join(tmpdir(), 'code-cache-cli-'));

before(async () => {
  server = await startTestApiServer();
  const cluster = await connect({ kubeconfig: server.kubeconfigPath, env: {} });
  await cluster.nads.create({ apiVersion: NAD_API_VERSION, kind: NAD_KIND, metadata: { name: 'cached', namespace: 'default' }, spec: { config: '{"cniVersion":"1.0.0","type":"bridge"}' } });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('nad list -o yaml: the first run writes its cache, the second runs from it with the same output; MULTUSCTL_NO_CODE_CACHE=1 writes none', async () => {
  const xdg = join(dir, 'xdg');
  const env = { KUBECONFIG: server.kubeconfigPath, XDG_CACHE_HOME: xdg };
  const first = await runCli(['nad', 'list', '-o', 'yaml'], { env });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /name: cached/);
  const files = readdirSync(join(xdg, 'multusctl'));
  assert.equal(files.length, 1, files.join(' '));
  assert.match(files[0]!, /^invoke\.cjs-nad_list-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.v8cache$/);
  const second = await runCli(['nad', 'list', '-o', 'yaml'], { env });
  assert.deepEqual(second, first, 'the same answer from cached code');
  assert.deepEqual(readdirSync(join(xdg, 'multusctl')), files, 'nothing rewritten');

  const off = join(dir, 'off');
  const uncached = await runCli(['nad', 'list', '-o', 'yaml'], { env: { ...env, XDG_CACHE_HOME: off, MULTUSCTL_NO_CODE_CACHE: '1' } });
  assert.deepEqual(uncached, first);
  assert.equal(existsSync(off), false);
});
