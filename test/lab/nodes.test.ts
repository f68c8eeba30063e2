/**
 * The lab's nodes for real: namespaces, veths, bridges, the host link, each node's mount namespace
 * and files, and a pod sandbox made through the multus engine (no API: the cluster network only),
 * whose host-local lease lands in the node's /var/lib/cni and is freed by DEL.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { release } from 'node:os';
import { NETNS_SKIP } from '../support/netns.js';
import { labLayout, LAB_DEFAULT_NODES, nodeHostPath, type LabLayout } from '../../src/lab/layout.js';
import { createLabNetwork, deleteLabNetwork } from '../../src/lab/nodes/network.js';
import { createNodeMountns, deleteMountnses } from '../../src/lab/nodes/mountns.js';
import { CLUSTER_NETWORK_NAME, writeNodeFiles } from '../../src/lab/nodes/files.js';
import { labNodeObject } from '../../src/lab/nodes/objects.js';
import { labNodeArgv } from '../../src/lab/node-argv.js';
import { sandboxAdd, sandboxDel } from '../../src/lab/kubelet/sandbox.js';
import { podIpsFrom } from '../../src/lab/kubelet/status.js';
import { addNetns, deleteNetns, inNetns } from '../../src/sys/netns.js';
import { run, runChecked } from '../../src/sys/run.js';
import { forceCleanup, labTestTarget, leftovers, onInterrupt } from './support.js';

const target = labTestTarget();

describe('lab nodes (real namespaces)', { skip: NETNS_SKIP, timeout: 180_000 }, () => {
  let layout: LabLayout;
  before(async () => {
    onInterrupt(target);
    layout = labLayout({ dir: target.dir, prefix: target.prefix, nodes: LAB_DEFAULT_NODES, underlay: target.underlay });
    await createLabNetwork(layout, async () => {});
    for (const node of layout.nodes) {
      await writeNodeFiles(node, { multusBin: '/bin/false' });
      await createNodeMountns(layout, node);
    }
  });
  after(async () => {
    try {
      await deleteMountnses(layout);
      await deleteLabNetwork(layout);
      assert.deepEqual(leftovers(target.prefix), []);
    } finally {
      forceCleanup(target);
      rmSync(target.dir, { recursive: true, force: true });
    }
  });

  it('gives each node eth0 (underlay address) and eth1, reachable from the host', async () => {
    for (const node of layout.nodes) {
      const links = JSON.parse((await runChecked(['ip', '-n', node.netnsName, '-j', 'addr', 'show'])).stdout) as Array<{ ifname: string; addr_info: Array<{ family: string; local: string; prefixlen: number }> }>;
      const eth0 = links.find((l) => l.ifname === 'eth0');
      assert.ok(links.find((l) => l.ifname === 'eth1'), 'eth1 exists');
      assert.deepEqual(eth0?.addr_info.filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`), [node.eth0Cidr]);
      const ping = await run(['ping', '-c', '1', '-W', '5', node.internalIp], { timeoutMs: 10_000 });
      assert.equal(ping.exitCode, 0, `host reaches ${node.internalIp}: ${ping.stdout}${ping.stderr}`);
    }
    // node1 reaches node2 over the underlay.
    const r = await run(inNetns(layout.nodes[0]!.netnsPath, ['ping', '-c', '1', '-W', '5', layout.nodes[1]!.internalIp]), { timeoutMs: 10_000 });
    assert.equal(r.exitCode, 0);
  });

  it('shows each node its own CNI directories at the standard paths', async () => {
    const node = layout.nodes[1]!;
    const obj = labNodeObject(node, { kernelVersion: release(), version: 'test', now: new Date().toISOString() });
    const r = await runChecked(labNodeArgv(obj, ['ls', '/etc/cni/net.d', '/opt/cni/bin']));
    assert.match(r.stdout, /00-multus\.conf/);
    assert.match(r.stdout, /10-lab-cluster\.conflist/);
    assert.match(r.stdout, /\bmacvlan\b/);
    assert.match(r.stdout, /\bmultus\b/);
    const conf = await runChecked(labNodeArgv(obj, ['cat', '/etc/cni/net.d/10-lab-cluster.conflist']));
    assert.match(conf.stdout, /10\.244\.2\.0\/24/);
    // The host's own /etc/cni/net.d is untouched.
    assert.equal(existsSync('/etc/cni/net.d/10-lab-cluster.conflist'), false);
  });

  it('makes a pod sandbox through the multus engine with the lease in the node, and DEL frees it', async () => {
    const node = layout.nodes[0]!;
    const obj = labNodeObject(node, { kernelVersion: release(), version: 'test', now: new Date().toISOString() });
    const uid = randomUUID();
    const pod = { metadata: { namespace: 'default', name: 'p1', uid }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const netnsName = `${layout.podNetnsPrefix}${uid}`;
    const path = await addNetns(netnsName);
    try {
      const out = await sandboxAdd(pod, obj, path, {});
      const ips = podIpsFrom(out.networkStatus.length ? out.networkStatus : [{ name: 'x', ips: ((out.result.ips ?? []) as Array<{ address: string }>).map((i) => i.address.split('/')[0]!), dns: {}, default: true }]);
      assert.match(ips[0] ?? '', /^10\.244\.1\.\d+$/);
      const addrs = JSON.parse((await runChecked(['ip', '-n', netnsName, '-j', 'addr', 'show', 'eth0'])).stdout) as Array<{ addr_info: Array<{ local: string }> }>;
      assert.equal(addrs[0]?.addr_info[0]?.local, ips[0]);
      const leases = nodeHostPath(node.root, `/var/lib/cni/networks/${CLUSTER_NETWORK_NAME}`);
      assert.ok(existsSync(join(leases, ips[0]!)), 'lease is under the node root');
      assert.equal(readFileSync(join(leases, ips[0]!), 'utf8').split(/\s/)[0]!.length > 0, true);
      assert.equal(existsSync(`/var/lib/cni/networks/${CLUSTER_NETWORK_NAME}`), false, 'nothing in the machine /var/lib/cni');
      // The pod reaches its node's bridge gateway.
      const ping = await run(['ip', 'netns', 'exec', netnsName, 'ping', '-c', '1', '-W', '5', node.podGateway], { timeoutMs: 10_000 });
      assert.equal(ping.exitCode, 0, ping.stdout + ping.stderr);
      await sandboxDel({ namespace: 'default', name: 'p1', uid, netns: path }, obj, {});
      assert.equal(existsSync(join(leases, ips[0]!)), false, 'DEL released the lease');
    } finally {
      await deleteNetns(netnsName);
    }
  });
});
