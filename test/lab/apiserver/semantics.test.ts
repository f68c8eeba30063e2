/** Kubernetes semantics of the lab API server: deletion, namespaces, status, binding, patch, watch. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiRequest, openWatch, startTestApiServer, type TestApiServer } from '../../support/apiserver.js';

const PODS = '/api/v1/namespaces/default/pods';
const pod = (name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => ({
  metadata: { name, ...metadata },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
});

describe('lab API server semantics', () => {
  let s: TestApiServer;
  before(async () => {
    s = await startTestApiServer();
  });
  after(() => s.close());

  it('deletes a bound pod gracefully (deletionTimestamp) and at once with gracePeriodSeconds=0', async () => {
    await apiRequest(s, 'POST', PODS, { body: pod('g1', { nodeName: 'lab-node1' }) });
    const first = await apiRequest(s, 'DELETE', `${PODS}/g1`);
    assert.equal(first.status, 200);
    assert.ok(first.json.metadata.deletionTimestamp);
    assert.equal(first.json.metadata.deletionGracePeriodSeconds, 30);
    assert.equal((await apiRequest(s, 'GET', `${PODS}/g1`)).status, 200, 'still there, terminating');
    const shorter = await apiRequest(s, 'DELETE', `${PODS}/g1`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 5 } });
    assert.equal(shorter.json.metadata.deletionGracePeriodSeconds, 5);
    assert.equal((await apiRequest(s, 'DELETE', `${PODS}/g1?gracePeriodSeconds=0`)).status, 200);
    assert.equal((await apiRequest(s, 'GET', `${PODS}/g1`)).status, 404);
  });

  it('deletes an unbound pod at once', async () => {
    await apiRequest(s, 'POST', PODS, { body: pod('u1') });
    assert.equal((await apiRequest(s, 'DELETE', `${PODS}/u1`)).status, 200);
    assert.equal((await apiRequest(s, 'GET', `${PODS}/u1`)).status, 404);
  });

  it('keeps an object with finalizers until they are removed', async () => {
    await apiRequest(s, 'POST', PODS, { body: pod('f1', {}, { finalizers: ['example.com/hold'] }) });
    const marked = await apiRequest(s, 'DELETE', `${PODS}/f1`);
    assert.ok(marked.json.metadata.deletionTimestamp);
    assert.equal((await apiRequest(s, 'GET', `${PODS}/f1`)).status, 200);
    const patched = await apiRequest(s, 'PATCH', `${PODS}/f1`, { body: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json' });
    assert.equal(patched.status, 200);
    assert.equal((await apiRequest(s, 'GET', `${PODS}/f1`)).status, 404);
  });

  it('terminates a namespace: contents deleted (pods gracefully), no new content, gone when empty', async () => {
    assert.equal((await apiRequest(s, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'tmp1' } } })).status, 201);
    assert.equal((await apiRequest(s, 'GET', '/api/v1/namespaces/tmp1/serviceaccounts/default')).status, 200);
    await apiRequest(s, 'POST', '/api/v1/namespaces/tmp1/pods', { body: pod('bound', { nodeName: 'lab-node1' }) });
    await apiRequest(s, 'POST', '/apis/k8s.cni.cncf.io/v1/namespaces/tmp1/network-attachment-definitions', { body: { metadata: { name: 'n' }, spec: { config: '{}' } } });
    const del = await apiRequest(s, 'DELETE', '/api/v1/namespaces/tmp1');
    assert.equal(del.status, 200);
    assert.equal(del.json.status.phase, 'Terminating');
    assert.equal((await apiRequest(s, 'GET', '/apis/k8s.cni.cncf.io/v1/namespaces/tmp1/network-attachment-definitions/n')).status, 404);
    const terminating = await apiRequest(s, 'GET', '/api/v1/namespaces/tmp1/pods/bound');
    assert.ok(terminating.json.metadata.deletionTimestamp, 'the bound pod goes through graceful deletion');
    const refused = await apiRequest(s, 'POST', '/api/v1/namespaces/tmp1/pods', { body: pod('late') });
    assert.equal(refused.status, 403);
    assert.match(refused.json.message, /being terminated/);
    assert.equal((await apiRequest(s, 'GET', '/api/v1/namespaces/tmp1')).json.status.phase, 'Terminating');
    await apiRequest(s, 'DELETE', '/api/v1/namespaces/tmp1/pods/bound?gracePeriodSeconds=0');
    assert.equal((await apiRequest(s, 'GET', '/api/v1/namespaces/tmp1')).status, 404);
  });

  it('pods/status updates status and annotations but not spec; the main resource keeps status', async () => {
    const created = (await apiRequest(s, 'POST', PODS, { body: pod('st1') })).json;
    const body = { ...created, metadata: { ...created.metadata, annotations: { 'k8s.v1.cni.cncf.io/network-status': '[{"name":"x"}]' } }, spec: { ...created.spec, nodeName: 'sneaky' }, status: { phase: 'Running', podIP: '10.0.0.9' } };
    const updated = await apiRequest(s, 'PUT', `${PODS}/st1/status`, { body });
    assert.equal(updated.status, 200);
    assert.equal(updated.json.status.phase, 'Running');
    assert.equal(updated.json.metadata.annotations['k8s.v1.cni.cncf.io/network-status'], '[{"name":"x"}]');
    assert.equal(updated.json.spec.nodeName, undefined);
    const main = await apiRequest(s, 'PUT', `${PODS}/st1`, { body: { ...updated.json, status: { phase: 'Failed' } } });
    assert.equal(main.json.status.phase, 'Running', 'PUT of the pod ignores status');
    const merged = await apiRequest(s, 'PATCH', `${PODS}/st1/status`, { body: { metadata: { annotations: { extra: '1' } }, status: { podIP: '10.0.0.10' } }, contentType: 'application/merge-patch+json' });
    assert.equal(merged.json.status.podIP, '10.0.0.10');
    assert.equal(merged.json.status.phase, 'Running');
    assert.equal(merged.json.metadata.annotations.extra, '1');
    assert.equal(merged.json.metadata.annotations['k8s.v1.cni.cncf.io/network-status'], '[{"name":"x"}]');
  });

  it('binds a pod with pods/binding (201 Status, PodScheduled condition)', async () => {
    await apiRequest(s, 'POST', PODS, { body: pod('b1') });
    const bound = await apiRequest(s, 'POST', `${PODS}/b1/binding`, { body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'b1' }, target: { kind: 'Node', name: 'lab-node2' } } });
    assert.equal(bound.status, 201);
    assert.equal(bound.json.status, 'Success');
    const got = (await apiRequest(s, 'GET', `${PODS}/b1`)).json;
    assert.equal(got.spec.nodeName, 'lab-node2');
    assert.equal(got.status.conditions.find((c: { type: string }) => c.type === 'PodScheduled').status, 'True');
  });

  it('patches with merge, strategic-merge and JSON patch; 415 for other types; 409 for a stale patch resourceVersion', async () => {
    const created = (await apiRequest(s, 'POST', PODS, { body: pod('pt1', {}, { labels: { a: '1' } }) })).json;
    const sm = await apiRequest(s, 'PATCH', `${PODS}/pt1`, { body: { metadata: { labels: { b: '2' } }, spec: { containers: [{ name: 'c', image: 'busybox:2' }] } }, contentType: 'application/strategic-merge-patch+json' });
    assert.deepEqual(sm.json.metadata.labels, { a: '1', b: '2' });
    assert.equal(sm.json.spec.containers[0].image, 'busybox:2');
    assert.equal(sm.json.spec.containers[0].terminationMessagePath, '/dev/termination-log', 'the container is merged by name, not replaced');
    assert.equal(sm.json.metadata.generation, 2);
    const jp = await apiRequest(s, 'PATCH', `${PODS}/pt1`, { body: [{ op: 'remove', path: '/metadata/labels/a' }], contentType: 'application/json-patch+json' });
    assert.deepEqual(jp.json.metadata.labels, { b: '2' });
    const bad = await apiRequest(s, 'PATCH', `${PODS}/pt1`, { body: [{ op: 'remove', path: '/nope' }], contentType: 'application/json-patch+json' });
    assert.equal(bad.status, 422);
    const unsupported = await apiRequest(s, 'PATCH', `${PODS}/pt1`, { body: {}, contentType: 'text/plain' });
    assert.equal(unsupported.status, 415);
    const stale = await apiRequest(s, 'PATCH', `${PODS}/pt1`, { body: { metadata: { resourceVersion: created.metadata.resourceVersion, labels: { c: '3' } } }, contentType: 'application/merge-patch+json' });
    assert.equal(stale.status, 409);
  });

  it('answers dryRun=All requests without storing anything', async () => {
    const created = await apiRequest(s, 'POST', `${PODS}?dryRun=All`, { body: pod('dry1') });
    assert.equal(created.status, 201);
    assert.equal(created.json.metadata.name, 'dry1');
    assert.equal((await apiRequest(s, 'GET', `${PODS}/dry1`)).status, 404);
    const invalid = await apiRequest(s, 'POST', `${PODS}?dryRun=All`, { body: pod('Bad') });
    assert.equal(invalid.status, 422, 'dry runs still validate');
    await apiRequest(s, 'POST', PODS, { body: pod('dry2') });
    const patched = await apiRequest(s, 'PATCH', `${PODS}/dry2?dryRun=All`, { body: { metadata: { labels: { x: '1' } } }, contentType: 'application/merge-patch+json' });
    assert.deepEqual(patched.json.metadata.labels, { x: '1' });
    assert.equal((await apiRequest(s, 'GET', `${PODS}/dry2`)).json.metadata.labels, undefined);
    assert.equal((await apiRequest(s, 'DELETE', `${PODS}/dry2?dryRun=All`)).status, 200);
    assert.equal((await apiRequest(s, 'GET', `${PODS}/dry2`)).status, 200);
    assert.equal((await apiRequest(s, 'POST', `${PODS}?dryRun=Some`, { body: pod('dry3') })).status, 400);
  });

  it('server-side apply creates a missing object and merges into an existing one', async () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ssa1\n  labels: {a: "1"}\nspec:\n  containers:\n  - name: c\n    image: busybox\n';
    const first = await apiRequest(s, 'PATCH', `${PODS}/ssa1?fieldManager=test`, { body: yaml, contentType: 'application/apply-patch+yaml' });
    assert.equal(first.status, 201);
    const second = await apiRequest(s, 'PATCH', `${PODS}/ssa1?fieldManager=test`, { body: yaml.replace('{a: "1"}', '{a: "1", b: "2"}'), contentType: 'application/apply-patch+yaml' });
    assert.equal(second.status, 200);
    assert.deepEqual(second.json.metadata.labels, { a: '1', b: '2' });
    assert.equal(second.json.metadata.uid, first.json.metadata.uid);
  });

  it('filters lists by label and field selectors; 400 for an unsupported field', async () => {
    await apiRequest(s, 'POST', PODS, { body: pod('sel1', { nodeName: 'n1' }, { labels: { app: 'a', tier: 'x' } }) });
    await apiRequest(s, 'POST', PODS, { body: pod('sel2', { nodeName: 'n2' }, { labels: { app: 'b' } }) });
    const names = async (q: string): Promise<string[]> => (await apiRequest(s, 'GET', `${PODS}?${q}`)).json.items.map((p: { metadata: { name: string } }) => p.metadata.name);
    assert.deepEqual(await names(`labelSelector=${encodeURIComponent('app in (a,b),!tier')}`), ['sel2']);
    assert.deepEqual(await names(`labelSelector=${encodeURIComponent('app notin (b),tier')}`), ['sel1']);
    assert.deepEqual(await names(`fieldSelector=${encodeURIComponent('spec.nodeName=n2')}`), ['sel2']);
    assert.deepEqual(await names(`fieldSelector=${encodeURIComponent('metadata.name!=sel1,spec.nodeName!=')}`).then((n) => n.filter((x) => x.startsWith('sel'))), ['sel2']);
    const all = await apiRequest(s, 'GET', `/api/v1/pods?fieldSelector=${encodeURIComponent('metadata.namespace=default,spec.nodeName=n1')}`);
    assert.deepEqual(all.json.items.map((p: { metadata: { name: string } }) => p.metadata.name), ['sel1']);
    const bad = await apiRequest(s, 'GET', `${PODS}?fieldSelector=spec.image%3Dx`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.kind, 'Status');
  });

  it('watches: initial ADDED, then ADDED/MODIFIED/DELETED in order, resumable from a resourceVersion', async () => {
    await apiRequest(s, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'w1' } } });
    const base = '/api/v1/namespaces/w1/pods';
    await apiRequest(s, 'POST', base, { body: pod('pre') });
    const w = await openWatch(s, base);
    try {
      const [initial] = await w.next(1);
      assert.equal(initial!.type, 'ADDED');
      assert.equal(initial!.object.metadata.name, 'pre');
      const created = (await apiRequest(s, 'POST', base, { body: pod('live', { nodeName: 'n' }) })).json;
      await apiRequest(s, 'PATCH', `${base}/live`, { body: { metadata: { labels: { x: 'y' } } }, contentType: 'application/merge-patch+json' });
      await apiRequest(s, 'DELETE', `${base}/live?gracePeriodSeconds=0`);
      const events = await w.next(3);
      assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED live', 'MODIFIED live', 'DELETED live']);
      assert.deepEqual(events[1]!.object.metadata.labels, { x: 'y' });
      const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
      assert.ok(rvs[0]! < rvs[1]! && rvs[1]! < rvs[2]!, `increasing: ${rvs.join(',')}`);
      const resumed = await openWatch(s, `${base}?resourceVersion=${created.metadata.resourceVersion}`);
      try {
        assert.deepEqual((await resumed.next(2)).map((e) => e.type), ['MODIFIED', 'DELETED']);
      } finally {
        resumed.close();
      }
    } finally {
      w.close();
    }
  });

  it('sends initial events and an initial-events-end bookmark for sendInitialEvents=true', async () => {
    const w = await openWatch(s, '/api/v1/namespaces?sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true');
    try {
      const names: string[] = [];
      for (;;) {
        const [e] = await w.next(1);
        if (e!.type === 'BOOKMARK') {
          assert.equal(e!.object.metadata.annotations['k8s.io/initial-events-end'], 'true');
          break;
        }
        assert.equal(e!.type, 'ADDED');
        names.push(e!.object.metadata.name);
      }
      assert.ok(names.includes('default') && names.includes('kube-system'), names.join(','));
    } finally {
      w.close();
    }
  });

  it('answers pods/log with a clear 400 (no container processes in the lab)', async () => {
    await apiRequest(s, 'POST', PODS, { body: pod('logs1') });
    const r = await apiRequest(s, 'GET', `${PODS}/logs1/log`);
    assert.equal(r.status, 400);
    assert.match(r.json.message, /no logs: the lab runs no container processes/);
    assert.equal((await apiRequest(s, 'GET', `${PODS}/nope/log`)).status, 404);
  });

  it('watches with label and field selectors, and ends at timeoutSeconds', async () => {
    const w = await openWatch(s, `${PODS}?resourceVersion=${(await apiRequest(s, 'GET', PODS)).json.metadata.resourceVersion}&labelSelector=watched%3Dyes&fieldSelector=spec.nodeName%3Dn9&timeoutSeconds=2`);
    await apiRequest(s, 'POST', PODS, { body: pod('nw1', { nodeName: 'n9' }) });
    await apiRequest(s, 'POST', PODS, { body: pod('nw2', { nodeName: 'n8' }, { labels: { watched: 'yes' } }) });
    await apiRequest(s, 'POST', PODS, { body: pod('yw', { nodeName: 'n9' }, { labels: { watched: 'yes' } }) });
    const [e] = await w.next(1);
    assert.equal(e!.object.metadata.name, 'yw');
    await w.ended;
  });
});
