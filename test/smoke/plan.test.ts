import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateNodes, planSmoke, type SmokeRequest } from '../../src/smoke/plan.js';
import { parseNetworkAnnotation } from '../../src/multus/annotation.js';
import { buildTestPod, networksAnnotation, parseNetworkFlag } from '../../src/smoke/test-pod.js';
import type { V1Node } from '../../src/k8s/types.js';

const node = (name: string, extra: Partial<V1Node> = {}, lab = true): V1Node => ({
  metadata: { name, labels: lab ? { 'multusctl.io/lab': 'true' } : {} },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
  ...extra,
});
const request = (extra: Partial<SmokeRequest> = {}): SmokeRequest => ({ nads: [], nadNamespace: 'default', singleNode: false, suffix: 'ab12cd', octet: 7, ...extra });

test('on a lab: a macvlan NAD on eth1, two pods on two nodes, each asking for its own IP', () => {
  const plan = planSmoke(request(), [node('lab-node2'), node('lab-node1')]);
  assert.equal(plan.namespace, 'multusctl-smoke-ab12cd');
  const config = JSON.parse(plan.createNad?.spec?.config ?? '{}');
  assert.equal(config.type, 'macvlan');
  assert.equal(config.master, 'eth1');
  assert.deepEqual(config.ipam.ranges, [[{ subnet: '10.253.7.0/24' }]]);
  assert.deepEqual(plan.pods.map((p) => [p.name, p.node]), [['smoke-a', 'lab-node1'], ['smoke-b', 'lab-node2']]);
  assert.deepEqual(plan.pods.map((p) => p.requests[0]?.ips), [['10.253.7.11/24'], ['10.253.7.12/24']]);
});

test('no master on a real cluster: a bridge NAD, both pods on one node, and a note saying why', () => {
  const plan = planSmoke(request(), [node('a', {}, false), node('b', {}, false)]);
  assert.equal(JSON.parse(plan.createNad?.spec?.config ?? '{}').type, 'bridge');
  assert.deepEqual(plan.pods.map((p) => p.node), ['a', 'a']);
  assert.match(plan.notes[0] ?? '', /bridge NAD/);
});

test('--single-node, one node, given NADs', () => {
  assert.deepEqual(planSmoke(request({ singleNode: true }), [node('lab-node1'), node('lab-node2')]).pods.map((p) => p.node), ['lab-node1', 'lab-node1']);
  const one = planSmoke(request(), [node('lab-node1')]);
  assert.match(one.notes.join(), /only one usable node/);
  const given = planSmoke(request({ nads: ['net-a', 'other/net-b'] }), [node('x'), node('y')]);
  assert.equal(given.createNad, undefined);
  assert.deepEqual(given.attachments, [{ nadRef: 'default/net-a', interface: 'net1' }, { nadRef: 'other/net-b', interface: 'net2' }]);
  assert.throws(() => planSmoke(request(), []), /no Ready, schedulable node/);
});

test('candidate nodes leave out unready, cordoned and tainted nodes (tainted only if others exist)', () => {
  const tainted = node('cp', { spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } });
  const cordoned = node('c', { spec: { unschedulable: true } });
  const unready = { ...node('u'), status: { conditions: [{ type: 'Ready', status: 'False' }] } };
  assert.deepEqual(candidateNodes([tainted, cordoned, unready, node('w2'), node('w1')]), ['w1', 'w2']);
  assert.deepEqual(candidateNodes([tainted]), ['cp']);
});

test('networks annotation: comma form when possible, JSON when IPs or a default route are asked, and parses back', () => {
  assert.equal(networksAnnotation([parseNetworkFlag('net-a@eth7'), parseNetworkFlag('other/net-b')], 'default'), 'net-a@eth7,other/net-b');
  const json = networksAnnotation([{ nad: 'net-a', interface: 'net1', ips: ['10.1.1.5/24'], defaultRoute: ['10.1.1.1'] }], 'default');
  assert.deepEqual(parseNetworkAnnotation(json, 'default')[0], { name: 'net-a', namespace: 'default', interface: 'net1', ips: ['10.1.1.5/24'], defaultRoute: ['10.1.1.1'] });
  assert.throws(() => networksAnnotation([parseNetworkFlag('net-a@this-name-is-too-long')], 'default'), /interface name/);
});

test('the test pod sleeps, carries the annotation and the managed-by label, and is pinned when asked', () => {
  const pod = buildTestPod({ namespace: 'ns', name: 'p', networks: 'net-a', node: 'lab-node2' });
  assert.equal(pod.spec?.nodeName, 'lab-node2');
  assert.equal(pod.spec?.containers[0]?.image, 'nicolaka/netshoot');
  assert.equal(pod.spec?.containers[0]?.command?.[0], 'sleep');
  assert.equal(pod.metadata?.annotations?.['k8s.v1.cni.cncf.io/networks'], 'net-a');
  assert.equal(pod.metadata?.labels?.['app.kubernetes.io/managed-by'], 'multusctl');
});
