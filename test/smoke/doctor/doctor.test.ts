import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDoctor } from '../../../src/smoke/doctor/run.js';
import { renderDoctorReport } from '../../../src/smoke/doctor/render.js';
import type { DoctorFinding, DoctorInput } from '../../../src/smoke/doctor/types.js';
import { makeColors } from '../../../src/ui/colors.js';
import { appPod, clusterStatus, healthyCluster, macvlan, multusPod, nad } from './fixtures.js';

const problems = (input: DoctorInput): DoctorFinding[] => runDoctor(input).findings.filter((f) => f.severity !== 'info');
const only = (input: DoctorInput, check: string): DoctorFinding[] => runDoctor(input).findings.filter((f) => f.check === check);

test('a healthy cluster is clean', () => {
  const report = runDoctor(healthyCluster());
  assert.deepEqual(problems(healthyCluster()), []);
  assert.equal(report.summary.clean, true);
  assert.equal(report.summary.errors, 0);
  assert.deepEqual(report.checks.map((c) => c.id), ['multus-daemonset', 'config-order', 'nad-lint', 'nad-overlap', 'missing-nad', 'network-status', 'unused-nads']);
  assert.match(renderDoctorReport(report, { colors: makeColors(false), wide: false }), /^clean: 7 checks over 2 nodes, 5 pods, 2 NADs, no problems$/m);
});

test('multus-daemonset: no multus daemonset at all is an error', () => {
  const input = { ...healthyCluster(), daemonSets: [] };
  const found = only(input, 'multus-daemonset');
  assert.equal(found.length, 1);
  assert.equal(found[0]?.severity, 'error');
  assert.match(found[0]?.message ?? '', /no multus daemonset/);
});

test('multus-daemonset: a node without a ready multus pod is named', () => {
  const input = healthyCluster();
  input.pods = input.pods.filter((p) => p.metadata?.name !== 'kube-multus-ds-node2');
  assert.deepEqual(only(input, 'multus-daemonset').map((f) => [f.severity, f.object]), [['error', 'node/node2']]);
  input.pods.push(multusPod('node2', false));
  const found = only(input, 'multus-daemonset');
  assert.deepEqual(found.map((f) => f.object), ['node/node2']);
  assert.match(found[0]?.message ?? '', /is not ready \(phase Pending\)/);
});

test('multus-daemonset: without visible pods, the daemonset status decides', () => {
  const input = healthyCluster();
  input.pods = input.pods.filter((p) => !p.metadata?.name?.startsWith('kube-multus'));
  assert.deepEqual(only(input, 'multus-daemonset'), []);
  input.daemonSets = [{ ...input.daemonSets[0]!, status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, numberReady: 1 } }];
  const found = only(input, 'multus-daemonset');
  assert.equal(found.length, 1);
  assert.match(found[0]?.message ?? '', /ready on 1 of 2 nodes/);
});

test('config-order: a CNI config sorting before multus is an error on that node', () => {
  const input = healthyCluster();
  input.nodeConfigs![1] = { node: 'node2', confDir: '/etc/cni/net.d', files: ['00-aaa.conflist', '00-multus.conf'], firstType: 'bridge' };
  const found = only(input, 'config-order');
  assert.deepEqual(found.map((f) => [f.severity, f.object]), [['error', 'node/node2']]);
  assert.match(found[0]?.message ?? '', /first CNI config on node node2 is 00-aaa.conflist, not 00-multus.conf/);
});

test('config-order: no multus config, an empty dir and an unreachable node', () => {
  const input = healthyCluster();
  input.nodeConfigs = [
    { node: 'node1', confDir: '/etc/cni/net.d', files: ['10-flannel.conflist'], firstType: 'flannel' },
    { node: 'node2', confDir: '/etc/cni/net.d', files: [] },
  ];
  input.nodes.push({ metadata: { name: 'node3' } });
  const found = only(input, 'config-order');
  assert.deepEqual(found.map((f) => [f.severity, f.object]), [['error', 'node/node1'], ['error', 'node/node2'], ['warning', 'node/node3']]);
  assert.match(found[0]?.message ?? '', /there is no multus config/);
  assert.match(found[1]?.message ?? '', /holds no CNI config/);
});

