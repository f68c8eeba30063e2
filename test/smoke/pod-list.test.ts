import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podListEntries, renderPodList } from '../../src/smoke/pod-list.js';
import { makeColors } from '../../src/ui/colors.js';
import type { V1Pod } from '../../src/k8s/types.js';

const pod = (name: string, annotations: Record<string, string>, phase = 'Running', namespace = 'default'): V1Pod => ({
  metadata: { namespace, name, annotations }, spec: { nodeName: 'lab-node1', containers: [] }, status: { phase },
});
const status = (entries: object[]): string => JSON.stringify([{ name: 'cluster', interface: 'eth0', ips: ['10.244.0.5'], default: true, dns: {} }, ...entries]);

test('pod list: only pods with a networks annotation, sorted, each attachment with its status IPs and a health', () => {
  const pods = [
    pod('plain', {}),
    pod('web', { 'k8s.v1.cni.cncf.io/networks': 'macvlan@net1', 'k8s.v1.cni.cncf.io/network-status': status([{ name: 'default/macvlan', interface: 'net1', ips: ['10.1.1.5'], mac: '02:00:00:00:00:01', dns: {} }]) }),
    pod('api', { 'k8s.v1.cni.cncf.io/networks': 'macvlan' }),
    pod('new', { 'k8s.v1.cni.cncf.io/networks': 'macvlan' }, 'Pending'),
    pod('typo', { 'k8s.v1.cni.cncf.io/networks': 'macvlan@eth0/x' }),
  ];
  const entries = podListEntries(pods);
  assert.deepEqual(entries.map((e) => [e.name, e.health]), [['api', 'missing'], ['new', 'pending'], ['typo', 'invalid'], ['web', 'ok']]);
  assert.deepEqual(entries[3]?.attachments, [{ network: 'default/macvlan@net1', interface: 'net1', ips: ['10.1.1.5'], mac: '02:00:00:00:00:01' }]);
  const text = renderPodList(entries, { colors: makeColors(false), wide: true });
  assert.match(text, /^NAMESPACE\s+NAME\s+NODE\s+PHASE\s+ATTACHMENTS\s+HEALTH\s+PROBLEMS$/m);
  assert.match(text, /web\s+lab-node1\s+Running\s+default\/macvlan@net1 10\.1\.1\.5\s+ok/);
  assert.match(text, /api .*missing\s+running, but has no network-status/);
  assert.equal(renderPodList([], { colors: makeColors(false), wide: false }), 'No pods use secondary networks.');
});

test('pod list: a status on another interface than asked is a mismatch', () => {
  const [entry] = podListEntries([pod('p', { 'k8s.v1.cni.cncf.io/networks': 'macvlan@net1', 'k8s.v1.cni.cncf.io/network-status': status([{ name: 'default/macvlan', interface: 'net2', ips: ['10.1.1.5'], dns: {} }]) })]);
  assert.equal(entry?.health, 'mismatch');
  assert.match(entry?.problems[0] ?? '', /has it on net2, not net1/);
});
