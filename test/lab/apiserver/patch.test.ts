import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyPatch, jsonPatch, mergePatch, PatchError, strategicMergePatch, type Json } from '../../../src/lab/apiserver/patch.js';

describe('JSON merge patch (RFC 7386)', () => {
  it('merges maps, replaces lists, deletes keys set to null', () => {
    const target = { metadata: { labels: { a: '1', b: '2' }, annotations: { x: 'y' } }, spec: { list: [1, 2] } };
    const out = mergePatch(target, { metadata: { labels: { b: null, c: '3' } }, spec: { list: [3] } });
    assert.deepEqual(out, { metadata: { labels: { a: '1', c: '3' }, annotations: { x: 'y' } }, spec: { list: [3] } });
    assert.deepEqual(target.metadata.labels, { a: '1', b: '2' }, 'the target is not modified');
  });

  it('property: patching with the target itself is the identity; a null-free patch is idempotent', () => {
    const value = fc.jsonValue() as fc.Arbitrary<Json>;
    const noNull = fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean()), { noNullPrototype: true }) as fc.Arbitrary<Json>;
    fc.assert(
      fc.property(noNull, noNull, (t, p) => {
        const once = mergePatch(t, p);
        assert.deepEqual(mergePatch(once, p), once);
        assert.deepEqual(mergePatch(t, t), t);
      }),
    );
    fc.assert(fc.property(value, (v) => void assert.doesNotThrow(() => mergePatch({}, v))));
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name and env by name, honours $patch: delete and drops $setElementOrder', () => {
    const pod = { spec: { containers: [{ name: 'a', image: 'x:1', env: [{ name: 'E1', value: '1' }] }, { name: 'b', image: 'y:1' }] } };
    const out = strategicMergePatch(pod as unknown as Json, {
      spec: {
        '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
        containers: [{ name: 'a', image: 'x:2', env: [{ name: 'E2', value: '2' }] }, { name: 'b', $patch: 'delete' }],
      },
    } as Json);
    assert.deepEqual(out, { spec: { containers: [{ name: 'a', image: 'x:2', env: [{ name: 'E1', value: '1' }, { name: 'E2', value: '2' }] }] } });
  });

  it('keeps a "__proto__" key an own property (no prototype pollution)', () => {
    const out = mergePatch({}, JSON.parse('{"__proto__": {"polluted": "yes"}}') as Json) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('replaces a map under $patch: replace and deletes from primitive lists', () => {
    assert.deepEqual(strategicMergePatch({ m: { a: 1, b: 2 } }, { m: { $patch: 'replace', c: 3 } }), { m: { c: 3 } });
    assert.deepEqual(strategicMergePatch({ finalizers: ['a', 'b'] }, { '$deleteFromPrimitiveList/finalizers': ['a'] }), { finalizers: ['b'] });
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('adds, replaces, removes, moves, copies and tests', () => {
    const doc = { metadata: { annotations: { 'a/b': '1' } }, list: [1, 2, 3] };
    const out = jsonPatch(doc, [
      { op: 'add', path: '/metadata/labels', value: { x: 'y' } },
      { op: 'replace', path: '/metadata/annotations/a~1b', value: '2' },
      { op: 'remove', path: '/list/0' },
      { op: 'add', path: '/list/-', value: 4 },
      { op: 'copy', from: '/list/0', path: '/first' },
      { op: 'move', from: '/first', path: '/moved' },
      { op: 'test', path: '/moved', value: 2 },
    ]);
    assert.deepEqual(out, { metadata: { annotations: { 'a/b': '2' }, labels: { x: 'y' } }, list: [2, 3, 4], moved: 2 });
  });

  it('fails on a missing path, a failed test and a non-array patch', () => {
    assert.throws(() => jsonPatch({}, [{ op: 'remove', path: '/nope' }]), PatchError);
    assert.throws(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]), PatchError);
    assert.throws(() => jsonPatch({}, { op: 'add' }), PatchError);
    assert.throws(() => applyPatch('application/apply-patch+yaml', {}, {}), /unsupported patch type/);
  });
});
