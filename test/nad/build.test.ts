import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildNad, missingOptions, type BuildOptions } from '../../src/nad/build.js';
import { lintDocuments } from '../../src/nad/lint.js';
import { interfaceNames } from '../../src/nad/node-facts.js';
import { flagValues } from '../../src/nad/cluster-facts.js';
import { nadRow } from '../../src/nad/summary.js';
import { podsUsing, podUsages } from '../../src/nad/usage.js';
import type { V1Pod } from '../../src/k8s/types.js';

const configOf = (o: BuildOptions) => JSON.parse(buildNad(o).spec!.config!) as Record<string, unknown>;

test('macvlan + host-local from flags: the config users would write by hand', () => {
  const c = configOf({ name: 'mv', type: 'macvlan', master: 'eth1', ipam: 'host-local', subnet: '10.10.0.0/24', rangeStart: '10.10.0.10', rangeEnd: '10.10.0.50', gateway: '10.10.0.1', routes: ['10.20.0.0/16,10.10.0.254', '10.30.0.0/16'], mtu: 1400 });
  assert.deepEqual(c, {
    cniVersion: '1.0.0', name: 'mv', type: 'macvlan', master: 'eth1', mode: 'bridge', mtu: 1400,
    ipam: { type: 'host-local', subnet: '10.10.0.0/24', rangeStart: '10.10.0.10', rangeEnd: '10.10.0.50', gateway: '10.10.0.1', routes: [{ dst: '10.20.0.0/16', gw: '10.10.0.254' }, { dst: '10.30.0.0/16' }] },
  });
});

test('each plugin gets its own keys; static without addresses declares the ips capability', () => {
  assert.deepEqual(configOf({ name: 'b', type: 'bridge', ipam: 'dhcp', vlan: 10 }), { cniVersion: '1.0.0', name: 'b', type: 'bridge', bridge: 'br-b', vlan: 10, ipam: { type: 'dhcp' } });
  assert.equal(configOf({ name: 'h', type: 'host-device', master: 'eth2', ipam: 'none' }).device, 'eth2');
  assert.equal(configOf({ name: 'v', type: 'vlan', master: 'eth1', vlan: 42, ipam: 'none' }).vlanId, 42);
  assert.equal(configOf({ name: 'i', type: 'ipvlan', master: 'eth1', ipam: 'none' }).mode, 'l2');
  assert.deepEqual(configOf({ name: 's', type: 'macvlan', master: 'eth1', ipam: 'static' }).capabilities, { ips: true });
  assert.deepEqual(configOf({ name: 's', type: 'macvlan', master: 'eth1', ipam: 'static', addresses: ['10.1.1.5/24'], gateway: '10.1.1.1' }).ipam, { type: 'static', addresses: [{ address: '10.1.1.5/24', gateway: '10.1.1.1' }] });
  assert.deepEqual(configOf({ name: 'w', type: 'macvlan', master: 'eth1', ipam: 'whereabouts', subnet: '10.2.0.0/24', rangeStart: '10.2.0.5' }).ipam, { type: 'whereabouts', range: '10.2.0.0/24', range_start: '10.2.0.5' });
  const sriov = buildNad({ name: 'sr', type: 'sriov', ipam: 'none', resourceName: 'intel.com/sriov' });
  assert.equal(sriov.metadata.annotations?.['k8s.v1.cni.cncf.io/resourceName'], 'intel.com/sriov');
});

test('missingOptions names the flags a usable config still needs', () => {
  assert.deepEqual(missingOptions({ name: 'x' }), ['--type', '--ipam']);
  assert.deepEqual(missingOptions({ name: 'x', type: 'macvlan', ipam: 'host-local' }), ['--master', '--subnet']);
  assert.deepEqual(missingOptions({ name: 'x', type: 'vlan', master: 'eth1', ipam: 'dhcp' }), ['--vlan']);
  assert.deepEqual(missingOptions({ name: 'x', type: 'bridge', ipam: 'static' }), []);
});

