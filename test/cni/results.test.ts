/**
 * Result conversion on every version pair, against what libcni's converters (pkg/types/020, 040,
 * 100 and their registered conversions) produce for the same input, plus fast-check round trips.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { convertResult, normalizeResult, RESULT_VERSIONS } from '../../src/cni/results.js';
import { canonicalCidr, canonicalIp } from '../../src/cni/ip-text.js';
import { CniError } from '../../src/cni/errors.js';

const is1x = (v: string): boolean => v.startsWith('1.');
const isLegacy = (v: string): boolean => v === '0.1.0' || v === '0.2.0';

// One attachment as each version writes it: host veth + sandbox eth0, two IPv4 and one IPv6
// address, a default route per family and a v4 route with an MTU, DNS.
const ifaces1x = [
  { name: 'veth1', mac: '0a:00:00:00:00:01' },
  { name: 'eth0', mac: '0a:00:00:00:00:02', mtu: 1400, sandbox: '/var/run/netns/p' },
];
const ifaces04 = [
  { name: 'veth1', mac: '0a:00:00:00:00:01' },
  { name: 'eth0', mac: '0a:00:00:00:00:02', sandbox: '/var/run/netns/p' },
];
const routes = [
  { dst: '0.0.0.0/0', gw: '10.1.0.1' },
  { dst: '::/0', gw: 'fd00::1' },
  { dst: '192.168.0.0/16', mtu: 1300 },
];
const dns = { nameservers: ['10.1.0.10'], search: ['svc.cluster.local'] };

function modern(version: string): Record<string, unknown> {
  const v = (x: string): Record<string, string> => (is1x(version) ? {} : { version: x });
  return {
    cniVersion: version,
    interfaces: is1x(version) ? ifaces1x : ifaces04,
    ips: [
      { ...v('4'), interface: 1, address: '10.1.0.5/24', gateway: '10.1.0.1' },
      { ...v('6'), interface: 1, address: 'fd00::5/64', gateway: 'fd00::1' },
      { ...v('4'), interface: 1, address: '10.1.0.6/24' },
    ],
    routes,
    dns,
  };
}

function legacy(version: string): Record<string, unknown> {
  return {
    cniVersion: version,
    ip4: { ip: '10.1.0.5/24', gateway: '10.1.0.1', routes: [{ dst: '0.0.0.0/0', gw: '10.1.0.1' }, { dst: '192.168.0.0/16' }] },
    ip6: { ip: 'fd00::5/64', gateway: 'fd00::1', routes: [{ dst: '::/0', gw: 'fd00::1' }] },
    dns,
  };
}

const sample = (v: string): Record<string, unknown> => (isLegacy(v) ? legacy(v) : modern(v));

/** What libcni gives for convert(sample(from), to), derived from its converter code. */
function expected(from: string, to: string): Record<string, unknown> {
  if (isLegacy(to)) {
    // convertTo02x: first IP of each family; routes by family with dst/gw only (MTU lost).
    return legacy(to);
  }
  if (isLegacy(from)) {
    // 040 convertFrom02x (+ 100 convertFrom04x): ip4 then ip6 with no interface index, their routes in that order.
    const v = (x: string): Record<string, string> => (is1x(to) ? {} : { version: x });
    return {
      cniVersion: to,
      ips: [
        { ...v('4'), address: '10.1.0.5/24', gateway: '10.1.0.1' },
        { ...v('6'), address: 'fd00::5/64', gateway: 'fd00::1' },
      ],
      routes: [{ dst: '0.0.0.0/0', gw: '10.1.0.1' }, { dst: '192.168.0.0/16' }, { dst: '::/0', gw: 'fd00::1' }],
      dns,
    };
  }
  const out = modern(to);
  // Through 0.4.0 the 1.x-only interface fields are lost (convertInterfaceTo040).
  if (is1x(to) && !is1x(from)) out.interfaces = ifaces04;
  return out;
}

for (const from of RESULT_VERSIONS) {
  for (const to of RESULT_VERSIONS) {
    test(`convert ${from} → ${to}`, () => {
      assert.deepEqual(convertResult(sample(from), to), expected(from, to));
    });
  }
}

test('0.2.0 output needs an address: libcni refuses, and so do we', () => {
  const noIps = { cniVersion: '1.0.0', interfaces: [{ name: 'eth0', sandbox: '/x' }] };
  for (const to of ['0.1.0', '0.2.0']) {
    assert.throws(() => convertResult(noIps, to), (e: unknown) => e instanceof CniError && /cannot convert: no valid IP addresses/.test(e.message));
  }
});

test('dns: always present up to 0.4.0 (Go omitempty never omits a struct), dropped when empty in 1.x', () => {
  const bare = { cniVersion: '1.0.0', ips: [{ address: '10.0.0.2/24' }] };
  assert.deepEqual(convertResult(bare, '0.4.0'), { cniVersion: '0.4.0', ips: [{ version: '4', address: '10.0.0.2/24' }], dns: {} });
  assert.deepEqual(convertResult(bare, '0.2.0'), { cniVersion: '0.2.0', ip4: { ip: '10.0.0.2/24' }, dns: {} });
  assert.deepEqual(convertResult({ ...bare, dns: {} }, '1.1.0'), { cniVersion: '1.1.0', ips: [{ address: '10.0.0.2/24' }] });
});

