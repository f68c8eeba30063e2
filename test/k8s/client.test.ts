import assert from 'node:assert/strict';
import { closedPort } from '../support/ports.js';
import { after, before, describe, it } from 'node:test';
import { CliError } from '../../src/cli/errors.js';
import { connect } from '../../src/k8s/client.js';
import { KubeApiError } from '../../src/k8s/errors.js';
import type { Cluster } from '../../src/k8s/ports.js';
import { writeKubeconfig } from '../../src/lab/apiserver/kubeconfig.js';
import { apiRequest, startTestApiServer, TEST_CONTEXT, type TestApiServer } from '../support/apiserver.js';
import { join } from 'node:path';

const nad = (name: string, namespace = 'default') => ({
  apiVersion: 'k8s.cni.cncf.io/v1',
  kind: 'NetworkAttachmentDefinition',
  metadata: { name, namespace },
  spec: { config: JSON.stringify({ cniVersion: '1.0.0', type: 'macvlan', master: 'eth1' }) },
});

async function exitOf(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof CliError, `expected a CliError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

describe('k8s client against the lab API server', () => {
  let s: TestApiServer;
  let c: Cluster;
  const traced: string[] = [];
  before(async () => {
    s = await startTestApiServer();
    c = await connect({ kubeconfig: s.kubeconfigPath, env: {}, trace: (l) => traced.push(l) });
  });
  after(() => s.close());

  it('reports the context, server and default namespace', () => {
    assert.equal(c.contextName, TEST_CONTEXT);
    assert.equal(c.server, s.url);
    assert.equal(c.namespace, 'default');
  });

  it('creates, gets, lists, replaces and deletes NADs', async () => {
    const created = await c.nads.create(nad('mv1'));
    assert.equal(created.metadata.name, 'mv1');
    assert.ok(created.metadata.uid);
    await c.nads.create({ ...nad('mv2'), metadata: { name: 'mv2', namespace: 'default', labels: { tier: 'b' } } });
    assert.equal((await c.nads.get('default', 'mv1'))?.spec?.config, nad('mv1').spec.config);
    assert.deepEqual((await c.nads.list({ namespace: 'default' })).map((n) => n.metadata.name), ['mv1', 'mv2']);
    assert.deepEqual((await c.nads.list({ labelSelector: 'tier=b' })).map((n) => n.metadata.name), ['mv2']);
    const got = (await c.nads.get('default', 'mv1'))!;
    const replaced = await c.nads.replace({ ...got, spec: { config: '{"type":"bridge"}' } });
    assert.equal(replaced.spec?.config, '{"type":"bridge"}');
    const stale = await exitOf(c.nads.replace({ ...got, spec: { config: '{}' } }));
    assert.ok(stale instanceof KubeApiError);
    assert.equal(stale.code, 409);
    assert.equal(await c.nads.delete('default', 'mv1'), true);
    assert.equal(await c.nads.delete('default', 'mv1'), false);
    assert.equal(await c.nads.get('default', 'mv1'), undefined);
  });

  it('creates, gets, lists, binds, patches, updates status and deletes pods', async () => {
    const pod = await c.pods.create({ metadata: { name: 'p1', labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    assert.equal(pod.metadata?.namespace, 'default');
    assert.equal(pod.status?.phase, 'Pending');
    assert.match(pod.metadata?.creationTimestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'timestamps are the RFC 3339 strings the server sent');
    assert.equal((await c.pods.list({ labelSelector: 'app=x' })).length, 1);
    assert.equal((await c.pods.list({ labelSelector: 'app!=x' })).length, 0);
    await c.pods.bind('default', 'p1', 'lab-node1');
    assert.equal((await c.pods.list({ fieldSelector: 'spec.nodeName=lab-node1' })).length, 1);
    const bindAgain = await exitOf(c.pods.bind('default', 'p1', 'lab-node2'));
    assert.equal((bindAgain as KubeApiError).code, 409);
    const patched = await c.pods.patchAnnotations('default', 'p1', { a: '1', b: '2' });
    assert.deepEqual(patched.metadata?.annotations, { a: '1', b: '2' });
    assert.deepEqual((await c.pods.patchAnnotations('default', 'p1', { a: null })).metadata?.annotations, { b: '2' });
    const current = (await c.pods.get('default', 'p1'))!;
    current.status = { ...current.status, phase: 'Running', podIP: '10.1.0.5' };
    current.metadata!.annotations = { ...current.metadata!.annotations, 'k8s.v1.cni.cncf.io/network-status': '[]' };
    const updated = await c.pods.updateStatus(current);
    assert.equal(updated.status?.phase, 'Running');
    assert.equal(updated.metadata?.annotations?.['k8s.v1.cni.cncf.io/network-status'], '[]');
    const stale = await exitOf(c.pods.updateStatus(current));
    assert.equal((stale as KubeApiError).code, 409);
    assert.equal((await c.pods.list({ fieldSelector: 'status.phase=Running' })).length, 1);
    const viaStatus = await c.pods.patch('default', 'p1', { status: { phase: 'Failed' } }, { subresource: 'status' });
    assert.equal(viaStatus.status?.phase, 'Failed');
    assert.equal(await c.pods.delete('default', 'p1'), true);
    assert.equal(await c.pods.get('default', 'p1'), undefined);
    assert.equal(await c.pods.delete('default', 'p1'), false);
  });

  it('records events and lists them by involved object', async () => {
    const pod = await c.pods.create({ metadata: { name: 'ev1' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    await c.events.record(pod, { type: 'Warning', reason: 'NoNetworkFound', message: 'cannot find a network-attachment-definition (nope)', source: 'multus' });
    await c.events.record({ metadata: { name: 'other', namespace: 'default' } }, { type: 'Normal', reason: 'X', message: 'y' });
    const events = await c.events.listFor('default', 'ev1');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.reason, 'NoNetworkFound');
    assert.equal(events[0]!.involvedObject.uid, pod.metadata?.uid);
    await c.pods.delete('default', 'ev1');
  });

  it('manages nodes, daemonsets and namespaces', async () => {
    await c.nodes.create({ metadata: { name: 'lab-node1', labels: { 'multusctl.io/lab': 'true' } } });
    const node = (await c.nodes.get('lab-node1'))!;
    node.status = { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '10.99.0.2' }] };
    assert.equal((await c.nodes.updateStatus(node)).status?.addresses?.[0]?.address, '10.99.0.2');
    assert.equal((await c.nodes.list({ labelSelector: 'multusctl.io/lab=true' })).length, 1);
    assert.equal(await c.nodes.get('nope'), undefined);
    await c.namespaces.create('kube-multus', { team: 'net' });
    assert.equal(await c.namespaces.exists('kube-multus'), true);
    const ds = await c.daemonSets.create({ metadata: { name: 'kube-multus-ds', namespace: 'kube-multus' }, spec: { selector: { matchLabels: { app: 'multus' } }, template: { metadata: { labels: { app: 'multus' } }, spec: { containers: [{ name: 'm', image: 'multus' }] } } } });
    ds.status = { ...ds.status!, desiredNumberScheduled: 2, numberReady: 2, currentNumberScheduled: 2, numberMisscheduled: 0 };
    await c.daemonSets.updateStatus(ds);
    assert.equal((await c.daemonSets.get('kube-multus', 'kube-multus-ds'))?.status?.numberReady, 2);
    assert.equal((await c.daemonSets.list()).length, 1);
    assert.equal(await c.namespaces.delete('kube-multus'), true);
    assert.equal(await c.namespaces.exists('kube-multus'), false);
    assert.equal(await c.namespaces.delete('kube-multus'), false);
    assert.equal(await c.nodes.delete('lab-node1'), true);
  });

  it('watches pods until the signal aborts', async () => {
    await c.namespaces.create('watch-ns');
    const seen: string[] = [];
    const controller = new AbortController();
    let notify: () => void = () => undefined;
    const watching = c.pods.watch({ namespace: 'watch-ns', labelSelector: 'w=1' }, (type, p) => {
      assert.equal(typeof p.metadata?.creationTimestamp, 'string', 'watched pods are read like listed ones');
      seen.push(`${type} ${p.metadata?.name}${p.metadata?.deletionTimestamp ? ' terminating' : ''}`);
      notify();
    }, controller.signal);
    const until = (n: number): Promise<void> =>
      new Promise((resolve) => {
        notify = () => seen.length >= n && resolve();
        notify();
      });
    const spec = { containers: [{ name: 'c', image: 'busybox' }] };
    await c.pods.create({ metadata: { name: 'ignored', namespace: 'watch-ns' }, spec });
    await c.pods.create({ metadata: { name: 'w1', namespace: 'watch-ns', labels: { w: '1' } }, spec: { ...spec, nodeName: 'lab-node1' } });
    await until(1);
    await c.pods.delete('watch-ns', 'w1');
    await until(2);
    await c.pods.delete('watch-ns', 'w1', { gracePeriodSeconds: 0 });
    await until(3);
    controller.abort();
    await watching;
    assert.deepEqual(seen, ['ADDED w1', 'MODIFIED w1 terminating', 'DELETED w1 terminating']);
    await c.namespaces.delete('watch-ns');
  });

  it('traces API calls (method, URL, status, ms) without the token', () => {
    assert.ok(traced.some((l) => /^api: GET https:\/\/127\.0\.0\.1:\d+\/apis\/k8s\.cni\.cncf\.io\/v1\/namespaces\/default\/network-attachment-definitions 200 \d+ms$/.test(l)), traced.join('\n'));
    assert.ok(traced.some((l) => / 404 \d+ms$/.test(l)));
    for (const l of traced) assert.ok(!l.includes(s.token));
  });

  it('maps a missing NAD CRD to exit 3 with a hint to install Multus', async () => {
    const crd = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/network-attachment-definitions.k8s.cni.cncf.io';
    const saved = (await apiRequest(s, 'GET', crd)).json;
    assert.equal((await apiRequest(s, 'DELETE', crd)).status, 200);
    try {
      for (const op of [c.nads.list(), c.nads.get('default', 'x'), c.nads.create(nad('y'))]) {
        const err = await exitOf(op);
        assert.equal(err.exitCode, 3);
        assert.match(err.message, /does not serve NetworkAttachmentDefinitions/);
        assert.match(err.hint ?? '', /install Multus/);
      }
    } finally {
      delete saved.metadata.resourceVersion;
      assert.equal((await apiRequest(s, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: saved })).status, 201);
    }
    assert.deepEqual(await c.nads.list(), [], 'deleting the CRD deleted its objects');
  });

  it('maps a wrong or expired token (401) to exit 3 with a hint about the context', async () => {
    const path = join(s.dir, 'bad-token.kubeconfig');
    await writeKubeconfig(path, { url: s.url, token: 'expired', caCertPem: s.caCertPem }, { context: 'stale' });
    const bad = await connect({ kubeconfig: path, env: {} });
    const err = await exitOf(bad.pods.list());
    assert.equal(err.exitCode, 3);
    assert.match(err.message, /rejected the credentials \(401/);
    assert.match(err.hint ?? '', /context "stale"/);
  });

  it('maps an unreachable server (a closed 127.0.0.1 port) to exit 3', async () => {
    const port = await closedPort();
    const path = join(s.dir, 'closed.kubeconfig');
    await writeKubeconfig(path, { url: `https://127.0.0.1:${port}`, token: s.token, caCertPem: s.caCertPem }, { context: 'gone' });
    const gone = await connect({ kubeconfig: path, env: {} });
    const err = await exitOf(gone.nads.list());
    assert.equal(err.exitCode, 3);
    assert.equal(err.message, `cannot reach the API server at https://127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it('maps an untrusted server certificate to exit 3', async () => {
    const other = await startTestApiServer();
    try {
      const path = join(s.dir, 'wrong-ca.kubeconfig');
      await writeKubeconfig(path, { url: s.url, token: s.token, caCertPem: other.caCertPem }, { context: 'wrong-ca' });
      const err = await exitOf((await connect({ kubeconfig: path, env: {} })).pods.list());
      assert.equal(err.exitCode, 3);
      assert.match(err.message, /TLS certificate is not trusted/);
    } finally {
      await other.close();
    }
  });
});

describe('k8s client time limit', () => {
  it('maps a server that never answers to exit 3 once --timeout passes', async () => {
    const { createServer: createTcp } = await import('node:net');
    const held: import('node:net').Socket[] = [];
    const silent = createTcp((sock) => void held.push(sock));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const s = await startTestApiServer();
    try {
      const path = join(s.dir, 'silent.kubeconfig');
      await writeKubeconfig(path, { url: `https://127.0.0.1:${port}`, token: s.token, caCertPem: s.caCertPem }, { context: 'silent' });
      const c = await connect({ kubeconfig: path, env: {}, timeoutMs: 300 });
      const err = await exitOf(c.pods.list());
      assert.equal(err.exitCode, 3);
      assert.match(err.message, /did not answer in time/);
    } finally {
      for (const sock of held) sock.destroy();
      silent.close();
      await s.close();
    }
  });
});

