import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNetworkStatus, networkStatusesFor, parseNetworkStatus, type CurrentResult } from '../../src/multus/network-status.js';

// The result the Debian bridge plugin (with host-local) returns for eth0: host bridge, host veth,
// then the sandbox interface; the IP points at index 2.
const bridgeResult: CurrentResult = {
  cniVersion: '1.0.0',
  interfaces: [
    { name: 'cni0', mac: '0a:58:0a:f4:00:01' },
    { name: 'veth1234', mac: '9e:1c:43:35:40:c3' },
    { name: 'eth0', mac: '0a:58:0a:f4:00:05', sandbox: '/var/run/netns/p' },
  ],
  ips: [{ address: '10.244.0.5/24', gateway: '10.244.0.1', interface: 2 }],
  routes: [{ dst: '0.0.0.0/0' }],
  dns: {},
};
const macvlanResult: CurrentResult = {
  cniVersion: '1.0.0',
  interfaces: [{ name: 'net1', mac: 'c2:b0:57:49:47:f1', sandbox: '/var/run/netns/p' }],
  ips: [{ address: '192.168.1.200/24', gateway: '192.168.1.1', interface: 0 }],
  routes: [{ dst: '0.0.0.0/0', gw: '192.168.1.1' }],
  dns: { nameservers: ['10.1.1.1'] },
};

test('network-status for bridge + macvlan equals what Multus writes (except no "<nil>" gateway)', () => {
  const statuses = [...networkStatusesFor(bridgeResult, 'cbr0', true), ...networkStatusesFor(macvlanResult, 'default/macvlan-conf', false)];
  assert.deepEqual(statuses, [
    { name: 'cbr0', interface: 'eth0', ips: ['10.244.0.5'], mac: '0a:58:0a:f4:00:05', default: true, dns: {} },
    { name: 'default/macvlan-conf', interface: 'net1', ips: ['192.168.1.200'], mac: 'c2:b0:57:49:47:f1', dns: { nameservers: ['10.1.1.1'] }, gateway: ['192.168.1.1'] },
  ]);
  // Key order is upstream's struct order, and the text layout is Go's MarshalIndent(4 spaces) joined by ",".
  assert.deepEqual(Object.keys(statuses[1]!), ['name', 'interface', 'ips', 'mac', 'dns', 'gateway']);
  assert.equal(
    formatNetworkStatus(statuses.slice(0, 1)),
    '[{\n    "name": "cbr0",\n    "interface": "eth0",\n    "ips": [\n        "10.244.0.5"\n    ],\n    "mac": "0a:58:0a:f4:00:05",\n    "default": true,\n    "dns": {}\n}]',
  );
});

test('several sandbox interfaces give one entry each; IPs follow their interface index; mtu kept when reported', () => {
  const r: CurrentResult = {
    interfaces: [
      { name: 'a0', mac: '02:00:00:00:00:01', sandbox: '/ns', mtu: 9000 },
      { name: 'host' },
      { name: 'a1', mac: '02:00:00:00:00:02', sandbox: '/ns' },
    ],
    ips: [
      { address: '10.0.0.2/24', interface: 2, gateway: '10.0.0.1' },
      { address: '10.0.1.2/24', interface: 0 },
      { address: '10.0.9.9/24' },
    ],
    routes: [{ dst: '0.0.0.0/0', gw: '10.0.0.1' }],
  };
  assert.deepEqual(networkStatusesFor(r, 'ns/multi', true), [
    { name: 'ns/multi', interface: 'a0', ips: ['10.0.1.2'], mac: '02:00:00:00:00:01', mtu: 9000, dns: {}, gateway: ['10.0.0.1'] },
    { name: 'ns/multi', interface: 'a1', ips: ['10.0.0.2', '10.0.9.9'], mac: '02:00:00:00:00:02', default: true, dns: {}, gateway: ['10.0.0.1'] },
  ]);
});

test('the reader tolerates "<nil>" gateways, missing dns and unknown keys', () => {
  const text = '[{"name":"cbr0","interface":"eth0","ips":["10.244.0.5"],"mac":"0a:58:0a:f4:00:05","default":true,"dns":{},"gateway":["\\u003cnil\\u003e"]},{"name":"default/m","interface":"net1","extra":1}]';
  assert.deepEqual(parseNetworkStatus(text), [
    { name: 'cbr0', interface: 'eth0', ips: ['10.244.0.5'], mac: '0a:58:0a:f4:00:05', default: true, dns: {} },
    { name: 'default/m', interface: 'net1', dns: {} },
  ]);
  assert.throws(() => parseNetworkStatus('{'));
});

test('writer output parses back to the same entries', () => {
  const statuses = [...networkStatusesFor(bridgeResult, 'cbr0', true), ...networkStatusesFor(macvlanResult, 'default/macvlan-conf', false)];
  assert.deepEqual(parseNetworkStatus(formatNetworkStatus(statuses)), statuses);
  assert.ok(!formatNetworkStatus(statuses).includes('nil'));
});

test('upstream CreateNetworkStatuses edge cases: no interface → no entry; IPs on host interfaces dropped; IP without index → last sandbox entry', () => {
  // A result with addresses but no interfaces takes the multi-interface path upstream and yields nothing.
  assert.deepEqual(networkStatusesFor({ ips: [{ address: '10.0.0.2/24' }] }, 'ns/none', true), []);
  const r: CurrentResult = {
    interfaces: [{ name: 'br0', mac: '02:00:00:00:00:09' }, { name: 'eth0', mac: '02:00:00:00:00:01', sandbox: '/ns' }],
    ips: [
      { address: '10.0.0.2/24', interface: 0 },
      { address: '10.0.1.2/24', interface: 1 },
      { address: 'fd00::2/64' },
    ],
    dns: { nameservers: [], search: ['a.local'] },
  };
  assert.deepEqual(networkStatusesFor(r, 'ns/two', false), [{ name: 'ns/two', interface: 'eth0', ips: ['10.0.1.2', 'fd00::2'], mac: '02:00:00:00:00:01', dns: { search: ['a.local'] } }]);
  // The master without any gateway: the first sandbox interface is the default.
  assert.equal(networkStatusesFor(r, 'ns/two', true)[0]!.default, true);
});

test('default routes as Go decides (destination address 0.0.0.0 or ::, any mask); routes without gw are left out, not "<nil>"', () => {
  const r: CurrentResult = {
    interfaces: [{ name: 'net1', sandbox: '/ns' }],
    ips: [{ address: '10.0.0.2/24' }],
    routes: [{ dst: '0.0.0.0/0', gw: '10.0.0.1' }, { dst: '::/0', gw: 'fd00::1' }, { dst: '0.0.0.0/1', gw: '10.0.0.254' }, { dst: '10.9.0.0/16', gw: '10.0.0.1' }, { dst: '0.0.0.0/0' }],
  };
  assert.deepEqual(networkStatusesFor(r, 'x', false)[0]!.gateway, ['10.0.0.1', 'fd00::1', '10.0.0.254']);
});
