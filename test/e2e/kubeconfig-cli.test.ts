/**
 * The built CLI reads a kubeconfig that the fast YAML reader declines (anchors and aliases, as
 * some generated kubeconfigs have): the bundle's on-demand yaml library reads it. The same on-demand
 * loading serves -o yaml. (Unit tests run the unbundled modules, so only a built CLI shows this.)
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { runCli } from './helpers.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';

let s: TestApiServer;
before(async () => {
  s = await startTestApiServer();
});
after(() => s.close());

test('a kubeconfig with anchors and aliases works end to end; pod list -o yaml prints YAML', async () => {
  const ca = Buffer.from(s.caCertPem).toString('base64');
  const path = join(s.dir, 'anchored.kubeconfig');
  writeFileSync(path, [
    'apiVersion: v1', 'kind: Config', 'current-context: anchored',
    'clusters:', '- name: &name anchored', '  cluster:', `    server: ${s.url}`, `    certificate-authority-data: ${ca}`,
    'users:', '- name: *name', '  user:', `    token: ${s.token}`,
    'contexts:', '- name: *name', '  context: {cluster: *name, user: *name}', '',
  ].join('\n'));
  const listed = await runCli(['pod', 'list', '-o', 'yaml'], { env: { KUBECONFIG: path } });
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(parseYaml(listed.stdout), []);
  const json = await runCli(['nad', 'list', '-o', 'json'], { env: { KUBECONFIG: path } });
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), []);
});
