/**
 * The `pod` node-helper transport end to end on a real lab (`multusctl lab up`): the lab kubelet
 * runs the helper pod hostNetwork on its node, the lab API server's exec runs commands in the
 * node's namespaces, and the helper pod is gone afterwards. The lab has its own directory, prefix
 * and underlay, and is torn down in `after` whatever happened.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { NETNS_SKIP } from '../../support/netns.js';
import { spawn } from 'node:child_process';
import { CLI, runCli } from '../../e2e/helpers.js';
import { forceCleanup, labDown, labTestTarget, labUp, leftovers } from '../../e2e/lab-helpers.js';
import { connect } from '../../../src/k8s/client.js';
import type { Cluster } from '../../../src/k8s/ports.js';
import type { V1Pod } from '../../../src/k8s/types.js';
import { nodeHelperFor } from '../../../src/node/connect.js';
import { parseLinks } from '../../../src/node/ip-json.js';
import { waitForPods } from '../../../src/smoke/wait.js';

const t = labTestTarget('mq');
const NODE = 'lab-node1';

describe('pod transport on a lab', { skip: NETNS_SKIP, timeout: 600_000 }, () => {
  let cluster: Cluster;
  let target: V1Pod | undefined;

  const helperPods = async (): Promise<string[]> =>
    (await cluster.pods.list({ namespace: 'default' })).map((p) => p.metadata?.name ?? '').filter((n) => n.startsWith('multusctl-node-'));

  before(async () => {
    process.once('SIGINT', () => {
      forceCleanup(t);
      process.exit(130);
    });
    const up = await labUp(t);
    assert.equal(up.code, 0, `lab up: ${up.stderr}`);
    cluster = await connect({ kubeconfig: join(t.dir, 'kubeconfig'), namespace: 'default', env: {} });
    const waited = await waitForPods(cluster, 'default', ['target'], { signal: AbortSignal.timeout(120_000), timeoutMs: 90_000 }, async () => {
      await cluster.pods.create({ metadata: { namespace: 'default', name: 'target' }, spec: { nodeName: NODE, containers: [{ name: 'c', image: 'nicolaka/netshoot' }] } });
    });
    assert.deepEqual(waited.running, ['target'], [...waited.failures.values()].join('; '));
    target = waited.pods.get('target');
  });

  after(async () => {
    try {
      const r = await labDown(t);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(leftovers(t.prefix), []);
    } finally {
      forceCleanup(t);
    }
  });

  test("node, pod and file reads through a helper pod; the pod is deleted on close", async () => {
    const helper = await nodeHelperFor(cluster, NODE, { via: 'pod', env: {} });
    assert.equal(helper.transport, 'pod');
    try {
      const node = await helper.runOnNode(['ip', '-j', '-d', 'addr', 'show']);
      assert.equal(node.exitCode, 0, node.stderr);
      const nodeLinks = parseLinks(node.stdout).map((l) => l.name);
      assert.ok(nodeLinks.includes('eth0') && nodeLinks.includes('eth1'), `node links: ${nodeLinks.join(', ')}`);
      assert.equal((await helperPods()).length, 1);

      const inPod = await helper.runInPod({ namespace: 'default', name: 'target', nodeName: NODE }, ['ip', '-j', 'addr', 'show', 'dev', 'eth0']);
      assert.equal(inPod.exitCode, 0, inPod.stderr);
      const podIp = target?.status?.podIP;
      assert.ok(podIp, 'the target pod has an IP');
      assert.deepEqual(parseLinks(inPod.stdout).flatMap((l) => l.addresses.map((a) => a.local)).filter((ip) => ip === podIp), [podIp]);

      const conf = await helper.listDir('/etc/cni/net.d');
      assert.ok(conf?.[0]?.includes('multus'), `conf dir: ${conf?.join(', ')}`);
      const multus = await helper.readFile(`/etc/cni/net.d/${conf![0]}`);
      assert.match(multus ?? '', /multus/);
      assert.equal(await helper.readFile('/etc/cni/net.d/no-such.conf'), undefined);
    } finally {
      await helper.close();
    }
    assert.deepEqual(await helperPods(), []);
  });

  test('multusctl pod inspect --via pod reads the pod through a helper pod, same as --via lab', async () => {
    const kubeconfig = join(t.dir, 'kubeconfig');
    const viaPod = await runCli(['pod', 'inspect', 'target', '--via', 'pod', '-o', 'json', '--kubeconfig', kubeconfig], { timeoutMs: 180_000 });
    assert.ok(viaPod.code === 0 || viaPod.code === 1, `exit ${viaPod.code}: ${viaPod.stderr}`);
    const viaLab = await runCli(['pod', 'inspect', 'target', '--via', 'lab', '-o', 'json', '--kubeconfig', kubeconfig], { timeoutMs: 180_000 });
    type Inspection = { transport: string; interfaces: Array<{ name: string; state: string; addresses: unknown }> };
    const a = JSON.parse(viaPod.stdout) as Inspection;
    const b = JSON.parse(viaLab.stdout) as Inspection;
    assert.equal(a.transport, 'pod');
    assert.equal(b.transport, 'lab');
    assert.ok(a.interfaces.some((i) => i.name === 'eth0' && i.state === 'up'), viaPod.stdout);
    assert.deepEqual(a.interfaces, b.interfaces, 'every transport returns the same parsed shapes');
    assert.deepEqual(await helperPods(), []);
  });

  test('Ctrl-C while debug node --via pod runs: the helper pod is deleted and the exit code is 130', async () => {
    const watchStop = new AbortController();
    const child = spawn(process.execPath, [CLI, 'debug', 'node', NODE, '--via', 'pod', '-o', 'json', '--kubeconfig', join(t.dir, 'kubeconfig')], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const safety = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let interrupted = false;
    // Ctrl-C as soon as the helper pod exists: the command is then waiting for it or running in it.
    const watching = cluster.pods.watch({ namespace: 'default' }, (type, pod) => {
      if (type === 'ADDED' && pod.metadata?.name?.startsWith('multusctl-node-') && !interrupted) {
        interrupted = true;
        child.kill('SIGINT');
        watchStop.abort();
      }
    }, watchStop.signal);
    const code = await exited;
    clearTimeout(safety);
    watchStop.abort();
    await watching;
    assert.equal(interrupted, true, 'the helper pod was seen');
    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted/);
    assert.deepEqual(await helperPods(), []);
  });

  test('multusctl debug node --via pod works and leaves no helper pod', async () => {
    const r = await runCli(['debug', 'node', NODE, '--via', 'pod', '-o', 'json', '--kubeconfig', join(t.dir, 'kubeconfig')], { timeoutMs: 180_000 });
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { node: string; transport: string; cniConfig: { multusFirst: boolean } };
    assert.equal(out.node, NODE);
    assert.equal(out.transport, 'pod');
    assert.equal(out.cniConfig.multusFirst, true);
    assert.deepEqual(await helperPods(), []);
  });
});
