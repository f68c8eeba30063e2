import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addressesOutOfRange, attachmentProblems, defaultRouteProblems, firstIpv4, leasesStillHeld, likelyCause, nadRouteProblems, statusVsLive } from '../../src/smoke/compare.js';
import { parseDefaultRoutes, parseIpAddr, type LiveNetwork } from '../../src/smoke/live.js';
import type { NetworkStatus } from '../../src/multus/network-status.js';

// What `ip -j addr show` prints inside a pod with eth0 and a macvlan net1 (trimmed to the keys read).
const IP_ADDR = JSON.stringify([
  { ifname: 'lo', address: '00:00:00:00:00:00', flags: ['LOOPBACK', 'UP'], addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host' }] },
  { ifname: 'eth0', address: '0a:58:0a:f4:01:05', flags: ['BROADCAST', 'UP'], addr_info: [{ family: 'inet', local: '10.244.1.5', prefixlen: 24, scope: 'global' }, { family: 'inet6', local: 'fe80::1', prefixlen: 64, scope: 'link' }] },
  { ifname: 'net1', address: '5e:11:22:33:44:55', flags: ['BROADCAST', 'UP'], addr_info: [{ family: 'inet', local: '10.253.7.11', prefixlen: 24, scope: 'global' }] },
]);
const live = (routes = '[{"dst":"default","gateway":"10.244.1.1","dev":"eth0"}]'): LiveNetwork => ({ interfaces: parseIpAddr(IP_ADDR), defaultRoutes: parseDefaultRoutes(routes, 4) });
const status = (extra: Partial<NetworkStatus> = {}): NetworkStatus[] => [
  { name: 'lab-cluster', interface: 'eth0', ips: ['10.244.1.5'], mac: '0a:58:0a:f4:01:05', default: true, dns: {} },
  { name: 'smoke/net', interface: 'net1', ips: ['10.253.7.11'], mac: '5E:11:22:33:44:55', dns: {}, ...extra },
];
const expected = [{ nadRef: 'smoke/net', interface: 'net1' }];

test('attachment: present and addressed passes; missing, down or address-less is named', () => {
  assert.deepEqual(attachmentProblems(live(), 'net1', true), []);
  assert.deepEqual(attachmentProblems(live(), 'net2', true), ['there is no interface net2 in the pod (it has lo, eth0, net1)']);
  const down: LiveNetwork = { ...live(), interfaces: live().interfaces.map((i) => (i.name === 'net1' ? { ...i, up: false, addresses: [] } : i)) };
  assert.deepEqual(attachmentProblems(down, 'net1', true), ['net1 is down', 'net1 has no IP address although the NAD has IPAM']);
  assert.deepEqual(attachmentProblems(down, 'net1', false), ['net1 is down']);
});

test('ranges: an address outside the subnet or the range bounds fails', () => {
  const ranges = [{ subnet: '10.253.7.0/24', start: '10.253.7.10', end: '10.253.7.20' }];
  assert.deepEqual(addressesOutOfRange('net1', ['10.253.7.11/24'], ranges), []);
  assert.match(addressesOutOfRange('net1', ['10.253.7.21/24'], ranges)[0] ?? '', /net1 has 10\.253\.7\.21\/24, outside the NAD's range 10\.253\.7\.0\/24 \(10\.253\.7\.10 - 10\.253\.7\.20\)/);
  assert.equal(addressesOutOfRange('net1', ['10.9.0.1/24'], [{ subnet: '10.253.7.0/24' }]).length, 1);
  assert.deepEqual(addressesOutOfRange('net1', ['10.9.0.1/24'], []), [], 'no range declared: nothing to compare');
});

test('ranges: every address of a /24 is in it, none of the next one is (property)', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 254 }), (host, third) => {
    const subnet = [{ subnet: `10.1.${third}.0/24` }];
    assert.deepEqual(addressesOutOfRange('x', [`10.1.${third}.${host}/24`], subnet), []);
    assert.equal(addressesOutOfRange('x', [`10.1.${third + 1}.${host}/24`], subnet).length, 1);
  }));
});

