/** NAD010–NAD012: the rules that take cluster or node facts, with and without those facts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Annotations } from '../../src/constants.js';
import type { ClusterFacts, NodeFacts } from '../../src/nad/facts.js';
import { lintDocuments } from '../../src/nad/lint.js';
import { goodMacvlan, lint, nadDoc, only } from './helpers.js';

const cluster = (o: Partial<ClusterFacts> = {}): ClusterFacts => ({ namespace: 'default', podCidrs: [], serviceCidrs: [], pods: [], ...o });
const pod = (networks: ClusterFacts['pods'][number]['networks'], resources: string[] = []) => ({ namespace: 'default', name: 'p1', networks, resources });

test('NAD010: a pod asking for ips/mac through a NAD without those capabilities', () => {
  const facts = cluster({ pods: [pod([{ name: 'net1', namespace: 'default', ips: ['10.50.0.5/24'], mac: 'c2:00:00:00:00:01' }])] });
  const f = only(lint(goodMacvlan(), { cluster: facts }), 'NAD010');
  assert.deepEqual(f.map((x) => x.level), ['error', 'error']);
  assert.match(f[0]!.message, /pod default\/p1 requests "ips"/);
  assert.deepEqual(only(lint(goodMacvlan({ capabilities: { ips: true, mac: true } }), { cluster: facts }), 'NAD010'), []);
  assert.deepEqual(only(lint(goodMacvlan(), {}), 'NAD010'), [], 'no cluster facts: nothing to say');
  const other = cluster({ pods: [pod([{ name: 'net1', namespace: 'other', ips: ['10.50.0.5/24'] }])] });
  assert.deepEqual(only(lint(goodMacvlan(), { cluster: other }), 'NAD010'), [], 'a pod of another namespace references another NAD');
});

test('NAD010: resourceName needs the pods to request the resource and a node to offer it', () => {
  const doc = nadDoc(goodMacvlan({ type: 'sriov', mode: undefined }), 'sriov-net', { annotations: { [Annotations.resourceName]: 'intel.com/sriov' } });
  const using = [pod([{ name: 'sriov-net', namespace: 'default' }])];
  const f = lintDocuments([doc], { cluster: cluster({ pods: using, nodeResources: ['cpu'] }) }).findings.filter((x) => x.id === 'NAD010');
  assert.deepEqual(f.map((x) => x.level), ['error', 'warning']);
  const ok = lintDocuments([doc], { cluster: cluster({ pods: [pod([{ name: 'sriov-net', namespace: 'default' }], ['intel.com/sriov'])], nodeResources: ['intel.com/sriov'] }) });
  assert.deepEqual(ok.findings.filter((x) => x.id === 'NAD010'), []);
});

test('NAD011: missing plugin and IPAM binaries and a missing master on the node', () => {
  const node: NodeFacts = { node: 'lab-node1', binDir: '/opt/cni/bin', binaries: ['bridge', 'host-local'], interfaces: ['lo', 'eth0'] };
  const f = only(lint(goodMacvlan(), { node }), 'NAD011');
  assert.deepEqual(f.map((x) => x.path), ['spec.config.type', 'spec.config.master']);
  assert.match(f[0]!.message, /macvlan is missing in \/opt\/cni\/bin on node lab-node1/);
  assert.match(f[1]!.message, /master eth1 does not exist on node lab-node1/);
  const ok: NodeFacts = { ...node, binaries: ['macvlan', 'host-local'], interfaces: ['eth0', 'eth1'] };
  assert.deepEqual(only(lint(goodMacvlan(), { node: ok }), 'NAD011'), []);
  assert.deepEqual(only(lint(goodMacvlan(), { node: { ...node, binaries: undefined, interfaces: undefined } }), 'NAD011'), [], 'unknown facts are not findings');
  const ipamMissing = only(lint(goodMacvlan(), { node: { ...ok, binaries: ['macvlan'] } }), 'NAD011');
  assert.deepEqual(ipamMissing.map((x) => x.path), ['spec.config.ipam.type']);
});

test('NAD012: a subnet overlapping the pod or service CIDR; IPv6 and disjoint subnets are fine', () => {
  const facts = cluster({ podCidrs: ['10.244.0.0/24', '10.244.1.0/24'], serviceCidrs: ['10.96.0.0/12'] });
  const podHit = only(lint(goodMacvlan({ ipam: { type: 'host-local', subnet: '10.244.1.0/25' } }), { cluster: facts }), 'NAD012');
  assert.match(podHit[0]!.message, /overlaps the cluster's pod CIDR 10\.244\.1\.0\/24/);
  const svc = only(lint(goodMacvlan({ ipam: { type: 'static', addresses: [{ address: '10.100.0.5/16' }] } }), { cluster: facts }), 'NAD012');
  assert.deepEqual(svc.map((x) => x.path), ['spec.config.ipam.addresses[0].address']);
  assert.deepEqual(only(lint(goodMacvlan(), { cluster: facts }), 'NAD012'), []);
  assert.deepEqual(only(lint(goodMacvlan({ ipam: { type: 'host-local', subnet: 'fd00::/64' } }), { cluster: facts }), 'NAD012'), []);
});