test('config-order: with node checks turned off, one info and no per-node warning', () => {
  const input = { ...healthyCluster(), nodeConfigs: undefined };
  const found = only(input, 'config-order');
  assert.deepEqual(found.map((f) => [f.severity, f.object]), [['info', 'nodes']]);
  assert.equal(runDoctor(input).summary.clean, true);
});

test('missing-nad: a reference to a NAD in the wrong namespace suggests the right one', () => {
  const input = healthyCluster();
  input.pods.push(appPod('team', 'lost', 'node1', 'macvlan-a'));
  const found = only(input, 'missing-nad');
  assert.equal(found.length, 1);
  assert.equal(found[0]?.object, 'pod/team/lost');
  assert.match(found[0]?.message ?? '', /no NetworkAttachmentDefinition macvlan-a in namespace team/);
  assert.equal(found[0]?.hint, 'did you mean default/macvlan-a?');
});

test('missing-nad: a typo suggests the close name; an unparsable annotation is reported', () => {
  const input = healthyCluster();
  input.pods.push(appPod('default', 'typo', 'node1', 'macvlan-aa'));
  input.pods.push(appPod('default', 'broken', 'node1', 'a/b/c'));
  const found = only(input, 'missing-nad');
  assert.deepEqual(found.map((f) => f.object), ['pod/default/broken', 'pod/default/typo']);
  assert.match(found[0]?.message ?? '', /cannot be parsed: .*Invalid network object/);
  assert.equal(found[1]?.hint, 'did you mean default/macvlan-a?');
});

test('network-status: a running pod without network-status is an error; a pending one is not', () => {
  const input = healthyCluster();
  input.pods.push(appPod('default', 'nostatus', 'node1', 'macvlan-a'));
  const pending = appPod('default', 'starting', 'node1', 'macvlan-a');
  pending.status = { phase: 'Pending' };
  input.pods.push(pending);
  const found = only(input, 'network-status');
  assert.deepEqual(found.map((f) => [f.severity, f.object]), [['error', 'pod/default/nostatus']]);
  assert.match(found[0]?.message ?? '', /no network-status annotation/);
});

test('network-status: an attachment missing from the status, or on another interface, is a mismatch', () => {
  const input = healthyCluster();
  input.pods.push(appPod('default', 'half', 'node1', 'macvlan-a,team/macvlan-b', [clusterStatus, { name: 'default/macvlan-a', interface: 'net1', ips: ['192.168.10.22'], dns: {} }]));
  input.pods.push(appPod('default', 'moved', 'node1', 'macvlan-a@data', [clusterStatus, { name: 'default/macvlan-a', interface: 'net1', ips: ['192.168.10.23'], dns: {} }]));
  const found = only(input, 'network-status');
  assert.deepEqual(found.map((f) => f.object), ['pod/default/half', 'pod/default/moved']);
  assert.match(found[0]?.message ?? '', /team\/macvlan-b: no network-status entry/);
  assert.match(found[1]?.message ?? '', /has it on net1, not data/);
});

test('network-status: a requested static IP that the status lacks is a mismatch', () => {
  const input = healthyCluster();
  input.pods.push(appPod('default', 'static', 'node1', '[{"name":"macvlan-a","ips":["192.168.10.50/24"]}]', [clusterStatus, { name: 'default/macvlan-a', interface: 'net1', ips: ['192.168.10.24'], dns: {} }]));
  const found = only(input, 'network-status');
  assert.equal(found.length, 1);
  assert.match(found[0]?.message ?? '', /asked for 192.168.10.50\/24 but network-status shows 192.168.10.24/);
});

test('network-status: invalid status JSON is an error; an entry nobody requested is only info', () => {
  const input = healthyCluster();
  const bad = appPod('default', 'garbled', 'node1', 'macvlan-a');
  bad.metadata!.annotations!['k8s.v1.cni.cncf.io/network-status'] = '[{"name":';
  input.pods.push(bad);
  input.pods.push(appPod('default', 'extra', 'node1', 'macvlan-a', [clusterStatus, { name: 'default/macvlan-a', interface: 'net1', dns: {} }, { name: 'default/old', interface: 'net2', dns: {} }]));
  const found = only(input, 'network-status');
  assert.deepEqual(found.map((f) => [f.severity, f.object]), [['error', 'pod/default/garbled'], ['info', 'pod/default/extra']]);
  assert.equal(runDoctor(input).summary.errors, 1);
});

