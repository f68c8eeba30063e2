/**
 * `multusctl smoke` end to end against the real API server with the stand-in kubelet
 * (test/smoke/support/netns-kubelet.ts): real pod namespaces, real pings between them, real
 * JUnit, and planted faults that each check must catch. After every run, passed or failed,
 * nothing of it is left: namespace, pods, NADs, lease files (unless the test planted the leak).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApiServer } from '../support/apiserver.js';
import { NetnsFixture, NETNS_SKIP } from '../support/netns.js';
import { junitSchemaErrors, xpath, XMLLINT_SKIP } from '../support/junit.js';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import { CLI, runCli } from '../e2e/helpers.js';
import { SMOKE_CHECKS } from '../../src/smoke/checks/registry.js';
import { CLEANUP_CHECK, type SmokeResult } from '../../src/smoke/run.js';
import { DEFAULT_NAD_NAME, SMOKE_LABEL } from '../../src/smoke/plan.js';
import { NOT_SELECTED } from '../../src/smoke/framework/runner.js';
import { NetnsKubelet } from './support/netns-kubelet.js';
import { call } from './support/kube-http.js';

let server: Awaited<ReturnType<typeof startTestApiServer>>;
let cluster: Cluster;
let kubelet: NetnsKubelet;
const fx = NETNS_SKIP ? undefined : new NetnsFixture('ms');
const junitDir = mkdtempSync(join(tmpdir(), 'mctl-smoke-junit-'));
const NODES = ['tnode1', 'tnode2'];

before(async () => {
  if (NETNS_SKIP) return;
  server = await startTestApiServer();
  cluster = await connect({ kubeconfig: server.kubeconfigPath, env: {} });
  kubelet = new NetnsKubelet(cluster, { url: server.url, token: server.token }, fx!);
  await kubelet.start(NODES);
});

after(async () => {
  await kubelet?.close();
  await server?.close();
  await fx?.cleanup();
  rmSync(junitDir, { recursive: true, force: true });
  assert.deepEqual(fx?.leftovers() ?? [], []);
});

let runs = 0;
async function smoke(args: string[] = [], options: { leaksPlanted?: boolean } = {}): Promise<{ code: number; result: SmokeResult; junit: string; stderr: string }> {
  const junit = join(junitDir, `smoke-${++runs}.xml`);
  const r = await runCli(['smoke', '--kubeconfig', server.kubeconfigPath, '-o', 'json', '--junit', junit, '--timeout', '30s', ...args], { timeoutMs: 120_000 });
  assert.ok(r.stdout.trim().startsWith('{'), `smoke printed its result as JSON (exit ${r.code}, stderr: ${r.stderr})`);
  const result = JSON.parse(r.stdout) as SmokeResult;
  if (!result.kept) await assertNothingLeft(result, options.leaksPlanted ?? false);
  return { code: r.code, result, junit, stderr: r.stderr };
}

/** Every multusctl-smoke-* namespace on the server (the port has no namespace list: ask the API). */
async function smokeNamespaces(): Promise<string[]> {
  const r = await call({ url: server.url, token: server.token }, 'GET', '/api/v1/namespaces');
  return (JSON.parse(r.text) as { items: Array<{ metadata: { name: string } }> }).items.map((n) => n.metadata.name).filter((n) => n.startsWith('multusctl-smoke-'));
}

async function assertNothingLeft(result: SmokeResult, leaksPlanted: boolean): Promise<void> {
  assert.equal(await cluster.namespaces.exists(result.namespace), false, `namespace ${result.namespace} is gone`);
  assert.deepEqual(await smokeNamespaces(), []);
  assert.deepEqual((await cluster.pods.list({ labelSelector: `${SMOKE_LABEL}=true` })).map((p) => p.metadata?.name), []);
  assert.deepEqual((await cluster.nads.list({ labelSelector: `${SMOKE_LABEL}=true` })).map((n) => n.metadata.name), []);
  if (!leaksPlanted) for (const node of NODES) assert.deepEqual(kubelet.leases(node, DEFAULT_NAD_NAME), [], `no lease left on ${node}`);
}

const byId = (result: SmokeResult, id: string) => result.report.results.find((r) => r.id === id);
const failedIds = (result: SmokeResult): string[] => result.report.results.filter((r) => r.status === 'failed').map((r) => r.id);

