import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnnotationError, parseNetworkAnnotation, formatElementShort, isJsonForm } from '../../src/multus/annotation.js';

test('comma form: name, namespace/name, name@if, whitespace trimmed, namespace defaulted', () => {
  const got = parseNetworkAnnotation(' macvlan-conf , other/br@eth9,x@net5', 'pods');
  assert.deepEqual(got, [
    { name: 'macvlan-conf', namespace: 'pods' },
    { name: 'br', namespace: 'other', interface: 'eth9' },
    { name: 'x', namespace: 'pods', interface: 'net5' },
  ]);
});

test('comma form errors carry upstream wording and the offending entry', () => {
  const cases: Array<[string, RegExp, string]> = [
    ['a/b/c', /Invalid network object \(failed at '\/'\)/, 'a/b/c'],
    ['ok,a@b@c', /Invalid network object \(failed at '@'\)/, 'a@b@c'],
    ['Bad_Name', /mismatch @ 'Bad_Name'/, 'Bad_Name'],
    ['ns.with.dots/x', /mismatch @ 'ns.with.dots'/, 'ns.with.dots/x'],
  ];
  for (const [value, message, entry] of cases) {
    assert.throws(() => parseNetworkAnnotation(value, 'default'), (err: unknown) => {
      assert.ok(err instanceof AnnotationError);
      assert.match(err.message, message);
      assert.equal(err.entry, entry);
      return true;
    });
  }
});

test('interface name longer than 15 bytes or with a space is rejected with the spec message', () => {
  assert.throws(
    () => parseNetworkAnnotation('net@abcdefghijklmnop', 'default'),
    {
      message:
        "parsePodNetworkAnnotation: parsePodNetworkObjectName: Failed to parse interface name: must be less than 15 chars and not contain '/' or spaces. interface name 'abcdefghijklmnop'",
    },
  );
  assert.throws(() => parseNetworkAnnotation('net@a b', 'default'), /interface name 'a b'/);
  // Exactly 15 bytes is fine.
  assert.equal(parseNetworkAnnotation('net@abcdefghijklmno', 'd')[0]!.interface, 'abcdefghijklmno');
});

test('JSON form reads every NetworkSelectionElement key', () => {
  const value = JSON.stringify([
    {
      name: 'm',
      namespace: 'n',
      interface: 'ext0',
      ips: ['10.1.1.5/24', 'fd00::5'],
      mac: 'c2:b0:57:49:47:f1',
      'infiniband-guid': '00:11:22:33:44:55:66:77',
      portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
      bandwidth: { ingressRate: 1000, ingressBurst: 10, egressRate: 2000, egressBurst: 20 },
      deviceID: '0000:00:1f.6',
      'cni-args': { foo: 'bar', n: 1 },
      'default-route': ['10.1.1.1'],
    },
    { name: 'plain' },
  ]);
  assert.ok(isJsonForm(value));
  assert.deepEqual(parseNetworkAnnotation(value, 'pods'), [
    {
      name: 'm',
      namespace: 'n',
      interface: 'ext0',
      ips: ['10.1.1.5/24', 'fd00::5'],
      mac: 'c2:b0:57:49:47:f1',
      infinibandGuid: '00:11:22:33:44:55:66:77',
      portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
      bandwidth: { ingressRate: 1000, ingressBurst: 10, egressRate: 2000, egressBurst: 20 },
      deviceID: '0000:00:1f.6',
      cniArgs: { foo: 'bar', n: 1 },
      defaultRoute: ['10.1.1.1'],
    },
    { name: 'plain', namespace: 'pods' },
  ]);
});

test('JSON form: an empty default-route list is kept (it strips every default route)', () => {
  assert.deepEqual(parseNetworkAnnotation('[{"name":"a","default-route":[]}]', 'd')[0]!.defaultRoute, []);
});

test('JSON form: the deprecated interfaceRequest key still names the interface', () => {
  assert.equal(parseNetworkAnnotation('[{"name":"a","interfaceRequest":"x1"}]', 'd')[0]!.interface, 'x1');
});

test('JSON form errors: bad JSON, wrong types, bad mac, bad ips, bad gateway, missing name', () => {
  const bad: Array<[string, RegExp]> = [
    ['[{"name":', /failed to parse pod Network Attachment Selection Annotation JSON format/],
    ['{"name":"a"}', /cannot unmarshal object into Go value of type \[\]\*types.NetworkSelectionElement/],
    ['[{"name":5}]', /cannot unmarshal number into Go struct field NetworkSelectionElement.name of type string/],
    ['[{"name":"a","mac":"zz"}]', /failed to mac: address zz: invalid MAC address/],
    ['[{"name":"a","ips":["10.0.0.300"]}]', /failed to parse IP address "10.0.0.300"/],
    ['[{"name":"a","ips":["10.0.0.1/33"]}]', /failed to parse CIDR "10.0.0.1\/33"/],
    ['[{"name":"a","default-route":["nope"]}]', /invalid IP address: nope/],
    ['[{"namespace":"a"}]', /has no "name"/],
    ['[null]', /cannot unmarshal null/],
  ];
  for (const [value, re] of bad) assert.throws(() => parseNetworkAnnotation(value, 'd'), (e: unknown) => e instanceof AnnotationError && re.test(e.message), value);
});

test('empty annotation value is an error (upstream wording)', () => {
  assert.throws(() => parseNetworkAnnotation('', 'd'), /pod annotation does not have "network" as key/);
});

test('property: the parser never throws anything but AnnotationError', () => {
  const alphabet = fc.constantFrom(...'abz09-/@, .\t[]{}":_Aé\\'.split(''));
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 40 }), fc.json()), (value) => {
      try {
        const out = parseNetworkAnnotation(value, 'default');
        for (const e of out) {
          assert.equal(typeof e.name, 'string');
          assert.equal(typeof e.namespace, 'string');
          assert.ok(e.namespace.length > 0);
        }
      } catch (err) {
        if (!(err instanceof AnnotationError)) throw err;
      }
    }),
    { numRuns: 2000 },
  );
});

test('property: comma form round-trips through formatElementShort', () => {
  const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
  const ifname = fc.stringMatching(/^[a-z0-9]{1,15}$/);
  const element = fc.record({ namespace: label, name: label, interface: fc.option(ifname, { nil: undefined }) });
  fc.assert(
    fc.property(fc.array(element, { minLength: 1, maxLength: 5 }), (elements) => {
      const text = elements.map((e) => formatElementShort(e)).join(',');
      const parsed = parseNetworkAnnotation(text, 'unused');
      assert.deepEqual(
        parsed,
        elements.map((e) => (e.interface === undefined ? { name: e.name, namespace: e.namespace } : { name: e.name, namespace: e.namespace, interface: e.interface })),
      );
    }),
  );
});
