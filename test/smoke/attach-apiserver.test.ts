/**
 * `pod attach` and `pod list` end to end against the real API server, with a stand-in kubelet
 * (test/smoke/support/netns-kubelet.ts) that starts pods in real network namespaces or fails them
 * with Multus's error event. Interfaces are read through the lab node helper, as on a lab.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApiServer } from '../support/apiserver.js';
import { NetnsFixture, NETNS_SKIP } from '../support/netns.js';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import { spawn } from 'node:child_process';
import { CLI, runCli } from '../e2e/helpers.js';
import type { AttachResult } from '../../src/smoke/attach.js';
import type { PodListEntry } from '../../src/smoke/pod-list.js';
import { addNad, macvlanConfig } from './support/cluster-fixture.js';
import { NetnsKubelet } from './support/netns-kubelet.js';

let server: Awaited<ReturnType<typeof startTestApiServer>>;
let cluster: Cluster;
let kubelet: NetnsKubelet;
const fx = NETNS_SKIP ? undefined : new NetnsFixture('ma');

before(async () => {
  if (NETNS_SKIP) return;
  server = await startTestApiServer();
  cluster = await connect({ kubeconfig: server.kubeconfigPath, env: {} });
  kubelet = new NetnsKubelet(cluster, { url: server.url, token: server.token }, fx!);
  await kubelet.start(['tnode1', 'tnode2']);
  await addNad(cluster, 'default', 'macvlan-a', macvlanConfig('10.10.1.0/24'));
});

after(async () => {
  await kubelet?.close();
  await server?.close();
  await fx?.cleanup();
  assert.deepEqual(fx?.leftovers() ?? [], []);
});

const attach = (args: string[]) => runCli(['pod', 'attach', ...args, '--kubeconfig', server.kubeconfigPath, '--timeout', '40s'], { timeoutMs: 90_000 });

test('attach: the pod runs on the node asked for, its interfaces are printed, pod list shows it ok', { skip: NETNS_SKIP }, async () => {
  const r = await attach(['probe', '--network', 'macvlan-a@net1', '--node', 'tnode2', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout) as AttachResult;
  assert.equal(result.started, true);
  assert.equal(result.node, 'tnode2');
  assert.equal(result.networks, 'macvlan-a@net1');
  assert.match(result.inspection?.interfaces.find((i) => i.name === 'net1')?.addresses[0] ?? '', /^10\.10\.1\.\d+\/24$/);
  assert.deepEqual(result.inspection?.defaultRoutes.map((d) => d.dev), ['eth0']);
  const pod = await cluster.pods.get('default', 'probe');
  assert.equal(pod?.spec?.nodeName, 'tnode2');
  assert.equal(pod?.spec?.containers[0]?.image, 'nicolaka/netshoot');
  const list = await runCli(['pod', 'list', '--kubeconfig', server.kubeconfigPath, '-o', 'json']);
  assert.deepEqual((JSON.parse(list.stdout) as PodListEntry[]).map((e) => [e.name, e.health, e.attachments[0]?.ips.length]), [['probe', 'ok', 1]]);
  const table = await runCli(['pod', 'list', '--kubeconfig', server.kubeconfigPath]);
  assert.match(table.stdout, /default\s+probe\s+tnode2\s+Running\s+default\/macvlan-a@net1 10\.10\.1\.\d+\s+ok/);
});

test('attach --ip and --default-route use the JSON annotation; --rm deletes the pod', { skip: NETNS_SKIP }, async () => {
  const r = await attach(['fixed', '--network', 'macvlan-a', '--ip', '10.10.1.77/24', '--default-route', '10.10.1.1', '--rm', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout) as AttachResult;
  assert.deepEqual(JSON.parse(result.networks), [{ name: 'macvlan-a', ips: ['10.10.1.77/24'], 'default-route': ['10.10.1.1'] }]);
  assert.deepEqual(result.inspection?.interfaces.find((i) => i.name === 'net1')?.addresses, ['10.10.1.77/24']);
  assert.equal(result.deleted, true);
  assert.equal(await cluster.pods.get('default', 'fixed'), undefined);
});

test('attach: a pod whose sandbox fails shows the events with Multus\'s message and exits 5', { skip: NETNS_SKIP }, async () => {
  const message = 'plugin type="multus" failed (add): [default/broken/uid:macvlan-a]: error adding container to network "macvlan-a": Link not found';
  kubelet.faults.failPods = new Map([['broken', message]]);
  const r = await attach(['broken', '--network', 'macvlan-a']);
  assert.equal(r.code, 5, r.stderr);
  assert.match(r.stderr, /Error: pod default\/broken did not start: FailedCreatePodSandBox: .*error adding container to network "macvlan-a": Link not found/);
  assert.match(r.stderr, /events of pod default\/broken:\n.*TYPE\s+REASON\s+MESSAGE/);
  assert.match(r.stderr, /kept for inspection/);
  assert.notEqual(await cluster.pods.get('default', 'broken'), undefined, 'kept without --rm');
  kubelet.faults.failPods.set('broken3', message);
  const gone = await attach(['broken3', '--network', 'macvlan-a', '--rm']);
  assert.equal(gone.code, 5);
  assert.equal(await cluster.pods.get('default', 'broken3'), undefined, '--rm deleted the failed pod');
});

test('attach: bad flags are usage errors (exit 2) before anything is created', { skip: NETNS_SKIP }, async () => {
  const r = await attach(['x', '--network', 'macvlan-a', '--cni-args', '{oops']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--cni-args is not valid JSON/);
  assert.equal(await cluster.pods.get('default', 'x'), undefined);
});

test('attach: Ctrl-C while waiting deletes the pod it created and exits 130', { skip: NETNS_SKIP }, async () => {
  kubelet.faults.holdPods = new Set(['slow']);
  try {
    const child = spawn(process.execPath, [CLI, 'pod', 'attach', 'slow', '--network', 'macvlan-a', '--kubeconfig', server.kubeconfigPath], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 30_000;
    while ((await cluster.pods.get('default', 'slow')) === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.notEqual(await cluster.pods.get('default', 'slow'), undefined, 'the pod was created');
    child.kill('SIGINT');
    assert.equal(await closed, 130, stderr);
    assert.match(stderr, /interrupted/);
    assert.equal(await cluster.pods.get('default', 'slow'), undefined, 'Ctrl-C deleted the pod');
  } finally {
    kubelet.faults.holdPods = undefined;
  }
});
