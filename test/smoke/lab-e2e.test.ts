/**
 * `multusctl smoke` and `multusctl doctor` end to end on a real lab (real API server, kubelet,
 * netns and CNI plugins), started in a temp dir with a unique prefix and torn down in `after`.
 * After every smoke run, passed or failed, nothing of it may be left: no namespace, pod, NAD or
 * host-local lease.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../e2e/helpers.js';
import { forceCleanup, labTestTarget, leftovers, onInterrupt } from '../lab/support.js';
import { kubectlJson, labDown, labUp } from '../e2e/lab-helpers.js';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import { LabAnnotations } from '../../src/constants.js';
import { SMOKE_CHECKS } from '../../src/smoke/checks/registry.js';
import { CLEANUP_CHECK, type SmokeResult } from '../../src/smoke/run.js';
import { DEFAULT_NAD_NAME, SMOKE_LABEL } from '../../src/smoke/plan.js';
import type { DoctorReport } from '../../src/smoke/doctor/types.js';
import { junitSchemaErrors, xpath, XMLLINT_SKIP } from '../support/junit.js';

const target = labTestTarget('sm');
const kubeconfig = join(target.dir, 'kubeconfig');
const junitDir = mkdtempSync(join(tmpdir(), 'mctl-smoke-junit-'));
let cluster: Cluster;
let roots: Map<string, string>;

before(async () => {
  onInterrupt(target);
  const up = await labUp(target);
  assert.equal(up.code, 0, `lab up: ${up.stderr}`);
  cluster = await connect({ kubeconfig, env: {} });
  roots = new Map((await cluster.nodes.list()).map((n) => [n.metadata!.name!, n.metadata!.annotations![LabAnnotations.root]!]));
}, { timeout: 200_000 });

after(async () => {
  await labDown(target);
  forceCleanup(target);
  rmSync(target.dir, { recursive: true, force: true });
  rmSync(junitDir, { recursive: true, force: true });
  assert.deepEqual(leftovers(target.prefix), []);
});

let runs = 0;
async function smoke(args: string[] = []): Promise<{ code: number; result: SmokeResult; junit: string; stderr: string }> {
  const junit = join(junitDir, `smoke-${++runs}.xml`);
  const r = await runCli(['smoke', '--kubeconfig', kubeconfig, '-o', 'json', '--junit', junit, '--timeout', '60s', ...args], { timeoutMs: 240_000 });
  assert.ok(r.stdout.trim().startsWith('{'), `smoke printed its result as JSON (exit ${r.code}, stderr: ${r.stderr})`);
  const result = JSON.parse(r.stdout) as SmokeResult;
  await assertNothingLeft(result);
  return { code: r.code, result, junit, stderr: r.stderr };
}

/** The run's namespace, pods, NADs and host-local leases are all gone. */
async function assertNothingLeft(result: SmokeResult): Promise<void> {
  assert.equal(await cluster.namespaces.exists(result.namespace), false, `namespace ${result.namespace} is gone`);
  const namespaces = await kubectlJson<{ items: Array<{ metadata: { name: string } }> }>(target, ['get', 'namespaces']);
  assert.deepEqual(namespaces.items.map((n) => n.metadata.name).filter((n) => n.startsWith('multusctl-smoke-')), []);
  assert.deepEqual((await cluster.pods.list({ labelSelector: `${SMOKE_LABEL}=true` })).map((p) => p.metadata?.name), []);
  assert.deepEqual((await cluster.nads.list({ labelSelector: `${SMOKE_LABEL}=true` })).map((n) => n.metadata.name), []);
  for (const [node, root] of roots) {
    for (const network of [DEFAULT_NAD_NAME, ...result.nads.map((r) => r.split('/')[1]!)]) {
      const dir = join(root, 'var/lib/cni/networks', network);
      const leases = existsSync(dir) ? readdirSync(dir).filter((f) => f !== 'lock' && !f.startsWith('last_reserved_ip')) : [];
      assert.deepEqual(leases, [], `no lease left in ${dir} on ${node}`);
    }
  }
}

