/**
 * The engine's lightweight API client against the lab's real API server, and its kubeconfig
 * reader on the shapes it must read (inline data, relative files, token files) or hand over to
 * the full client (exec plugins, auth providers).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import { liteMultusApi } from '../../src/multus/lite-api.js';
import { liteInClusterTarget, liteTargetFromFile } from '../../src/multus/lite-kubeconfig.js';
import { MultusError } from '../../src/multus/errors.js';
import { Annotations, NAD_API_VERSION, NAD_KIND } from '../../src/constants.js';

let server: TestApiServer;
let cluster: Cluster;
const dir = mkdtempSync(join(tmpdir(), 'lite-api-'));

before(async () => {
  server = await startTestApiServer();
  cluster = await connect({ kubeconfig: server.kubeconfigPath, env: {} });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('GET pod / NAD (404 → undefined), network-status through pods/status, events the full client can list', async () => {
  const api = liteMultusApi(liteTargetFromFile(server.kubeconfigPath)!);
  try {
    await cluster.pods.create({ metadata: { name: 'lite', namespace: 'default', annotations: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    await cluster.nads.create({ apiVersion: NAD_API_VERSION, kind: NAD_KIND, metadata: { name: 'n1', namespace: 'default' }, spec: { config: '{"type":"macvlan"}' } });
    const pod = await api.getPod('default', 'lite');
    assert.equal(pod?.metadata?.name, 'lite');
    assert.equal(await api.getPod('default', 'nope'), undefined);
    assert.equal((await api.getNad('default', 'n1'))?.spec?.config, '{"type":"macvlan"}');
    assert.equal(await api.getNad('default', 'nope'), undefined);
    await api.updateNetworkStatus('default', 'lite', '[{"name":"x","dns":{}}]');
    const back = await cluster.pods.get('default', 'lite');
    assert.equal(back?.metadata?.annotations?.[Annotations.networkStatus], '[{"name":"x","dns":{}}]');
    assert.equal(back?.metadata?.annotations?.a, 'b');
    await api.recordEvent(pod!, { type: 'Normal', reason: 'AddedInterface', message: 'Add net1 [10.0.0.2/24] from default/n1' });
    const events = await cluster.events.listFor('default', 'lite');
    assert.deepEqual(events.map((e) => [e.type, e.reason, e.message, e.source?.component]), [['Normal', 'AddedInterface', 'Add net1 [10.0.0.2/24] from default/n1', 'multus']]);
    await assert.rejects(api.updateNetworkStatus('default', 'gone', '[]'), /pod "gone" not found/);
  } finally {
    api.close();
  }
});

test('a refused connection or a bad token is a MultusError of kind api naming the server', async () => {
  const target = liteTargetFromFile(server.kubeconfigPath)!;
  const wrongToken = liteMultusApi({ ...target, token: 'not-the-token' });
  await assert.rejects(wrongToken.getPod('default', 'x'), (e: unknown) => e instanceof MultusError && e.kind === 'api' && /get pod default\/x: /.test(e.message));
  wrongToken.close();
  const nowhere = liteMultusApi({ ...target, server: 'https://127.0.0.1:1' });
  await assert.rejects(nowhere.getPod('default', 'x'), (e: unknown) => e instanceof MultusError && e.kind === 'api' && /cannot reach the API server at https:\/\/127\.0\.0\.1:1/.test(e.message));
  nowhere.close();
});

test('kubeconfig reader: files relative to the kubeconfig, token files; exec and auth providers go to the full client', () => {
  writeFileSync(join(dir, 'ca.pem'), 'CA');
  writeFileSync(join(dir, 'tok'), 'abc\n');
  const base = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'c',
    clusters: [{ name: 'k', cluster: { server: 'https://127.0.0.1:6443/', 'certificate-authority': 'ca.pem' } }],
    contexts: [{ name: 'c', context: { cluster: 'k', user: 'u' } }],
  };
  const write = (name: string, user: object): string => {
    const p = join(dir, name);
    writeFileSync(p, stringify({ ...base, users: [{ name: 'u', user }] }));
    return p;
  };
  const t = liteTargetFromFile(write('file.yaml', { tokenFile: 'tok' }))!;
  assert.equal(t.server, 'https://127.0.0.1:6443');
  assert.equal(t.ca?.toString(), 'CA');
  assert.equal(t.token, 'abc');
  assert.equal(liteTargetFromFile(write('exec.yaml', { exec: { command: 'aws' } })), undefined);
  assert.equal(liteTargetFromFile(write('ap.yaml', { 'auth-provider': { name: 'gcp' } })), undefined);
  writeFileSync(join(dir, 'token'), 'sa-token\n');
  const ic = liteInClusterTarget({ KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' }, dir)!;
  assert.deepEqual([ic.server, ic.token, ic.ca], ['https://10.96.0.1:443', 'sa-token', undefined]);
  assert.equal(liteInClusterTarget({}, dir), undefined);
});
