/**
 * The `pod` node-helper transport against the lab's real API server and exec handler, on a
 * node that is a network namespace this test made. A stand-in for the lab kubelet starts the
 * helper pod the way the lab kubelet starts hostNetwork pods (Running, with the node's netns).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETNS_SKIP, NetnsFixture } from '../../support/netns.js';
import { startTestApiServer, type TestApiServer } from '../../support/apiserver.js';
import { connect } from '../../../src/k8s/client.js';
import type { Cluster } from '../../../src/k8s/ports.js';
import type { V1Pod } from '../../../src/k8s/types.js';
import { createExecHandler, type ExecHandler } from '../../../src/lab/apiserver/exec.js';
import { LabAnnotations, LAB_NODE_LABEL } from '../../../src/constants.js';
import { runChecked } from '../../../src/sys/run.js';
import { CliError } from '../../../src/cli/errors.js';
import { PodHelper } from '../../../src/node/transports/pod.js';
import { liveHelpers } from '../../../src/node/transports/pod-cleanup.js';
import { HELPER_CONTAINER } from '../../../src/node/transports/pod-spec.js';
import { nodeHelperFor } from '../../../src/node/connect.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./pod-exit-child.js', import.meta.url));

/** Runs the child; `kill` is sent once it printed its helper pod's name. */
function runChild(kubeconfig: string, mode: 'forgotten' | 'signal'): Promise<{ podName: string; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, kubeconfig, NODE, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (mode === 'signal' && out.includes('\n')) child.kill('SIGTERM');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ podName: out.split(' ')[0] ?? '', code, signal, stderr });
    });
  });
}

const NODE = 'lab-node1';
const NODE_IP = '198.51.100.1';
const POD_IP = '198.51.100.7';

/** Starts helper pods as the lab kubelet starts hostNetwork pods; pods with image "broken" fail. */
function standInKubelet(cluster: Cluster, nodeNetns: string, signal: AbortSignal): Promise<void> {
  const seen = new Set<string>();
  const start = async (pod: V1Pod): Promise<void> => {
    const name = pod.metadata?.name ?? '';
    if (!name.startsWith('multusctl-node-') || seen.has(name) || pod.metadata?.deletionTimestamp) return;
    seen.add(name);
    const broken = pod.spec?.containers[0]?.image === 'broken';
    if (!broken) await cluster.pods.patchAnnotations('default', name, { [LabAnnotations.netns]: nodeNetns });
    await cluster.pods.patch('default', name, { status: { phase: broken ? 'Failed' : 'Running', message: broken ? 'image broken cannot be pulled' : undefined } }, { subresource: 'status' });
  };
  return cluster.pods.watch({ namespace: 'default' }, (type, pod) => {
    if (type !== 'DELETED') void start(pod).catch(() => {});
  }, signal);
}

