/** Pure parts of the lab: layout names and addresses, node configs, objects, pod status, locks, pids. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { LabAnnotations, LAB_NODE_LABEL } from '../../src/constants.js';
import { CliError } from '../../src/cli/errors.js';
import { labLayout, LAB_DEFAULT_UNDERLAY, underlayBase, validatePrefix } from '../../src/lab/layout.js';
import { clusterConflist, multusConf, multusConfigForHost } from '../../src/lab/nodes/files.js';
import { labNodeObject, multusDaemonSet } from '../../src/lab/nodes/objects.js';
import { isLabNodeObject, labNodeArgv } from '../../src/lab/node-argv.js';
import { pendingStatus, podIpsFrom, retryDelayMs, roundRobin, runningStatus, sandboxFailureMessage } from '../../src/lab/kubelet/status.js';
import { podCniArgs, sandboxContainerId } from '../../src/lab/kubelet/sandbox.js';
import { takeLock, readRecord, writeRecord } from '../../src/lab/record.js';
import { daemonArgv, isLabDaemon } from '../../src/lab/procs.js';

const prefixArb = fc.stringMatching(/^[a-z][a-z0-9]{0,8}-$/);

describe('lab layout', () => {
  it('derives names that fit interface limits and never collide', () => {
    fc.assert(
      fc.property(prefixArb, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 255 }), (prefix, nodes, octet) => {
        const l = labLayout({ dir: '/tmp/x', prefix, nodes, underlay: `10.${octet}.7.0/24` });
        assert.ok(l.hostLink.length <= 15 && l.hostLink.startsWith(prefix));
        const names = [l.labNetns, ...l.nodes.map((n) => n.netnsName)];
        assert.equal(new Set(names).size, names.length);
        assert.ok(names.every((n) => n.startsWith(prefix)));
        assert.ok(!l.nodes.some((n) => n.netnsName.startsWith(l.podNetnsPrefix)), 'pod netns names never look like node names');
        const ips = [l.hostIp, ...l.nodes.map((n) => n.internalIp)];
        assert.equal(new Set(ips).size, ips.length);
        assert.ok(ips.every((ip) => ip.startsWith(`10.${octet}.7.`)));
        assert.equal(new Set(l.nodes.map((n) => n.podCidr)).size, nodes);
      }),
    );
  });

  it('names the default lab as the contract says', () => {
    const l = labLayout({ dir: '/d', prefix: 'mlab-', nodes: 2, underlay: LAB_DEFAULT_UNDERLAY });
    assert.deepEqual(l.nodes.map((n) => [n.name, n.netnsPath, n.internalIp, n.podCidr, n.root]), [
      ['lab-node1', '/var/run/netns/mlab-node1', '10.99.0.11', '10.244.1.0/24', '/d/nodes/lab-node1'],
      ['lab-node2', '/var/run/netns/mlab-node2', '10.99.0.12', '10.244.2.0/24', '/d/nodes/lab-node2'],
    ]);
    assert.equal(l.kubeconfig, '/d/kubeconfig');
  });

  it('refuses bad prefixes, node counts and subnets with a usage error', () => {
    for (const bad of ['', 'MLAB-', 'mlab', '-x-', 'averyverylongprefix-', 'a b-']) assert.throws(() => validatePrefix(bad), CliError);
    assert.throws(() => labLayout({ dir: '/d', prefix: 'mlab-', nodes: 0, underlay: LAB_DEFAULT_UNDERLAY }), CliError);
    assert.throws(() => labLayout({ dir: '/d', prefix: 'mlab-', nodes: 9, underlay: LAB_DEFAULT_UNDERLAY }), CliError);
    for (const bad of ['10.99.0.0/16', '10.99.0.1/24', '300.1.1.0/24', 'x']) assert.throws(() => underlayBase(bad), CliError);
  });
});

describe('lab node files and objects', () => {
  const l = labLayout({ dir: '/lab', prefix: 'mlab-', nodes: 2, underlay: LAB_DEFAULT_UNDERLAY });
  const node = l.nodes[1]!;

  it('00-multus.conf uses the standard paths; the kubelet maps them under the node root', () => {
    const raw = multusConf();
    assert.equal(raw.binDir, '/opt/cni/bin');
    const c = multusConfigForHost(raw, node.root);
    assert.equal(c.binDir, '/lab/nodes/lab-node2/opt/cni/bin');
    assert.equal(c.confDir, '/lab/nodes/lab-node2/etc/cni/multus/net.d');
    assert.equal(c.cniDir, '/lab/nodes/lab-node2/var/lib/cni/multus');
    assert.equal(c.clusterNetwork, '/lab/nodes/lab-node2/etc/cni/net.d/10-lab-cluster.conflist');
    const bare = multusConfigForHost({ name: 'm', type: 'multus', clusterNetwork: 'lab-cluster' }, node.root);
    assert.equal(bare.cniDir, '/lab/nodes/lab-node2/var/lib/cni/multus', 'defaults are mapped too');
    assert.equal(bare.clusterNetwork, 'lab-cluster', 'a network name is not a path');
  });

  it('gives each node its own pod subnet', () => {
    const conf = clusterConflist(node) as { plugins: Array<{ ipam: { ranges: Array<Array<{ subnet: string; gateway: string }>> } }> };
    assert.deepEqual(conf.plugins[0]!.ipam.ranges, [[{ subnet: '10.244.2.0/24', gateway: '10.244.2.1' }]]);
  });

  it('Node objects carry the lab label, annotations, address, podCIDR and Ready', () => {
    const n = labNodeObject(node, { kernelVersion: '6.1', version: '0.1.0', now: '2026-01-01T00:00:00Z' });
    assert.equal(n.metadata?.labels?.[LAB_NODE_LABEL], 'true');
    assert.equal(n.metadata?.annotations?.[LabAnnotations.netns], '/var/run/netns/mlab-node2');
    assert.equal(n.metadata?.annotations?.[LabAnnotations.mountns], '/run/mlab-mnt/lab-node2');
    assert.equal(n.metadata?.annotations?.[LabAnnotations.root], '/lab/nodes/lab-node2');
    assert.equal(n.spec?.podCIDR, '10.244.2.0/24');
    assert.deepEqual(n.status?.addresses?.[0], { type: 'InternalIP', address: '10.99.0.12' });
    assert.equal(n.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
    assert.ok(isLabNodeObject(n));
    assert.deepEqual(labNodeArgv(n, ['ip', 'link']), ['nsenter', '--net=/var/run/netns/mlab-node2', '--mount=/run/mlab-mnt/lab-node2', '--', 'ip', 'link']);
  });

  it('the multus DaemonSet is ready on every node', () => {
    const ds = multusDaemonSet(l);
    assert.equal(ds.metadata?.namespace, 'kube-system');
    assert.equal(ds.metadata?.name, 'kube-multus-ds');
    assert.equal(ds.status?.numberReady, 2);
    assert.equal(ds.status?.desiredNumberScheduled, 2);
  });
});

describe('kubelet status', () => {
  const pod = { metadata: { namespace: 'ns', name: 'p', uid: 'u-1' }, spec: { containers: [{ name: 'a', image: 'img' }, { name: 'b' }] } };

  it('Running: IPs, four true conditions, running containers', () => {
    const s = runningStatus(pod, { hostIp: '10.99.0.11', podIps: ['10.244.1.5'], containerId: 'c1', now: new Date(0) });
    assert.equal(s.phase, 'Running');
    assert.equal(s.podIP, '10.244.1.5');
    assert.deepEqual(s.podIPs, [{ ip: '10.244.1.5' }]);
    assert.equal(s.hostIP, '10.99.0.11');
    assert.deepEqual(s.conditions?.map((c) => `${c.type}=${c.status}`), ['PodScheduled=True', 'Initialized=True', 'ContainersReady=True', 'Ready=True']);
    assert.deepEqual(s.containerStatuses?.map((c) => [c.name, c.ready, c.started, Boolean(c.state?.running)]), [['a', true, true, true], ['b', true, true, true]]);
  });

  it('Pending: ContainerCreating and not ready', () => {
    const s = pendingStatus(pod, { hostIp: '10.99.0.11', now: new Date(0) });
    assert.equal(s.phase, 'Pending');
    assert.equal(s.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
    assert.equal(s.containerStatuses?.[0]?.state?.waiting?.reason, 'ContainerCreating');
  });

  it('pod IPs come from the default attachment', () => {
    assert.deepEqual(podIpsFrom([{ name: 'x/n', ips: ['192.168.1.5'], dns: {} }, { name: 'lab-cluster', ips: ['10.244.1.2'], default: true, dns: {} }]), ['10.244.1.2']);
    assert.deepEqual(podIpsFrom([]), []);
  });

  it('sandbox failures read like the real kubelet; back-off doubles to a cap', () => {
    assert.match(sandboxFailureMessage('abc', 'boom'), /^Failed to create pod sandbox: .*sandbox "abc".*\(add\): boom$/);
    assert.deepEqual([0, 1, 2, 3, 10].map(retryDelayMs), [1000, 2000, 4000, 8000, 30_000]);
  });

  it('round-robin visits every node in turn', () => {
    fc.assert(fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), fc.nat(100), (items, start) => {
      const seen = items.map((_, i) => roundRobin(items, start + i));
      assert.deepEqual([...seen].sort(), [...items].sort());
    }));
    assert.equal(roundRobin([], 3), undefined);
  });

  it('container IDs are stable per UID and CNI_ARGS name the pod', () => {
    assert.equal(sandboxContainerId('u-1'), sandboxContainerId('u-1'));
    assert.notEqual(sandboxContainerId('u-1'), sandboxContainerId('u-2'));
    assert.match(sandboxContainerId('u-1'), /^[0-9a-f]{64}$/);
    assert.equal(podCniArgs(pod, 'cid'), 'IgnoreUnknown=1;K8S_POD_NAMESPACE=ns;K8S_POD_NAME=p;K8S_POD_INFRA_CONTAINER_ID=cid;K8S_POD_UID=u-1');
  });
});

describe('lab record, lock and pids', () => {
  it('a second lock holder is told who holds it; a dead holder is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mctl-lock-'));
    try {
      const lockPath = join(dir, 'up.lock');
      const first = await takeLock(lockPath);
      assert.ok('release' in first);
      // Our own pid in the file counts as stale for us (same process); simulate another live holder.
      writeFileSync(lockPath, '1');
      const second = await takeLock(lockPath);
      assert.deepEqual(second, { heldBy: 1 });
      writeFileSync(lockPath, '999999999');
      const third = await takeLock(lockPath);
      assert.ok('release' in third);
      await third.release();
      await writeRecord(join(dir, 'lab.json'), { prefix: 'mlab-', nodes: 2, underlay: LAB_DEFAULT_UNDERLAY, phase: 'up' });
      assert.equal(readRecord(join(dir, 'lab.json'))?.phase, 'up');
      writeFileSync(join(dir, 'bad.json'), '{');
      assert.equal(readRecord(join(dir, 'bad.json')), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('recognises a lab daemon by its command line only', async () => {
    const dir = '/tmp/some-lab';
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', ...daemonArgv('kubelet', dir)], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(isLabDaemon(child.pid!, 'kubelet', dir), true);
      assert.equal(isLabDaemon(child.pid!, 'apiserver', dir), false);
      assert.equal(isLabDaemon(child.pid!, 'kubelet', '/tmp/other'), false);
      assert.equal(isLabDaemon(process.pid, 'kubelet', dir), false);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
