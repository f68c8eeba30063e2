/**
 * `multusctl doctor` end to end against the real (lab) API server in-process: a healthy cluster is
 * clean (exit 0); each planted problem is found with its check, object and exit code.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApiServer } from '../support/apiserver.js';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import { runCli } from '../e2e/helpers.js';
import type { DoctorReport } from '../../src/smoke/doctor/types.js';
import { addMultusDaemonSet, addNad, addNode, appPod, ensureNamespace, macvlanConfig } from './support/cluster-fixture.js';

let server: Awaited<ReturnType<typeof startTestApiServer>>;
let cluster: Cluster;

before(async () => {
  server = await startTestApiServer();
  cluster = await connect({ kubeconfig: server.kubeconfigPath, env: {} });
  const target = { url: server.url, token: server.token };
  for (const n of ['node1', 'node2']) await addNode(target, n);
  await addMultusDaemonSet(target, ['node1', 'node2'], cluster);
  await ensureNamespace(target, 'app');
  await addNad(cluster, 'app', 'macvlan-a', macvlanConfig('10.10.1.0/24'));
  await appPod(cluster, 'app', 'web', 'node1', 'macvlan-a@net1', [{ name: 'app/macvlan-a', interface: 'net1', ips: ['10.10.1.5'], dns: {} }]);
});

after(async () => {
  await server?.close();
});

async function doctor(): Promise<{ code: number; report: DoctorReport; stderr: string }> {
  const r = await runCli(['doctor', '--kubeconfig', server.kubeconfigPath, '--no-nodes', '-o', 'json'], { timeoutMs: 120_000 });
  assert.ok(r.stdout.trim().startsWith('{'), `doctor printed JSON (stderr: ${r.stderr})`);
  return { code: r.code, report: JSON.parse(r.stdout) as DoctorReport, stderr: r.stderr };
}

const problems = (report: DoctorReport): string[] => report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.check} ${f.object}`);

// These run in order: each plants one more problem and looks for it.
test('a healthy cluster is clean: exit 0, no error or warning', async () => {
  const { code, report, stderr } = await doctor();
  assert.deepEqual(problems(report), [], stderr);
  assert.equal(code, 0);
  assert.equal(report.summary.clean, true);
  assert.equal(report.summary.nodes, 2);
});

test('a pod naming a NAD that does not exist: error, exit 1, with a did-you-mean', async () => {
  await ensureNamespace({ url: server.url, token: server.token }, 'team');
  await appPod(cluster, 'team', 'lost', 'node2', 'macvlan-a');
  const { code, report } = await doctor();
  assert.equal(code, 1);
  const found = report.findings.filter((f) => f.check === 'missing-nad');
  assert.deepEqual(found.map((f) => [f.severity, f.object]), [['error', 'pod/team/lost']]);
  assert.match(found[0]?.hint ?? '', /did you mean app\/macvlan-a\?/);
});

test('a running pod without network-status, and one whose status disagrees', async () => {
  await appPod(cluster, 'app', 'no-status', 'node1', 'macvlan-a@net1');
  await appPod(cluster, 'app', 'wrong-if', 'node2', 'macvlan-a@net1', [{ name: 'app/macvlan-a', interface: 'net2', ips: ['10.10.1.6'], dns: {} }]);
  const { report } = await doctor();
  const found = report.findings.filter((f) => f.check === 'network-status' && f.severity === 'error' && f.object.startsWith('pod/app/')).map((f) => f.object).sort();
  assert.deepEqual(found, ['pod/app/no-status', 'pod/app/wrong-if']);
});

test('a NAD nobody uses is reported as info', async () => {
  await addNad(cluster, 'app', 'leftover', macvlanConfig('10.10.9.0/24'));
  const { report } = await doctor();
  assert.deepEqual(report.findings.filter((f) => f.check === 'unused-nads').map((f) => [f.severity, f.object]), [['info', 'NetworkAttachmentDefinition/app/leftover']]);
});

test('a multus pod that is not ready names its node', async () => {
  const pod = await cluster.pods.get('kube-system', 'kube-multus-ds-node2');
  await cluster.pods.updateStatus({ ...pod!, status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] } });
  const { code, report } = await doctor();
  assert.equal(code, 1);
  assert.deepEqual(report.findings.filter((f) => f.check === 'multus-daemonset').map((f) => f.object), ['node/node2']);
});

test('two NADs with overlapping ranges are found by nad-overlap (the NAD lint rule, run by doctor)', async () => {
  await addNad(cluster, 'team', 'twin', macvlanConfig('10.10.1.0/25'));
  const { report } = await doctor();
  assert.deepEqual(report.findings.filter((f) => f.check === 'nad-overlap').map((f) => f.object).sort(), ['NetworkAttachmentDefinition/app/macvlan-a', 'NetworkAttachmentDefinition/team/twin']);
});
