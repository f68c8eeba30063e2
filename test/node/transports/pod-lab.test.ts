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
import { runCli } from '../../e2e/helpers.js';
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
