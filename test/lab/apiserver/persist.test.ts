/** Durable state: acknowledged writes survive kill -9; resourceVersions keep increasing across restarts. */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiRequest, openWatch, startChildApiServer, startTestApiServer, type ChildApiServer } from '../../support/apiserver.js';

const N = 40;

describe('lab API server state on disk', () => {
  let dir: string;
  const children: ChildApiServer[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'multusctl-persist-'));
  });
  after(async () => {
    for (const c of children) await c.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('loses no write acknowledged before a SIGKILL that lands in the middle of a burst of writes', async () => {
    const server = await startChildApiServer(dir);
    children.push(server);
    const acked: string[] = [];
    let killing: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const r = await apiRequest(server, 'POST', '/api/v1/namespaces/default/serviceaccounts', { body: { metadata: { name: `burst-${i}` } } }).catch(() => undefined);
        if (r?.status === 201) acked.push(r.json.metadata.name);
        if (acked.length === N / 2) killing ??= server.kill('SIGKILL');
      }),
    );
    await (killing ?? server.kill('SIGKILL'));
    const again = await startChildApiServer(dir);
    children.push(again);
    const list = await apiRequest(again, 'GET', '/api/v1/namespaces/default/serviceaccounts');
    const names = new Set(list.json.items.map((n: { metadata: { name: string } }) => n.metadata.name));
    assert.ok(acked.length >= N / 2);
    for (const name of acked) assert.ok(names.has(name), `${name} was acknowledged but is gone`);
    await again.kill('SIGKILL');
  });

  it('loses no acknowledged write when the server is killed with SIGKILL, and keeps its credentials', async () => {
    const first = await startChildApiServer(dir);
    children.push(first);
    const acked: string[] = [];
    let lastRv = 0;
    // Concurrent writes, each acknowledged (201) before we count it.
    await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const r = await apiRequest(first, 'POST', '/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions', {
          body: { metadata: { name: `nad-${i}` }, spec: { config: `{"cniVersion":"1.0.0","type":"bridge","name":"n${i}"}` } },
        });
        assert.equal(r.status, 201);
        acked.push(r.json.metadata.name);
        lastRv = Math.max(lastRv, Number(r.json.metadata.resourceVersion));
      }),
    );
    const deleted = await apiRequest(first, 'DELETE', '/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions/nad-0');
    assert.equal(deleted.status, 200);
    lastRv = Number(deleted.json.metadata.resourceVersion);
    await first.kill('SIGKILL');

    const second = await startChildApiServer(dir);
    children.push(second);
    assert.equal(second.token, first.token, 'the token is reused');
    assert.equal(second.caCertPem, first.caCertPem, 'the CA is reused');
    const list = await apiRequest(second, 'GET', '/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions');
    const names = list.json.items.map((n: { metadata: { name: string } }) => n.metadata.name).sort();
    assert.deepEqual(names, acked.filter((n) => n !== 'nad-0').sort());
    assert.ok(Number(list.json.metadata.resourceVersion) >= lastRv);
    const next = await apiRequest(second, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'after-restart' } } });
    assert.ok(Number(next.json.metadata.resourceVersion) > lastRv, `resourceVersion ${next.json.metadata.resourceVersion} > ${lastRv} even after deleting the newest object`);
    await second.kill('SIGKILL');
  });

  it('answers a watch from before the restart with 410 Gone', async () => {
    const s = await startTestApiServer({ dir });
    try {
      const w = await openWatch(s, '/api/v1/namespaces/default/pods?resourceVersion=1');
      const [e] = await w.next(1);
      assert.equal(e!.type, 'ERROR');
      assert.equal(e!.object.code, 410);
      assert.equal(e!.object.reason, 'Expired');
      await w.ended;
    } finally {
      await s.close();
    }
  });

  it('ignores a temp file left by an interrupted write', async () => {
    const nsDir = join(dir, 'state', 'k8s.cni.cncf.io_network-attachment-definitions', 'default');
    await writeFile(join(nsDir, 'half.json.tmp-12345'), '{"metadata":');
    const s = await startTestApiServer({ dir });
    try {
      const list = await apiRequest(s, 'GET', '/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions');
      assert.equal(list.status, 200);
      assert.equal(list.json.items.length, N - 1);
      const files = await readdir(nsDir);
      assert.ok(files.includes('nad-1.json'));
      assert.equal(JSON.parse(await readFile(join(nsDir, 'nad-1.json'), 'utf8')).metadata.name, 'nad-1');
    } finally {
      await s.close();
    }
  });
});