test('a healthy cluster passes every check (exit 0); the JUnit file validates and lists every check', { skip: NETNS_SKIP }, async (t) => {
  const { code, result, junit, stderr } = await smoke();
  assert.deepEqual(result.report.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.messages.join('; ')} ${r.log.join('\n')}`), [], stderr);
  assert.equal(code, 0);
  assert.deepEqual(result.report.results.map((r) => r.id), [...SMOKE_CHECKS.map((c) => c.id), CLEANUP_CHECK.id]);
  assert.deepEqual(result.pods.map((p) => p.node), NODES, 'two pods on two nodes');
  assert.match(result.namespace, /^multusctl-smoke-[0-9a-f]{6}$/);
  if (XMLLINT_SKIP) return t.skip(XMLLINT_SKIP);
  assert.equal(junitSchemaErrors(junit), undefined);
  assert.equal(xpath(junit, 'count(//testcase)'), String(SMOKE_CHECKS.length + 1));
  assert.equal(xpath(junit, 'count(//testcase[failure])'), '0');
  assert.equal(xpath(junit, 'string(//testcase[4]/@name)'), SMOKE_CHECKS[3]!.id);
});

test('the human output: a line per check and the final "N passed, N failed" line', { skip: NETNS_SKIP }, async () => {
  const r = await runCli(['smoke', '--kubeconfig', server.kubeconfigPath, '--test', '!ping'], { timeoutMs: 120_000 });
  assert.equal(r.code, 0, r.stderr);
  for (const check of SMOKE_CHECKS.filter((c) => c.id !== 'ping')) assert.match(r.stdout, new RegExp(`^✔ ${check.id}: `, 'm'));
  assert.match(r.stdout, /^- ping: skipped \(not selected by --test\)$/m);
  assert.match(r.stdout, /^8 passed, 0 failed, 1 skipped \(\d+\.\ds\)$/m);
});

test('a pod whose sandbox fails: pods-running fails with Multus\'s message, dependents skip, exit 1', { skip: NETNS_SKIP }, async () => {
  kubelet.faults.failPods = new Map([['smoke-b', 'error adding container to network "smoke-net": failed to find plugin "macvlan" in path [/opt/cni/bin]']]);
  try {
    const { code, result, junit } = await smoke();
    assert.equal(code, 1);
    assert.deepEqual(failedIds(result), ['pods-running']);
    assert.match(byId(result, 'pods-running')!.messages.join(), /pod smoke-b on tnode2 did not start: FailedCreatePodSandBox: error adding container to network "smoke-net": failed to find plugin "macvlan"/);
    assert.equal(byId(result, 'ping')?.status, 'skipped');
    if (!XMLLINT_SKIP) {
      assert.equal(junitSchemaErrors(junit), undefined);
      assert.match(xpath(junit, 'string(//testcase[@name="pods-running"]/failure/@message)'), /smoke-b on tnode2 did not start/);
    }
  } finally {
    kubelet.faults.failPods = undefined;
  }
});

test('each planted fault fails exactly its check', { skip: NETNS_SKIP }, async (t) => {
  const cases: Array<[keyof NetnsKubelet['faults'], string, RegExp]> = [
    ['wrongStatus', 'network-status', /lists 192\.0\.2\.99, which net1 does not have/],
    ['defaultViaNet1', 'default-route', /default route leaves by net1, not eth0/],
    ['leakLeases', 'del-frees-ips', /still leased in \/var\/lib\/cni\/networks\/smoke-net on tnode\d after DEL/],
  ];
  for (const [fault, check, message] of cases) {
    await t.test(fault, async () => {
      (kubelet.faults as Record<string, unknown>)[fault] = true;
      try {
        const { code, result } = await smoke([], { leaksPlanted: fault === 'leakLeases' });
        assert.equal(code, 1);
        assert.deepEqual(failedIds(result), [check]);
        assert.match(byId(result, check)!.messages.join('\n'), message);
      } finally {
        (kubelet.faults as Record<string, unknown>)[fault] = undefined;
      }
    });
  }
  for (const node of NODES) for (const lease of kubelet.leases(node, DEFAULT_NAD_NAME)) rmSync(join(kubelet.root, node, 'var/lib/cni/networks', DEFAULT_NAD_NAME, lease));
});

test('--keep leaves everything in place when a check fails; without a failure it still cleans up', { skip: NETNS_SKIP }, async () => {
  kubelet.faults.wrongStatus = true;
  try {
    const { code, result } = await smoke(['--keep']);
    assert.equal(code, 1);
    assert.equal(result.kept, true);
    assert.equal(byId(result, CLEANUP_CHECK.id), undefined);
    assert.equal(await cluster.namespaces.exists(result.namespace), true);
    await cluster.namespaces.delete(result.namespace);
  } finally {
    kubelet.faults.wrongStatus = undefined;
  }
  const { code, result } = await smoke(['--keep', '--test', 'attachment']);
  assert.equal(code, 0);
  assert.equal(result.kept, false);
  assert.equal(byId(result, 'ping')?.messages[0], NOT_SELECTED);
});

test('Ctrl-C: exits 130 and deletes what it created', { skip: NETNS_SKIP }, async () => {
  const child = spawn(process.execPath, [CLI, 'smoke', '--kubeconfig', server.kubeconfigPath, '--timeout', '30s'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (/✔ pods-running/.test(stdout) && !child.killed) child.kill('SIGINT');
    });
    child.on('close', resolve);
  });
  assert.equal(code, 130, `${stdout}\n${stderr}`);
  assert.match(stderr, /interrupted/);
  assert.deepEqual(await smokeNamespaces(), []);
  assert.deepEqual((await cluster.pods.list({ labelSelector: `${SMOKE_LABEL}=true` })).map((p) => p.metadata?.name), []);
  assert.deepEqual((await cluster.nads.list({ labelSelector: `${SMOKE_LABEL}=true` })).map((n) => n.metadata.name), []);
  for (const node of NODES) assert.deepEqual(kubelet.leases(node, DEFAULT_NAD_NAME), []);
});
