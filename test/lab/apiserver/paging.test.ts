import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { page } from '../../../src/lab/apiserver/paging.js';
import { ApiStatusError } from '../../../src/lab/apiserver/status.js';
import { apiRequest, startTestApiServer, type TestApiServer } from '../../support/apiserver.js';

const obj = (namespace: string, name: string) => ({ metadata: { namespace, name } });

describe('list paging (limit/continue)', () => {
  it('without limit or continue returns everything with no continue', () => {
    const r = page([obj('b', 'x'), obj('a', 'y')], '7', null, null);
    assert.equal(r.items.length, 2);
    assert.deepEqual(r.metadata, { resourceVersion: '7' });
  });

  it('walks every item exactly once, in key order, whatever the limit (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.constantFrom('', 'a', 'kube-system', 'z'), fc.string({ minLength: 1, maxLength: 6 })), { selector: ([n, m]) => `${n}/${m}`, maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (keys, limit) => {
        const items = keys.map(([n, m]) => obj(n, m));
        const seen: string[] = [];
        let cont: string | null = null;
        let pages = 0;
        do {
          const r: ReturnType<typeof page<(typeof items)[number]>> = page(items, '42', String(limit), cont);
          assert.ok(r.items.length <= limit);
          assert.equal(r.metadata.resourceVersion, '42');
          seen.push(...r.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
          if (r.metadata.continue !== undefined) assert.equal(r.metadata.remainingItemCount, items.length - seen.length);
          cont = r.metadata.continue ?? null;
          pages += 1;
        } while (cont !== null);
        const expected = keys.map(([n, m]) => `${n}/${m}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        assert.deepEqual(seen, expected);
        assert.equal(pages, Math.max(1, Math.ceil(items.length / limit)));
      }),
    );
  });

  it('rejects a bad limit or a made-up continue token with 400', () => {
    for (const [limit, cont] of [['-1', null], ['ten', null], [null, 'not-a-token'], [null, Buffer.from('{"x":1}').toString('base64url')]] as const) {
      assert.throws(() => page([obj('a', 'b')], '1', limit, cont), (e: unknown) => e instanceof ApiStatusError && e.code === 400);
    }
  });
});

describe('list paging over HTTP', () => {
  let s: TestApiServer;
  before(async () => {
    s = await startTestApiServer();
    for (let i = 0; i < 5; i++) {
      const r = await apiRequest(s, 'POST', '/api/v1/namespaces/default/pods', { body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `pg-${i}` }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } });
      assert.equal(r.status, 201);
    }
  });
  after(() => s.close());

  it('serves pages with metadata.continue and remainingItemCount, as Kubernetes does', async () => {
    const first = await apiRequest(s, 'GET', '/api/v1/namespaces/default/pods?limit=2');
    assert.equal(first.status, 200);
    assert.deepEqual(first.json.items.map((p: { metadata: { name: string } }) => p.metadata.name), ['pg-0', 'pg-1']);
    assert.equal(first.json.metadata.remainingItemCount, 3);
    const names: string[] = [];
    let cont: string | undefined = first.json.metadata.continue;
    while (cont !== undefined) {
      const next = await apiRequest(s, 'GET', `/api/v1/namespaces/default/pods?limit=2&continue=${encodeURIComponent(cont)}`);
      assert.equal(next.json.metadata.resourceVersion, first.json.metadata.resourceVersion);
      names.push(...next.json.items.map((p: { metadata: { name: string } }) => p.metadata.name));
      cont = next.json.metadata.continue;
    }
    assert.deepEqual(names, ['pg-2', 'pg-3', 'pg-4']);
    assert.equal((await apiRequest(s, 'GET', '/api/v1/namespaces/default/pods?continue=garbage')).status, 400);
  });

  it('pages Table answers too (kubectl get asks for limit=500)', async () => {
    const r = await apiRequest(s, 'GET', '/api/v1/namespaces/default/pods?limit=3', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    assert.equal(r.json.kind, 'Table');
    assert.equal(r.json.rows.length, 3);
    assert.equal(typeof r.json.metadata.continue, 'string');
  });
});