const status = (result: SmokeResult, id: string): string | undefined => result.report.results.find((r) => r.id === id)?.status;
const messages = (result: SmokeResult, id: string): string => result.report.results.find((r) => r.id === id)?.messages.join('\n') ?? '';

describe('smoke on a fresh lab', () => {
  test('passes every check, exit 0; the JUnit file validates and lists every check', async (t) => {
    const { code, result, junit, stderr } = await smoke();
    assert.deepEqual(result.report.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.messages.join('; ')}`), [], stderr);
    assert.equal(code, 0);
    assert.deepEqual(result.report.results.map((r) => r.id), [...SMOKE_CHECKS.map((c) => c.id), CLEANUP_CHECK.id]);
    assert.notEqual(result.pods[0]?.node, result.pods[1]?.node, 'two pods on two nodes');
    if (XMLLINT_SKIP) return t.skip(XMLLINT_SKIP);
    assert.equal(junitSchemaErrors(junit), undefined);
    assert.equal(xpath(junit, 'string(/testsuites/testsuite/@tests)'), String(SMOKE_CHECKS.length + 1));
    assert.equal(xpath(junit, 'count(//testcase[failure])'), '0');
  });

  test('--test selects checks (set-up still runs), and the rest are listed as skipped', async () => {
    const { code, result } = await smoke(['--test', 'ping']);
    assert.equal(code, 0);
    assert.equal(status(result, 'ping'), 'passed');
    assert.equal(status(result, 'pods-running'), 'passed');
    assert.equal(status(result, 'ips-in-range'), 'skipped');
  });

  test("fails with a clear reason and exit 1 when the NAD's master does not exist", async () => {
    const { code, result, junit } = await smoke(['--master', 'nosuch0']);
    assert.equal(code, 1);
    assert.equal(status(result, 'pods-running'), 'failed');
    assert.match(messages(result, 'pods-running'), /did not start: .*(nosuch0|error adding container to network)/);
    assert.equal(status(result, 'ping'), 'skipped');
    if (!XMLLINT_SKIP) {
      assert.equal(junitSchemaErrors(junit), undefined);
      assert.equal(xpath(junit, 'string(//testcase[@name="pods-running"]/failure/@type)'), 'CheckFailed');
    }
  });

  test('fails with a clear reason and exit 1 when the plugin binary is missing on one node', async () => {
    const bin = join(roots.get('lab-node2')!, 'opt/cni/bin/macvlan');
    assert.ok(existsSync(bin), `${bin} exists before the test`);
    renameSync(bin, `${bin}.away`);
    try {
      const { code, result } = await smoke();
      assert.equal(code, 1);
      assert.match(messages(result, 'pods-running'), /smoke-b on lab-node2 did not start: .*macvlan/);
      assert.doesNotMatch(messages(result, 'pods-running'), /smoke-a/, 'the pod on the node with the plugin started');
    } finally {
      renameSync(`${bin}.away`, bin);
    }
  });

  test('fails with a clear reason and exit 1 when the NAD routes 0.0.0.0/0', async () => {
    const name = `smoke-route-${runs}`;
    await cluster.nads.create({
      apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { namespace: 'default', name },
      spec: { config: JSON.stringify({ cniVersion: '0.4.0', name, type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'host-local', subnet: '10.252.9.0/24', gateway: '10.252.9.1', routes: [{ dst: '0.0.0.0/0' }] } }) },
    });
    try {
      const { code, result } = await smoke(['--nad', `default/${name}`, '--single-node']);
      assert.equal(code, 1);
      assert.equal(status(result, 'default-route'), 'failed');
      assert.match(messages(result, 'default-route'), new RegExp(`NAD default/${name} routes 0\\.0\\.0\\.0/0 through net1`));
    } finally {
      await cluster.nads.delete('default', name);
    }
  });
});

describe('doctor on the lab', () => {
  async function doctor(): Promise<{ code: number; report: DoctorReport }> {
    const r = await runCli(['doctor', '--kubeconfig', kubeconfig, '-o', 'json'], { timeoutMs: 120_000 });
    assert.ok(r.stdout.trim().startsWith('{'), `doctor printed JSON (stderr ${r.stderr})`);
    return { code: r.code, report: JSON.parse(r.stdout) as DoctorReport };
  }
  const problems = (report: DoctorReport): string[] => report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.check} ${f.object}: ${f.message}`);

  test('a clean lab is clean (exit 0)', async () => {
    const { code, report } = await doctor();
    assert.deepEqual(problems(report), []);
    assert.equal(code, 0);
  });

  test('a CNI config sorting before multus on one node is found', async () => {
    const file = join(roots.get('lab-node2')!, 'etc/cni/net.d/00-aaa-early.conflist');
    writeFileSync(file, JSON.stringify({ cniVersion: '1.0.0', name: 'early', plugins: [{ type: 'bridge' }] }));
    try {
      const { code, report } = await doctor();
      assert.equal(code, 1);
      assert.deepEqual(report.findings.filter((f) => f.check === 'config-order').map((f) => [f.severity, f.object]), [['error', 'node/lab-node2']]);
    } finally {
      rmSync(file, { force: true });
    }
  });

  test('a pod naming a missing NAD is found', async () => {
    await cluster.pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'default', name: 'doctor-lost', annotations: { 'k8s.v1.cni.cncf.io/networks': 'no-such-net' } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '1000'] }] } });
    try {
      const { code, report } = await doctor();
      assert.equal(code, 1);
      assert.deepEqual(report.findings.filter((f) => f.check === 'missing-nad').map((f) => f.object), ['pod/default/doctor-lost']);
    } finally {
      await cluster.pods.delete('default', 'doctor-lost', { gracePeriodSeconds: 0 });
    }
  });
});