test('network-status vs live: equal passes (MAC case ignored); each difference is named', () => {
  assert.deepEqual(statusVsLive(status(), live(), expected), []);
  assert.deepEqual(statusVsLive(status({ ips: ['10.253.7.99'] }), live(), expected), [
    'network-status entry smoke/net (net1): lists 10.253.7.99, which net1 does not have',
    'network-status entry smoke/net (net1): net1 has 10.253.7.11, which network-status does not list',
  ]);
  assert.deepEqual(statusVsLive(status({ mac: '02:00:00:00:00:01' }), live(), expected), ['network-status entry smoke/net (net1): MAC 02:00:00:00:00:01, but net1 has 5e:11:22:33:44:55']);
  assert.deepEqual(statusVsLive(status({ interface: 'net7' }), live(), expected), [
    'network-status has no entry for smoke/net on net1',
    'network-status entry smoke/net (net7): the pod has no interface net7',
  ]);
});

test('default route: on eth0 passes; via net1, none at all, or ECMP across both fails', () => {
  assert.deepEqual(defaultRouteProblems(live(), 'eth0'), []);
  assert.deepEqual(defaultRouteProblems(live('[{"dst":"default","gateway":"10.253.7.1","dev":"net1"}]'), 'eth0'), ['an IPv4 default route leaves by net1 via 10.253.7.1, not eth0']);
  assert.deepEqual(defaultRouteProblems(live('[]'), 'eth0'), ['the pod has no IPv4 default route (expected one on eth0)']);
  const ecmp = '[{"dst":"default","nexthops":[{"gateway":"10.244.1.1","dev":"eth0"},{"gateway":"10.253.7.1","dev":"net1"}]}]';
  assert.equal(defaultRouteProblems(live(ecmp), 'eth0').length, 1);
  assert.deepEqual(defaultRouteProblems(live('[{"dst":"default","gateway":"10.253.7.1","dev":"net1"}]'), 'net1'), []);
});

test('leases: the IPs with a file in the lease dir are still held', () => {
  const dir = ['10.253.7.11', 'last_reserved_ip.0', 'lock'];
  assert.deepEqual(leasesStillHeld(dir, ['10.253.7.11/24', '10.253.7.12/24']), ['10.253.7.11']);
  assert.deepEqual(leasesStillHeld(['last_reserved_ip.0', 'lock'], ['10.253.7.11/24']), []);
  assert.deepEqual(leasesStillHeld(undefined, ['10.253.7.11/24']), [], 'no directory: nothing leased');
});

test('firstIpv4 picks the bare IPv4 address of the interface', () => {
  assert.equal(firstIpv4(live(), 'net1'), '10.253.7.11');
  assert.equal(firstIpv4(live(), 'net9'), undefined);
});

test('a NAD routing 0.0.0.0/0 through its attachment competes with eth0, whether or not it won', () => {
  const attachments = [{ nadRef: 'smoke/net', interface: 'net1', defaultRoutes: ['0.0.0.0/0'] }];
  const [lost] = nadRouteProblems(attachments, 'eth0', ['eth0']);
  assert.match(lost ?? '', /^NAD smoke\/net routes 0\.0\.0\.0\/0 through net1: it competes with the pod's default route on eth0 \(eth0's was added first this time\)/);
  assert.match(nadRouteProblems(attachments, 'eth0', ['net1'])[0] ?? '', /and took it/);
  assert.deepEqual(nadRouteProblems(attachments, 'net1', ['net1']), [], 'asked for the default route on net1');
  assert.deepEqual(nadRouteProblems([{ ...attachments[0]!, defaultRoutes: [] }], 'eth0', ['eth0']), []);
});

test('likely causes: a missing plugin binary, a master that is not on the node', () => {
  const nads = [{ ref: 'ns/smoke-net', type: 'macvlan', master: 'nosuch0' }];
  assert.equal(likelyCause('error adding container to network "smoke-net": failed to find plugin "macvlan" in path [/opt/cni/bin]', 'lab-node2', nads), ' (the macvlan plugin binary is missing in the CNI bin dir of lab-node2)');
  assert.equal(likelyCause('error adding container to network "smoke-net": Link not found', 'lab-node1', nads), ' (is "nosuch0" (master of ns/smoke-net) an interface of lab-node1?)');
  assert.equal(likelyCause('Link not found', 'lab-node1', [{ ref: 'ns/b', type: 'bridge' }]), '');
  assert.equal(likelyCause('something else', 'lab-node1', nads), '');
});