describe('k8s client pods.listSummaries (plain JSON, paged)', () => {
  let s: TestApiServer;
  before(async () => {
    s = await startTestApiServer();
    for (const ns of ['sa', 'sb']) assert.equal((await apiRequest(s, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } })).status, 201);
    for (let i = 0; i < 7; i++) {
      const body = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `p${i}`, labels: { i: String(i % 2) }, annotations: { 'k8s.v1.cni.cncf.io/networks': 'mv1' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'u1', controller: true }] },
        spec: { nodeName: 'lab-node1', hostNetwork: i === 3, containers: [{ name: 'c', image: 'busybox', command: ['sh'], args: ['-c', 'sleep 1'], resources: { requests: { cpu: '1' }, limits: { 'example.com/nic': '1' } }, env: [{ name: 'X', value: 'y' }] }] },
      };
      assert.equal((await apiRequest(s, 'POST', `/api/v1/namespaces/${i < 4 ? 'sa' : 'sb'}/pods`, { body })).status, 201);
    }
  });
  after(() => s.close());

  it('returns every pod over several pages, reduced to the PodSummary fields of the full object', async () => {
    const traced: string[] = [];
    const c = await connect({ kubeconfig: s.kubeconfigPath, env: {}, listPageSize: 3, trace: (l) => traced.push(l) });
    const full = await c.pods.list();
    const summaries = await c.pods.listSummaries();
    assert.equal(traced.filter((l) => l.includes('/api/v1/pods?limit=3')).length, 3, 'three pages of at most 3');
    assert.deepEqual(summaries.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).sort(), full.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).sort());
    const p3 = summaries.find((p) => p.metadata?.name === 'p3')!;
    const f3 = full.find((p) => p.metadata?.name === 'p3')!;
    assert.deepEqual(p3.metadata, {
      name: 'p3', namespace: 'sa', uid: f3.metadata?.uid, resourceVersion: f3.metadata?.resourceVersion, labels: { i: '1' },
      annotations: { 'k8s.v1.cni.cncf.io/networks': 'mv1' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'u1', controller: true }],
    });
    assert.deepEqual(p3.spec, { nodeName: 'lab-node1', hostNetwork: true, containers: [{ name: 'c', command: ['sh'], args: ['-c', 'sleep 1'], resources: { requests: { cpu: '1' }, limits: { 'example.com/nic': '1' } } }] });
    assert.equal(p3.status?.phase, f3.status?.phase);
    assert.equal(JSON.stringify(p3).includes('creationTimestamp'), false, 'no timestamp strings posing as Dates');
  });

  it('passes namespace and selectors on every page', async () => {
    const c = await connect({ kubeconfig: s.kubeconfigPath, env: {}, listPageSize: 1 });
    assert.deepEqual((await c.pods.listSummaries({ namespace: 'sb' })).map((p) => p.metadata?.name).sort(), ['p4', 'p5', 'p6']);
    assert.deepEqual((await c.pods.listSummaries({ labelSelector: 'i=1' })).map((p) => p.metadata?.name).sort(), ['p1', 'p3', 'p5']);
    assert.deepEqual((await c.pods.listSummaries({ namespace: 'sa', fieldSelector: 'metadata.name=p2' })).map((p) => p.metadata?.name), ['p2']);
  });

  it('maps a rejected token (401) to exit 3 like every other call', async () => {
    const path = join(s.dir, 'bad-token-summaries.kubeconfig');
    await writeKubeconfig(path, { url: s.url, token: 'expired', caCertPem: s.caCertPem }, { context: 'stale' });
    const err = await exitOf((await connect({ kubeconfig: path, env: {} })).pods.listSummaries());
    assert.equal(err.exitCode, 3);
    assert.match(err.message, /rejected the credentials \(401/);
  });

  it('maps an unreachable server to exit 3', async () => {
    const port = await closedPort();
    const path = join(s.dir, 'closed-summaries.kubeconfig');
    await writeKubeconfig(path, { url: `https://127.0.0.1:${port}`, token: s.token, caCertPem: s.caCertPem }, { context: 'gone' });
    const err = await exitOf((await connect({ kubeconfig: path, env: {} })).pods.listSummaries());
    assert.equal(err.exitCode, 3);
    assert.equal(err.message, `cannot reach the API server at https://127.0.0.1:${port} (ECONNREFUSED)`);
  });
});
