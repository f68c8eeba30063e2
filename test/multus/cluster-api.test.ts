/**
 * The engine's MultusApi from a multus config's `kubeconfig` key and from in-cluster variables:
 * the same Kubernetes client as every command, against the lab's real API server.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import { CliError } from '../../src/cli/errors.js';
import { SERVICE_ACCOUNT_DIR } from '../../src/k8s/kubeconfig.js';
import { writeKubeconfig } from '../../src/lab/apiserver/kubeconfig.js';
import { commandMultusApi, pluginMultusApi } from '../../src/multus/cluster-api.js';
import { MultusError } from '../../src/multus/errors.js';
import { Annotations, NAD_API_VERSION, NAD_KIND } from '../../src/constants.js';

let server: TestApiServer;
let cluster: Cluster;
const dir = mkdtempSync(join(tmpdir(), 'cluster-api-'));
const noCommandCluster = (): Promise<Cluster> => assert.fail('the command cluster must not be used when the multus config names a kubeconfig');

before(async () => {
  server = await startTestApiServer();
  cluster = await connect({ kubeconfig: server.kubeconfigPath, env: {} });
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('GET pod / NAD (404 → undefined), network-status through pods/status, events, through the multus kubeconfig', async () => {
  const api = await commandMultusApi(server.kubeconfigPath, noCommandCluster);
  await cluster.pods.create({ metadata: { name: 'mk', namespace: 'default', annotations: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  await cluster.nads.create({ apiVersion: NAD_API_VERSION, kind: NAD_KIND, metadata: { name: 'n1', namespace: 'default' }, spec: { config: '{"type":"macvlan"}' } });
  const pod = await api.getPod('default', 'mk');
  assert.equal(pod?.metadata?.name, 'mk');
  assert.equal(await api.getPod('default', 'nope'), undefined);
  assert.equal((await api.getNad('default', 'n1'))?.spec?.config, '{"type":"macvlan"}');
  assert.equal(await api.getNad('default', 'nope'), undefined);
  await api.updateNetworkStatus('default', 'mk', '[{"name":"x","dns":{}}]');
  const back = await cluster.pods.get('default', 'mk');
  assert.equal(back?.metadata?.annotations?.[Annotations.networkStatus], '[{"name":"x","dns":{}}]');
  assert.equal(back?.metadata?.annotations?.a, 'b');
  await api.recordEvent(pod!, { type: 'Normal', reason: 'AddedInterface', message: 'Add net1 [10.0.0.2/24] from default/n1' });
  const events = await cluster.events.listFor('default', 'mk');
  assert.deepEqual(events.map((e) => [e.type, e.reason, e.message, e.source?.component]), [['Normal', 'AddedInterface', 'Add net1 [10.0.0.2/24] from default/n1', 'multus']]);
  await assert.rejects(api.updateNetworkStatus('default', 'gone', '[]'), /pod "gone" not found/);
});

test('network-status: a known pod costs no GET; a stale one is a conflict, read again, and keeps the other writer’s change', async () => {
  const calls: string[] = [];
  const api = await commandMultusApi(server.kubeconfigPath, noCommandCluster, { trace: (line) => calls.push(line.replace(/ \d+ms$/, '')) });
  await cluster.pods.create({ metadata: { name: 'known', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  const read = (await api.getPod('default', 'known'))!;
  calls.length = 0;
  await api.updateNetworkStatus('default', 'known', '[{"name":"a","dns":{}}]', read);
  assert.deepEqual(calls.map((c) => c.replace(/https:\/\/[^/]+/, '')), ['api: PUT /api/v1/namespaces/default/pods/known/status 200']);
  assert.equal(read.metadata?.annotations?.[Annotations.networkStatus], undefined, 'the caller’s copy is not changed');
  // `read` is stale now (the PUT moved resourceVersion on); another writer changes the pod too.
  await cluster.pods.patch('default', 'known', { metadata: { labels: { other: 'writer' } } });
  calls.length = 0;
  await api.updateNetworkStatus('default', 'known', '[{"name":"b","dns":{}}]', read);
  assert.deepEqual(
    calls.map((c) => c.replace(/https:\/\/[^/]+/, '')),
    ['api: PUT /api/v1/namespaces/default/pods/known/status 409', 'api: GET /api/v1/namespaces/default/pods/known 200', 'api: PUT /api/v1/namespaces/default/pods/known/status 200'],
  );
  const back = await cluster.pods.get('default', 'known');
  assert.equal(back?.metadata?.annotations?.[Annotations.networkStatus], '[{"name":"b","dns":{}}]');
  assert.equal(back?.metadata?.labels?.other, 'writer');
});

test('a refused connection or a bad token fails with exit 3 naming the server; an unreadable kubeconfig is a MultusError of kind api', async () => {
  const wrongToken = join(dir, 'wrong-token.kubeconfig');
  await writeKubeconfig(wrongToken, { url: server.url, token: 'not-the-token', caCertPem: server.caCertPem }, { context: 'w' });
  const bad = await commandMultusApi(wrongToken, noCommandCluster);
  await assert.rejects(bad.getPod('default', 'x'), (e: unknown) => e instanceof CliError && e.exitCode === 3 && /rejected the credentials \(401/.test(e.message));
  const nowhere = join(dir, 'nowhere.kubeconfig');
  await writeKubeconfig(nowhere, { url: 'https://127.0.0.1:1', token: server.token, caCertPem: server.caCertPem }, { context: 'n' });
  const none = await commandMultusApi(nowhere, noCommandCluster);
  await assert.rejects(none.getPod('default', 'x'), (e: unknown) => e instanceof CliError && e.exitCode === 3 && /cannot reach the API server at https:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/.test(e.message));
  const garbage = join(dir, 'garbage.kubeconfig');
  writeFileSync(garbage, 'clusters: [unclosed');
  await assert.rejects(pluginMultusApi(garbage, {}), (e: unknown) => e instanceof MultusError && e.kind === 'api' && e.message.startsWith(`cannot read kubeconfig ${garbage}: `));
});

test('plugin mode: no kubeconfig key and no in-cluster variables means no API client; in-cluster variables use the service account', async (t) => {
  assert.equal(await pluginMultusApi(undefined, { KUBECONFIG: server.kubeconfigPath, HOME: dir }), undefined, 'never the user’s KUBECONFIG');
  if (existsSync(join(SERVICE_ACCOUNT_DIR, 'token'))) {
    t.skip(`this machine runs in a pod (${SERVICE_ACCOUNT_DIR} has a token), so the missing-token case cannot be made here`);
    return;
  }
  // In-cluster without a mounted token (the default service account path does not exist here): a clear api error.
  await assert.rejects(pluginMultusApi(undefined, { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '1' }), (e: unknown) => e instanceof MultusError && e.kind === 'api' && /no service account token/.test(e.message));
});