test('decoding as Go does: unknown keys dropped, addresses canonical, empty version is 0.1.0, bad versions refused', () => {
  assert.deepEqual(normalizeResult({ cniVersion: '1.0.0', extra: 1, ips: [{ address: 'FD00:0:0:0::0005/64', gateway: 'fd00:0::1', version: '6' }] }), {
    cniVersion: '1.0.0',
    ips: [{ address: 'fd00::5/64', gateway: 'fd00::1' }],
  });
  assert.deepEqual(normalizeResult({ ip4: { ip: '10.0.0.2/8' } }), { cniVersion: '0.1.0', ip4: { ip: '10.0.0.2/8' }, dns: {} });
  assert.throws(() => normalizeResult({ cniVersion: '0.5.0' }), /unsupported CNI result version "0.5.0"/);
  assert.throws(() => normalizeResult({ cniVersion: '1.0.0', ips: [{ address: '10.0.0.300/24' }] }), /invalid CIDR/);
});

test('Go canonical IP text', () => {
  assert.equal(canonicalIp('2001:0DB8:0000:0000:0001:0000:0000:0001'), '2001:db8::1:0:0:1');
  assert.equal(canonicalIp('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
  assert.equal(canonicalIp('::ffff:10.1.2.3'), '10.1.2.3');
  assert.equal(canonicalIp('::'), '::');
  assert.equal(canonicalIp('1::'), '1::');
  assert.equal(canonicalIp('fe80::1%eth0'), undefined);
  assert.equal(canonicalCidr('10.1.2.3/24'), '10.1.2.3/24');
  assert.equal(canonicalCidr('10.1.2.3/33'), undefined);
  assert.equal(canonicalCidr('::ffff:10.1.2.3/120'), '10.1.2.3/24');
});

// ---- properties

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const v6 = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((g) => canonicalIp(g.map((x) => x.toString(16)).join(':'))!).filter((s) => !s.includes('.'));
const cidr4 = fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([a, l]) => `${a}/${l}`);
const cidr6 = fc.tuple(v6, fc.integer({ min: 0, max: 128 })).map(([a, l]) => `${a}/${l}`);
const route = fc.oneof(
  fc.record({ dst: cidr4, gw: fc.option(v4, { nil: undefined }) }, { requiredKeys: ['dst'] }),
  fc.record({ dst: cidr6, gw: fc.option(v6, { nil: undefined }), mtu: fc.option(fc.integer({ min: 1, max: 9000 }), { nil: undefined }) }, { requiredKeys: ['dst'] }),
).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
const dnsArb = fc.record({ nameservers: fc.array(v4, { minLength: 1, maxLength: 2 }), domain: fc.constantFrom('a.local', 'b.test') }, { requiredKeys: [] });
const result1x = fc
  .record({
    interfaces: fc.array(fc.record({ name: fc.constantFrom('eth0', 'net1', 'veth9'), mac: fc.constantFrom('0a:00:00:00:00:01', '0a:58:0a:f4:00:05'), sandbox: fc.constantFrom('/var/run/netns/x', undefined) }, { requiredKeys: ['name'] }), { maxLength: 3 }),
    ips: fc.array(fc.record({ address: fc.oneof(cidr4, cidr6), gateway: fc.option(fc.oneof(v4, v6), { nil: undefined }), interface: fc.option(fc.nat(2), { nil: undefined }) }, { requiredKeys: ['address'] }), { maxLength: 4 }),
    routes: fc.array(route, { maxLength: 3 }),
    dns: dnsArb,
  })
  .map((r) => normalizeResult(JSON.parse(JSON.stringify({ cniVersion: '1.0.0', ...r })) as Record<string, unknown>));

test('property: 1.x → 0.3.x/0.4.0 → 1.x is the identity (no 1.x-only fields generated)', () => {
  fc.assert(
    fc.property(result1x, fc.constantFrom('0.3.0', '0.3.1', '0.4.0'), fc.constantFrom('1.0.0', '1.1.0'), (r, mid, back) => {
      assert.deepEqual(convertResult(convertResult(r, mid), back), convertResult(r, back));
    }),
  );
});

test('property: converting is idempotent and converting to the own version normalizes only', () => {
  fc.assert(
    fc.property(result1x, fc.constantFrom(...RESULT_VERSIONS), (r, to) => {
      let once: Record<string, unknown>;
      try {
        once = convertResult(r, to);
      } catch (e) {
        // Only the legacy targets may refuse, and only for a result without addresses.
        assert.ok(isLegacy(to) && ((r.ips as unknown[] | undefined) ?? []).length === 0, String(e));
        return;
      }
      assert.deepEqual(convertResult(once, to), once);
      assert.deepEqual(normalizeResult(once), once);
    }),
  );
});

test('property: legacy → any modern version → legacy keeps ip4/ip6 and their (family-matched) routes', () => {
  const block4 = fc.record({ ip: cidr4, gateway: fc.option(v4, { nil: undefined }), routes: fc.array(fc.record({ dst: cidr4, gw: v4 }), { maxLength: 2 }) });
  const block6 = fc.record({ ip: cidr6, routes: fc.array(fc.record({ dst: cidr6 }), { maxLength: 2 }) });
  const legacyArb = fc
    .record({ ip4: block4, ip6: block6 }, { requiredKeys: ['ip4'] })
    .map((r) => normalizeResult(JSON.parse(JSON.stringify({ cniVersion: '0.2.0', ...r })) as Record<string, unknown>));
  fc.assert(
    fc.property(legacyArb, fc.constantFrom('0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'), (r, mid) => {
      assert.deepEqual(convertResult(convertResult(r, mid), '0.2.0'), r);
    }),
  );
});