test('network-status: a hostNetwork pod with a networks annotation gets a warning', () => {
  const input = healthyCluster();
  const pod = appPod('default', 'host', 'node1', 'macvlan-a');
  pod.spec!.hostNetwork = true;
  input.pods.push(pod);
  assert.deepEqual(only(input, 'network-status').map((f) => [f.severity, f.object]), [['warning', 'pod/default/host']]);
});

test('unused-nads: a NAD nobody references is info, and a default-network reference counts as use', () => {
  const input = healthyCluster();
  input.nads.push(macvlan('default', 'spare', '192.168.30.0/24'));
  input.nads.push(macvlan('kube-system', 'alt-default', '192.168.40.0/24'));
  input.pods.push({ metadata: { namespace: 'default', name: 'alt', annotations: { 'v1.multus-cni.io/default-network': 'alt-default' } }, spec: { containers: [] }, status: { phase: 'Running' } });
  const found = only(input, 'unused-nads');
  assert.deepEqual(found.map((f) => [f.severity, f.object]), [['info', 'NetworkAttachmentDefinition/default/spare']]);
  assert.equal(runDoctor(input).summary.clean, true);
});

test('findings are sorted errors first and the human report groups them by severity', () => {
  const input = healthyCluster();
  input.nads.push(macvlan('default', 'spare', '192.168.30.0/24'));
  input.pods.push(appPod('default', 'nostatus', 'node1', 'macvlan-a'));
  input.nodes.push({ metadata: { name: 'node3' } });
  const report = runDoctor(input);
  assert.deepEqual(report.findings.map((f) => f.severity), ['error', 'error', 'warning', 'info']);
  const text = renderDoctorReport(report, { colors: makeColors(false), wide: false });
  assert.ok(text.indexOf('Errors (2)') < text.indexOf('Warnings (1)'));
  assert.ok(text.indexOf('Warnings (1)') < text.indexOf('Info (1)'));
  assert.match(text, /2 errors, 1 warnings, 1 info: 7 checks over 3 nodes, 6 pods, 3 NADs$/);
  assert.equal(report.summary.clean, false);
});

test('nad-lint: the NAD lint rules run over every NAD (a 0.0.0.0/0 route, a broken config)', () => {
  const input = healthyCluster();
  input.nads.push(nad('default', 'routes-all', { type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'host-local', subnet: '10.30.0.0/24', routes: [{ dst: '0.0.0.0/0' }] } }));
  input.nads.push({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { namespace: 'default', name: 'broken' }, spec: { config: '{"type": ' } });
  const found = only(input, 'nad-lint');
  assert.ok(found.some((f) => f.object === 'NetworkAttachmentDefinition/default/routes-all' && /^NAD008 /.test(f.message)), JSON.stringify(found));
  assert.ok(found.some((f) => f.object === 'NetworkAttachmentDefinition/default/broken' && f.severity === 'error' && /^NAD002 /.test(f.message)), JSON.stringify(found));
  assert.deepEqual(only(healthyCluster(), 'nad-lint').filter((f) => f.severity !== 'info'), []);
});

test('nad-overlap: two NADs handing out the same addresses are named, each pointing at the other', () => {
  const input = healthyCluster();
  const ref = input.nads[0]!;
  const subnet = (JSON.parse(ref.spec!.config!) as { ipam: { ranges: Array<Array<{ subnet: string }>> } }).ipam.ranges[0]![0]!.subnet;
  input.nads.push(macvlan('other', 'twin', subnet));
  const found = only(input, 'nad-overlap');
  assert.deepEqual(found.map((f) => f.object).sort(), [`NetworkAttachmentDefinition/${ref.metadata.namespace}/${ref.metadata.name}`, 'NetworkAttachmentDefinition/other/twin'].sort());
  assert.match(found[0]?.message ?? '', /overlaps .*'s range/);
  assert.deepEqual(only(input, 'nad-lint').filter((f) => /overlaps/.test(f.message) && /'s range/.test(f.message)), [], 'not reported twice');
});
