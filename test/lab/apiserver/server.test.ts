import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApiServer } from '../../../src/lab/apiserver/index.js';
import { apiRequest, startTestApiServer, type TestApiServer } from '../../support/apiserver.js';

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
  ...extra,
});

describe('lab API server over HTTPS', () => {
  let s: TestApiServer;
  const logs: string[] = [];
  before(async () => {
    s = await startTestApiServer({ log: (l) => logs.push(l) });
  });
  after(() => s.close());

  it('makes its credentials under <dir>/pki and listens on 127.0.0.1', () => {
    assert.match(s.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    for (const f of ['ca.crt', 'server.crt', 'server.key', 'token']) assert.ok(existsSync(join(s.dir, 'pki', f)), f);
    assert.equal(statSync(join(s.dir, 'pki', 'server.key')).mode & 0o077, 0);
    assert.match(s.token, /^[0-9a-f]{64}$/);
  });

  it('answers 401 with a Status object without a token or with a wrong one', async () => {
    for (const token of [null, 'wrong', `${s.token}x`]) {
      const r = await apiRequest(s, 'GET', '/api/v1/namespaces', { token });
      assert.equal(r.status, 401);
      assert.equal(r.json.kind, 'Status');
      assert.equal(r.json.reason, 'Unauthorized');
    }
  });

  it('serves discovery: /version, /api, /apis, resource lists with short names and categories', async () => {
    assert.equal((await apiRequest(s, 'GET', '/version')).json.major, '1');
    assert.deepEqual((await apiRequest(s, 'GET', '/api')).json.versions, ['v1']);
    const groups = (await apiRequest(s, 'GET', '/apis')).json.groups.map((g: { name: string }) => g.name);
    assert.deepEqual(groups.sort(), ['apiextensions.k8s.io', 'apps', 'k8s.cni.cncf.io']);
    const core = (await apiRequest(s, 'GET', '/api/v1')).json.resources.map((r: { name: string }) => r.name);
    for (const n of ['namespaces', 'nodes', 'nodes/status', 'pods', 'pods/status', 'pods/binding', 'pods/exec', 'events', 'serviceaccounts']) assert.ok(core.includes(n), n);
    const nad = (await apiRequest(s, 'GET', '/apis/k8s.cni.cncf.io/v1')).json.resources[0];
    assert.equal(nad.name, 'network-attachment-definitions');
    assert.deepEqual(nad.shortNames, ['net-attach-def']);
    assert.equal(nad.kind, 'NetworkAttachmentDefinition');
    const crd = (await apiRequest(s, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/network-attachment-definitions.k8s.cni.cncf.io')).json;
    assert.equal(crd.spec.group, 'k8s.cni.cncf.io');
    assert.equal(crd.status.conditions.find((c: { type: string }) => c.type === 'Established').status, 'True');
  });

  it('creates with uid, creationTimestamp, resourceVersion and generation; lists with a list resourceVersion', async () => {
    const created = await apiRequest(s, 'POST', '/api/v1/namespaces/default/pods', { body: pod('a1') });
    assert.equal(created.status, 201);
    const m = created.json.metadata;
    assert.match(m.uid, /^[0-9a-f-]{36}$/);
    assert.match(m.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(m.generation, 1);
    assert.equal(m.namespace, 'default');
    assert.equal(created.json.status.phase, 'Pending');
    const list = await apiRequest(s, 'GET', '/api/v1/namespaces/default/pods');
    assert.equal(list.json.kind, 'PodList');
    assert.ok(Number(list.json.metadata.resourceVersion) >= Number(m.resourceVersion));
    assert.deepEqual(list.json.items.map((p: { metadata: { name: string } }) => p.metadata.name), ['a1']);
  });

  it('answers 404, 409 and 422 as Status objects', async () => {
    const missing = await apiRequest(s, 'GET', '/api/v1/namespaces/default/pods/nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.reason, 'NotFound');
    assert.equal(missing.json.message, 'pods "nope" not found');
    assert.equal(missing.json.details.name, 'nope');
    await apiRequest(s, 'POST', '/api/v1/namespaces/default/pods', { body: pod('dup') });
    const dup = await apiRequest(s, 'POST', '/api/v1/namespaces/default/pods', { body: pod('dup') });
    assert.equal(dup.status, 409);
    assert.equal(dup.json.reason, 'AlreadyExists');
    const bad = await apiRequest(s, 'POST', '/api/v1/namespaces/default/pods', { body: pod('Bad_Name') });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.reason, 'Invalid');
    const noNs = await apiRequest(s, 'POST', '/api/v1/namespaces/ghost/pods', { body: pod('x') });
    assert.equal(noNs.status, 404);
    assert.equal(noNs.json.message, 'namespaces "ghost" not found');
    const unknown = await apiRequest(s, 'GET', '/apis/example.com/v1/widgets');
    assert.equal(unknown.status, 404);
  });

  it('rejects an update with a stale resourceVersion (409) and bumps generation on spec changes', async () => {
    const nad = { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'n1' }, spec: { config: '{"cniVersion":"1.0.0","type":"bridge"}' } };
    const created = (await apiRequest(s, 'POST', '/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions', { body: nad })).json;
    const path = '/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions/n1';
    const updated = await apiRequest(s, 'PUT', path, { body: { ...created, spec: { config: '{"type":"macvlan"}' } } });
    assert.equal(updated.status, 200);
    assert.equal(updated.json.metadata.generation, 2);
    assert.equal(updated.json.metadata.uid, created.metadata.uid);
    assert.ok(Number(updated.json.metadata.resourceVersion) > Number(created.metadata.resourceVersion));
    const stale = await apiRequest(s, 'PUT', path, { body: { ...created, spec: { config: '{}' } } });
    assert.equal(stale.status, 409);
    assert.equal(stale.json.reason, 'Conflict');
    assert.match(stale.json.message, /the object has been modified/);
  });

  it('never logs the token', async () => {
    await apiRequest(s, 'GET', '/api/v1/pods');
    await apiRequest(s, 'GET', '/api/v1/pods', { token: 'wrong-token' });
    assert.ok(logs.length > 0);
    for (const line of logs) {
      assert.ok(!line.includes(s.token), line);
      assert.ok(!line.includes('wrong-token'), line);
    }
  });

  it('refuses to listen on a non-loopback address', async () => {
    await assert.rejects(startApiServer({ dir: s.dir, host: '0.0.0.0' }), /loopback addresses only/);
    await assert.rejects(startApiServer({ dir: s.dir, host: '192.0.2.1' }), /loopback addresses only/);
  });

  it('answers a pods/exec upgrade with 404 for a missing pod and a clear error without an exec handler', async () => {
    const { connect } = await import('node:tls');
    const upgrade = (path: string, token: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const sock = connect({ host: '127.0.0.1', port: Number(new URL(s.url).port), ca: s.caCertPem, servername: 'localhost' }, () => {
          sock.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n`);
        });
        let text = '';
        sock.setEncoding('utf8').on('data', (d: string) => (text += d));
        sock.on('end', () => resolve(text));
        sock.on('error', reject);
      });
    assert.match(await upgrade('/api/v1/namespaces/default/pods/a1/exec?command=true', 'nope'), /^HTTP\/1.1 401/);
    const missing = await upgrade('/api/v1/namespaces/default/pods/ghost/exec?command=true', s.token);
    assert.match(missing, /^HTTP\/1.1 404/);
    assert.match(missing, /pods \\"ghost\\" not found/);
    assert.match(await upgrade('/api/v1/namespaces/default/pods/a1/exec?command=true', s.token), /^HTTP\/1.1 501[\s\S]*without an exec handler/);
  });
});
