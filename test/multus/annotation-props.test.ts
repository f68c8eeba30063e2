/**
 * The networks annotation parser under fast-check: it never throws anything but AnnotationError
 * (whatever a user, a typo or a hostile pod spec puts there), and the comma form round-trips.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnnotationError, formatElementShort, parseNetworkAnnotation } from '../../src/multus/annotation.js';

function parsesOrAnnotationError(value: string): void {
  try {
    const out = parseNetworkAnnotation(value, 'podns');
    assert.ok(Array.isArray(out));
    for (const e of out) {
      assert.equal(typeof e.name, 'string');
      assert.equal(typeof e.namespace, 'string');
      assert.notEqual(e.namespace, '');
    }
  } catch (err) {
    if (!(err instanceof AnnotationError)) throw new Error(`threw ${String(err)} for ${JSON.stringify(value)}`);
    assert.ok(err.message.length > 0);
  }
}

test('property: any string parses or fails with AnnotationError', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), parsesOrAnnotationError), { numRuns: 2000 });
});

test('property: strings built from the annotation alphabet parse or fail with AnnotationError', () => {
  const alphabet = fc.constantFrom('a', 'b', '-', '/', '@', ',', ' ', '.', '0', '[', ']', '{', '}', '"', ':', 'x'.repeat(16), 'é');
  fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }).map((p) => p.join('')), parsesOrAnnotationError), { numRuns: 2000 });
});

test('property: any JSON value (and lists of odd elements) parses or fails with AnnotationError', () => {
  const element = fc.dictionary(
    fc.constantFrom('name', 'namespace', 'interface', 'ips', 'mac', 'infiniband-guid', 'portMappings', 'bandwidth', 'deviceID', 'cni-args', 'default-route', 'other'),
    fc.jsonValue({ maxDepth: 2 }),
  );
  fc.assert(fc.property(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.array(element, { maxLength: 3 })), (v) => parsesOrAnnotationError(JSON.stringify(v))), { numRuns: 2000 });
});

test('property: the comma form round-trips through formatElementShort', () => {
  const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
  const ifname = fc.stringMatching(/^[a-z][a-z0-9]{0,14}$/);
  const item = fc.record({ namespace: fc.option(label, { nil: undefined }), name: label, iface: fc.option(ifname, { nil: undefined }) });
  fc.assert(
    fc.property(fc.array(item, { minLength: 1, maxLength: 4 }), (items) => {
      const text = items.map((i) => `${i.namespace ? `${i.namespace}/` : ''}${i.name}${i.iface ? `@${i.iface}` : ''}`).join(',');
      const parsed = parseNetworkAnnotation(text, 'podns');
      assert.deepEqual(
        parsed.map((e) => formatElementShort(e)),
        items.map((i) => formatElementShort({ namespace: i.namespace ?? 'podns', name: i.name, interface: i.iface })),
      );
      // The JSON form of the same elements gives the same elements.
      assert.deepEqual(parseNetworkAnnotation(JSON.stringify(parsed), 'other'), parsed);
    }),
  );
});