describe('pod attach and pod list on the lab', () => {
  const nad = 'attach-net';
  before(async () => {
    await cluster.nads.create({
      apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { namespace: 'default', name: nad },
      spec: { config: JSON.stringify({ cniVersion: '0.4.0', name: nad, type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'host-local', subnet: '10.252.10.0/24' } }) },
    });
  });
  after(async () => {
    await cluster.pods.delete('default', 'probe', { gracePeriodSeconds: 1 }).catch(() => false);
    await cluster.nads.delete('default', nad).catch(() => false);
  });

  test('attach creates a running pod and prints its interfaces; pod list shows it healthy', async () => {
    const r = await runCli(['pod', 'attach', 'probe', '--kubeconfig', kubeconfig, '--network', `${nad}@net1`, '--node', 'lab-node1', '-o', 'json'], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { started: boolean; node: string; inspection: { interfaces: Array<{ name: string; addresses: string[] }> } };
    assert.equal(result.started, true);
    assert.equal(result.node, 'lab-node1');
    assert.match(result.inspection.interfaces.find((i) => i.name === 'net1')?.addresses[0] ?? '', /^10\.252\.10\.\d+\/24$/);
    const list = await runCli(['pod', 'list', '--kubeconfig', kubeconfig, '-o', 'json']);
    const entries = JSON.parse(list.stdout) as Array<{ name: string; health: string }>;
    assert.deepEqual(entries.filter((e) => e.name === 'probe').map((e) => e.health), ['ok']);
  });

  test('doctor finds a running pod whose network-status was removed', async () => {
    await cluster.pods.patchAnnotations('default', 'probe', { 'k8s.v1.cni.cncf.io/network-status': null });
    const r = await runCli(['doctor', '--kubeconfig', kubeconfig, '-o', 'json'], { timeoutMs: 120_000 });
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as DoctorReport;
    assert.deepEqual(report.findings.filter((f) => f.check === 'network-status' && f.severity === 'error').map((f) => f.object), ['pod/default/probe']);
  });

  test('a pod that cannot attach: its events are shown, exit 5, and --rm deletes it', async () => {
    const r = await runCli(['pod', 'attach', 'broken', '--kubeconfig', kubeconfig, '--network', 'no-such-net', '--rm', '--timeout', '60s'], { timeoutMs: 120_000 });
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /did not start/);
    assert.match(r.stderr, /no-such-net/);
    assert.equal(await cluster.pods.get('default', 'broken'), undefined, '--rm deleted the pod');
  });
});
