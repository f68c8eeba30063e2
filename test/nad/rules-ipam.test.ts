/** NAD007–NAD009, each with a config it rejects and one it accepts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocuments } from '../../src/nad/lint.js';
import { goodMacvlan, lint, nadDoc, only } from './helpers.js';

const ipam = (o: Record<string, unknown>) => goodMacvlan({ ipam: { type: 'host-local', ...o } });

test('NAD007: subnet not a CIDR, start outside, start > end, gateway outside or inside the range', () => {
  const paths = (o: Record<string, unknown>) => only(lint(ipam(o)), 'NAD007').map((f) => `${f.level} ${f.path}`);
  assert.deepEqual(paths({ subnet: '10.0.0.0' }), ['error spec.config.ipam.subnet']);
  assert.deepEqual(paths({ subnet: 'banana/24' }), ['error spec.config.ipam.subnet']);
  assert.deepEqual(paths({ subnet: '10.0.0.0/24', rangeStart: '10.0.1.1' }), ['error spec.config.ipam.rangeStart']);
  assert.deepEqual(paths({ subnet: '10.0.0.0/24', rangeStart: '10.0.0.50', rangeEnd: '10.0.0.20' }), ['error spec.config.ipam.rangeStart']);
  assert.deepEqual(paths({ subnet: '10.0.0.0/24', gateway: '10.9.9.9' }), ['error spec.config.ipam.gateway']);
  assert.deepEqual(paths({ subnet: '10.0.0.0/24', rangeStart: '10.0.0.10', rangeEnd: '10.0.0.20', gateway: '10.0.0.15' }), ['error spec.config.ipam.gateway']);
  assert.deepEqual(paths({ subnet: '10.0.0.5/24' }), ['warning spec.config.ipam.subnet']);
  assert.deepEqual(paths({ subnet: '10.0.0.0/32' }), ['error spec.config.ipam.subnet']);
  assert.deepEqual(paths({ subnet: '10.0.0.0/24', routes: [{ dst: 'nowhere' }] }), ['error spec.config.ipam.routes[0].dst']);
  assert.deepEqual(paths({}), ['error spec.config.ipam']);
  assert.deepEqual(paths({ subnet: '10.0.0.0/24', rangeStart: '10.0.0.10', rangeEnd: '10.0.0.20', gateway: '10.0.0.1' }), []);
  assert.deepEqual(paths({ subnet: 'fd00:10::/64', rangeStart: 'fd00:10::10', rangeEnd: 'fd00:10::ff', gateway: 'fd00:10::1' }), []);
});

test('NAD007: host-local ranges sets, overlap inside one NAD, and ipam without type', () => {
  const r = only(lint(ipam({ ranges: [[{ subnet: '10.1.0.0/24' }], [{ subnet: '10.1.0.0/25' }, { subnet: 'fd00::/64', rangeEnd: 'fd01::1' }]] })), 'NAD007');
  assert.deepEqual(r.map((f) => f.path), ['spec.config.ipam.ranges[1][1].rangeEnd', 'spec.config.ipam.ranges[1][0]']);
  assert.match(r[1]!.message, /overlaps range/);
  assert.deepEqual(only(lint(goodMacvlan({ ipam: {} })), 'NAD007').map((f) => f.path), ['spec.config.ipam.type']);
});

test('NAD007: static IPAM needs addresses unless a plugin declares the ips capability; addresses are CIDRs', () => {
  assert.equal(only(lint(goodMacvlan({ ipam: { type: 'static' } })), 'NAD007').length, 1);
  assert.deepEqual(only(lint(goodMacvlan({ ipam: { type: 'static' }, capabilities: { ips: true } })), 'NAD007'), []);
  assert.deepEqual(only(lint(goodMacvlan({ ipam: { type: 'static', addresses: [{ address: '10.1.1.5' }] } })), 'NAD007').map((f) => f.path), ['spec.config.ipam.addresses[0].address']);
  assert.deepEqual(only(lint(goodMacvlan({ ipam: { type: 'static', addresses: [{ address: '10.1.1.5/24', gateway: '10.1.1.1' }] } })), 'NAD007'), []);
});

test('NAD007: whereabouts range (with the a-b/prefix form) is checked like host-local', () => {
  assert.deepEqual(only(lint(goodMacvlan({ ipam: { type: 'whereabouts', range: '10.3.0.0/24', range_start: '10.4.0.1' } })), 'NAD007').map((f) => f.path), ['spec.config.ipam.range_start']);
  assert.deepEqual(only(lint(goodMacvlan({ ipam: { type: 'whereabouts', range: '10.3.0.10-10.3.0.20/24' } })), 'NAD007'), []);
  assert.equal(only(lint(goodMacvlan({ ipam: { type: 'whereabouts' } })), 'NAD007').length, 1);
});

test('NAD007: overlapping ranges between NADs of one run warn on both, naming the other', () => {
  const a = nadDoc(ipam({ subnet: '10.7.0.0/24' }), 'a');
  const b = nadDoc(ipam({ subnet: '10.7.0.0/16', rangeStart: '10.7.0.200', rangeEnd: '10.7.1.10' }), 'b');
  const c = nadDoc(ipam({ subnet: '10.8.0.0/24' }), 'c');
  const f = lintDocuments([a, b, c]).findings.filter((x) => x.id === 'NAD007');
  assert.deepEqual(f.map((x) => [x.nad, x.level]).sort(), [['a', 'warning'], ['b', 'warning']]);
  assert.match(f.find((x) => x.nad === 'a')!.message, /overlaps b's range 10\.7\.0\.200-10\.7\.1\.10/);
});

test('NAD008: routes to 0.0.0.0/0 or ::/0 and isDefaultGateway warn; other routes do not', () => {
  const f = only(lint(ipam({ subnet: '10.0.0.0/24', routes: [{ dst: '0.0.0.0/0' }, { dst: '::/0' }, { dst: '10.0.0.0/8' }] })), 'NAD008');
  assert.deepEqual(f.map((x) => [x.path, x.level]), [['spec.config.ipam.routes[0].dst', 'warning'], ['spec.config.ipam.routes[1].dst', 'warning']]);
  assert.equal(only(lint({ cniVersion: '1.0.0', type: 'bridge', isDefaultGateway: true }), 'NAD008').length, 1);
  assert.equal(only(lint({ cniVersion: '1.0.0', type: 'flannel', delegate: { isDefaultGateway: true } }), 'NAD008').length, 1);
  assert.deepEqual(only(lint(goodMacvlan()), 'NAD008'), []);
});

test('NAD009: master missing → warning; bad mode, vlan or mtu → error; good values pass', () => {
  const f = (o: Record<string, unknown>) => only(lint(goodMacvlan(o)), 'NAD009').map((x) => `${x.level} ${x.path}`);
  assert.deepEqual(f({ master: undefined }), ['warning spec.config.master']);
  assert.deepEqual(f({ mode: 'l2' }), ['error spec.config.mode']);
  assert.deepEqual(f({ type: 'ipvlan', mode: 'l2' }), []);
  assert.deepEqual(f({ type: 'ipvlan', mode: 'bridge' }), ['error spec.config.mode']);
  assert.deepEqual(f({ mtu: 70000 }), ['error spec.config.mtu']);
  assert.deepEqual(f({ mtu: '1500' }), ['error spec.config.mtu']);
  assert.deepEqual(f({ mtu: 9000 }), []);
  assert.deepEqual(f({ type: 'vlan', mode: undefined, vlanId: 4095 }), ['error spec.config.vlanId']);
  assert.deepEqual(f({ type: 'vlan', mode: undefined, vlanId: 100 }), []);
  assert.deepEqual(f({ type: 'bridge', vlan: 0 }), ['error spec.config.vlan']);
  assert.deepEqual(f({ type: 'sriov', mode: undefined, master: undefined, vlan: 0 }), []);
});

test('ip parsing: IPv4 by hand agrees with the rules users expect; IPv6 through ip-address', async () => {
  const { parseCidr, parseIp, formatInterval } = await import('../../src/nad/ip.js');
  assert.equal(parseIp('10.0.0.1')?.value, 167772161n);
  for (const bad of ['10.0.0.256', '10.0.0', '010.0.0.1', '10.0.0.1/24', 'fd00::1%eth0', '', 'x']) assert.equal(parseIp(bad), undefined, bad);
  const c = parseCidr('10.1.2.3/16')!;
  assert.deepEqual([c.family, c.prefix, formatInterval(c), c.hostBits], [4, 16, '10.1.0.0-10.1.255.255', true]);
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('10.0.0.0'), undefined);
  const v6 = parseCidr('fd00:1::/64')!;
  assert.deepEqual([v6.family, formatInterval(v6), v6.hostBits], [6, 'fd00:1::-fd00:1::ffff:ffff:ffff:ffff', false]);
  assert.equal(parseCidr('fd00::/129'), undefined);
});

test('NAD007: many NADs on one range give bounded findings (named pairs plus a count)', () => {
  const docs = Array.from({ length: 40 }, (_, i) => nadDoc(ipam({ subnet: '10.9.0.0/24' }), `n${i}`));
  const f = lintDocuments(docs).findings.filter((x) => x.id === 'NAD007');
  const last = f.filter((x) => x.nad === 'n39');
  assert.ok(last.some((x) => /overlaps \d+ more ranges of other NADs/.test(x.message)), JSON.stringify(last.map((x) => x.message)));
  assert.ok(f.length < 40 * 12, `bounded: ${f.length}`);
});