test('property: every complete flag set builds a NAD without lint errors', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  fc.assert(
    fc.property(
      fc.constantFrom('macvlan', 'ipvlan', 'bridge', 'host-device', 'vlan'),
      fc.constantFrom('host-local', 'static', 'dhcp', 'whereabouts', 'none'),
      octet, octet, fc.integer({ min: 1, max: 4094 }), fc.option(fc.integer({ min: 1280, max: 9000 }), { nil: undefined }),
      (type, ipam, a, b, vlan, mtu) => {
        const o: BuildOptions = { name: `n-${a}`, type, ipam, master: 'eth1', vlan: type === 'vlan' || type === 'bridge' ? vlan : undefined, subnet: `10.${a}.${b}.0/24`, rangeStart: `10.${a}.${b}.10`, rangeEnd: `10.${a}.${b}.100`, gateway: `10.${a}.${b}.1`, mtu };
        assert.deepEqual(missingOptions(o), []);
        const report = lintDocuments([{ nad: buildNad(o), source: { index: 0 } }]);
        assert.equal(report.summary.errors, 0, JSON.stringify(report.findings));
      },
    ),
    { numRuns: 200 },
  );
});

test('usage: pods referencing a NAD by comma or JSON form, in their own or another namespace', () => {
  const pod = (ns: string, name: string, networks?: string, limits?: Record<string, string>): V1Pod => ({ metadata: { namespace: ns, name, annotations: networks ? { 'k8s.v1.cni.cncf.io/networks': networks } : {} }, spec: { containers: [{ name: 'c', resources: { limits } }] } });
  const usages = podUsages([
    pod('default', 'a', 'mv'), pod('default', 'b', 'other/mv@net2'), pod('other', 'c', '[{"name":"mv"}]'),
    pod('default', 'd'), pod('default', 'e', 'Bad_Name!'), pod('default', 'f', 'mv', { 'intel.com/sriov': '1' }),
  ]);
  assert.deepEqual(podsUsing(usages, 'default', 'mv'), ['default/a', 'default/f']);
  assert.deepEqual(podsUsing(usages, 'other', 'mv'), ['default/b', 'other/c']);
  assert.deepEqual(usages.find((u) => u.name === 'f')!.resources, ['intel.com/sriov']);
});

test('summary row: type, IPAM and subnets of single configs and conflists', () => {
  const conflist = { cniVersion: '1.0.0', name: 'x', plugins: [{ type: 'bridge', ipam: { type: 'host-local', ranges: [[{ subnet: '10.1.0.0/24' }], [{ subnet: 'fd00::/64' }]] } }, { type: 'tuning' }] };
  const row = nadRow({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'x', namespace: 'ns' }, spec: { config: JSON.stringify(conflist) } }, ['ns/p']);
  assert.deepEqual(row, { namespace: 'ns', name: 'x', type: 'bridge+tuning', ipam: 'host-local', subnet: '10.1.0.0/24,fd00::/64', pods: ['ns/p'] });
  assert.equal(nadRow({ apiVersion: '', kind: '', metadata: { name: 'y' }, spec: { config: '{bad' } }, []).type, '?');
});

test('facts parsers: ip -j link names, control-plane flags in both spellings', () => {
  assert.deepEqual(interfaceNames('[{"ifindex":1,"ifname":"lo"},{"ifindex":2,"ifname":"eth1"}]'), ['lo', 'eth1']);
  assert.equal(interfaceNames('not json'), undefined);
  const pods: V1Pod[] = [{ spec: { containers: [{ name: 'kube-apiserver', command: ['kube-apiserver', '--service-cluster-ip-range=10.96.0.0/12,fd00:96::/108'] }, { name: 'x', args: ['--cluster-cidr', '10.244.0.0/16'] }] } }];
  assert.deepEqual(flagValues(pods, '--service-cluster-ip-range'), ['10.96.0.0/12', 'fd00:96::/108']);
  assert.deepEqual(flagValues(pods, '--cluster-cidr'), ['10.244.0.0/16']);
});