describe('pod transport through the lab API server', { skip: NETNS_SKIP }, () => {
  const fx = new NetnsFixture('mp');
  const kubelet = new AbortController();
  let api: TestApiServer;
  let handler: ExecHandler;
  let cluster: Cluster;
  let root: string;
  let watching: Promise<void>;

  before(async () => {
    const nodeNs = await fx.add('node');
    const podNs = await fx.add('pod');
    await runChecked(['ip', '-n', nodeNs.name, 'addr', 'add', `${NODE_IP}/32`, 'dev', 'lo']);
    await runChecked(['ip', '-n', podNs.name, 'addr', 'add', `${POD_IP}/32`, 'dev', 'lo']);
    root = mkdtempSync(join(tmpdir(), 'mpod-root-'));
    mkdirSync(join(root, 'etc/cni/net.d'), { recursive: true });
    writeFileSync(join(root, 'etc/cni/net.d/00-multus.conf'), '{"type":"multus"}');
    handler = createExecHandler();
    api = await startTestApiServer({ exec: handler });
    cluster = await connect({ kubeconfig: api.kubeconfigPath, namespace: 'default', env: {} });
    await cluster.nodes.create({
      metadata: { name: NODE, labels: { [LAB_NODE_LABEL]: 'true' }, annotations: { [LabAnnotations.netns]: nodeNs.path, [LabAnnotations.root]: root } },
    });
    await cluster.pods.create({
      metadata: { namespace: 'default', name: 'target', annotations: { [LabAnnotations.netns]: podNs.path } },
      spec: { nodeName: NODE, containers: [{ name: 'c', image: 'lab' }] },
    });
    watching = standInKubelet(cluster, nodeNs.path, kubelet.signal);
  });

  after(async () => {
    kubelet.abort();
    await watching;
    handler?.close();
    await api?.close();
    rmSync(root, { recursive: true, force: true });
    await fx.cleanup();
    assert.deepEqual(fx.leftovers(), []);
  });

  const helperPods = async (): Promise<V1Pod[]> => (await cluster.pods.list({ namespace: 'default' })).filter((p) => p.metadata?.name?.startsWith('multusctl-node-'));

  test('node commands run in the helper pod, in the node netns; pod commands in the pod netns; the pod is deleted by close()', async () => {
    const helper = new PodHelper(cluster, NODE);
    assert.deepEqual(await helperPods(), [], 'nothing is created before the first command');
    const onNode = await helper.runOnNode(['ip', '-j', 'addr', 'show', 'dev', 'lo']);
    assert.equal(onNode.exitCode, 0, onNode.stderr);
    assert.match(onNode.stdout, new RegExp(NODE_IP.replaceAll('.', '\\.')));
    const [pod] = await helperPods();
    assert.equal(pod?.spec?.nodeName, NODE);
    assert.equal(pod?.spec?.hostNetwork, true);
    assert.equal(pod?.spec?.containers[0]?.name, HELPER_CONTAINER);
    const inPod = await helper.runInPod({ namespace: 'default', name: 'target', nodeName: NODE }, ['ip', '-j', 'addr', 'show', 'dev', 'lo']);
    assert.equal(inPod.exitCode, 0, inPod.stderr);
    assert.match(inPod.stdout, new RegExp(POD_IP.replaceAll('.', '\\.')));
    assert.doesNotMatch(inPod.stdout, new RegExp(NODE_IP.replaceAll('.', '\\.')));
    const failed = await helper.runOnNode(['sh', '-c', 'exit 42']);
    assert.equal(failed.exitCode, 42);
    assert.equal((await helperPods()).length, 1, 'one helper pod serves every command');
    await helper.close();
    await helper.close();
    assert.deepEqual(await helperPods(), []);
    assert.deepEqual(liveHelpers(), []);
  });

  test("files are read under the node's root (helper from the --via pod factory)", async () => {
    const helper = await nodeHelperFor(cluster, NODE, { via: 'pod', env: {} });
    assert.equal(helper.transport, 'pod');
    try {
      assert.equal(await helper.readFile('/etc/cni/net.d/00-multus.conf'), '{"type":"multus"}');
      assert.deepEqual(await helper.listDir('/etc/cni/net.d'), ['00-multus.conf']);
      assert.equal(await helper.readFile('/etc/cni/net.d/none.conf'), undefined);
      assert.equal(await helper.listDir('/opt/none'), undefined);
    } finally {
      await helper.close();
    }
    assert.deepEqual(await helperPods(), []);
  });

  test('an abort stops a running command and deletes the helper pod', async () => {
    const ac = new AbortController();
    const helper = new PodHelper(cluster, NODE, { signal: ac.signal });
    const started = await helper.runOnNode(['true']);
    assert.equal(started.exitCode, 0);
    const long = helper.runOnNode(['sleep', '600'], { timeoutMs: 600_000 });
    ac.abort(new Error('Ctrl-C'));
    await assert.rejects(long);
    await helper.close();
    assert.deepEqual(await helperPods(), []);
    await assert.rejects(helper.runOnNode(['true']));
  });

  test('a helper pod that cannot start is a clear error and is deleted', async () => {
    const helper = new PodHelper(cluster, NODE, { image: 'broken', startTimeoutMs: 60_000 });
    await assert.rejects(helper.runOnNode(['true']), (err: unknown) => {
      assert.ok(err instanceof CliError);
      assert.match(err.message, /did not start: pod ended as Failed: image broken cannot be pulled/);
      return true;
    });
    await helper.close();
    assert.deepEqual(await helperPods(), []);
  });

  test('a process that never closes its helper still deletes the pod when its event loop runs dry', async () => {
    const r = await runChild(api.kubeconfigPath, 'forgotten');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.podName, /^multusctl-node-lab-node1-/);
    assert.equal(await cluster.pods.get('default', r.podName), undefined);
  });

  test('SIGTERM with no other handler: the pod is deleted, then the signal ends the process', async () => {
    const r = await runChild(api.kubeconfigPath, 'signal');
    assert.equal(r.signal, 'SIGTERM', r.stderr);
    assert.match(r.podName, /^multusctl-node-lab-node1-/);
    assert.equal(await cluster.pods.get('default', r.podName), undefined);
  });

  test('an unknown node is a not-found error and creates nothing', async () => {
    const helper = new PodHelper(cluster, 'no-such-node');
    await assert.rejects(helper.runOnNode(['true']), (err: unknown) => err instanceof CliError && err.exitCode === 4);
    await helper.close();
    assert.deepEqual(await helperPods(), []);
  });
});
