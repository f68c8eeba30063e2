import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETNS_SKIP, NetnsFixture } from '../support/netns.js';
import { makePodNetns } from '../support/pod-netns.js';
import { debugNode } from '../../src/inspect/node-gather.js';
import { LabHelper } from '../../src/node/transports/lab.js';
import { Annotations, LabAnnotations, LAB_NODE_LABEL, NAD_API_VERSION, NAD_KIND } from '../../src/constants.js';
import type { NetworkAttachmentDefinition, V1Node, V1Pod } from '../../src/k8s/types.js';

function nad(name: string, config: object): NetworkAttachmentDefinition {
  return { apiVersion: NAD_API_VERSION, kind: NAD_KIND, metadata: { namespace: 'default', name }, spec: { config: JSON.stringify(config) } };
}

function write(root: string, path: string, text = ''): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

const NADS = [
  nad('macvlan-conf', { cniVersion: '1.0.0', name: 'lab-net', type: 'macvlan', master: 'eth0', ipam: { type: 'host-local', subnet: '192.168.50.0/24' } }),
  nad('uplink2', { cniVersion: '1.0.0', name: 'up2', plugins: [{ type: 'ipvlan', master: 'eth1', ipam: { type: 'whereabouts', range: '10.50.0.0/24' } }, { type: 'sbr' }] }),
];

test('debug node through the lab transport: config order, binaries, masters, leaks, readiness, thick socket', { skip: NETNS_SKIP }, async () => {
  const fx = new NetnsFixture('mn');
  const root = mkdtempSync(join(tmpdir(), 'mnode-'));
  try {
    const ns = await makePodNetns(fx, 'n');
    const node: V1Node = { metadata: { name: 'lab-node1', labels: { [LAB_NODE_LABEL]: 'true' }, annotations: { [LabAnnotations.netns]: ns.path, [LabAnnotations.root]: root } } };
    const helper = new LabHelper(node, async () => undefined);
    write(root, 'etc/cni/net.d/00-multus.conf', JSON.stringify({ cniVersion: '0.3.1', name: 'multus-cni-network', type: 'multus', clusterNetwork: 'lab-cluster', readinessindicatorfile: '/run/lab/ready' }));
    write(root, 'etc/cni/net.d/10-bridge.conflist', JSON.stringify({ cniVersion: '1.0.0', name: 'lab-cluster', plugins: [{ type: 'bridge', ipam: { type: 'host-local' } }] }));
    write(root, 'etc/cni/net.d/README.txt', 'not a config');
    for (const bin of ['multus', 'bridge', 'host-local', 'macvlan', 'sbr']) write(root, `opt/cni/bin/${bin}`);
    write(root, 'var/lib/cni/networks/lab-net/192.168.50.10', 'c0ffee01\r\nnet1');
    write(root, 'var/lib/cni/networks/lab-net/192.168.50.77', 'deadbeef\r\nnet1');
    write(root, 'var/lib/cni/networks/lab-net/192.168.50.78', 'c0ffee02\r\nnet1');
    write(root, 'var/lib/cni/networks/lab-net/last_reserved_ip.0', '192.168.50.78');
    write(root, 'var/lib/cni/networks/lab-net/lock');
    write(root, 'var/lib/cni/results/lab-net-c0ffee02-net1', JSON.stringify({ kind: 'cniCacheV1', containerId: 'c0ffee02', ifName: 'net1', networkName: 'lab-net', cniArgs: [['K8S_POD_NAMESPACE', 'default'], ['K8S_POD_NAME', 'db']] }));
    const pods: V1Pod[] = [
      { metadata: { namespace: 'default', name: 'web', annotations: { [Annotations.networkStatus]: JSON.stringify([{ name: 'default/macvlan-conf', interface: 'net1', ips: ['192.168.50.10'] }]) } }, spec: { nodeName: 'lab-node1', containers: [] } },
      { metadata: { namespace: 'default', name: 'db' }, spec: { nodeName: 'lab-node1', containers: [] } },
    ];

    const r = await debugNode(helper, 'lab-node1', { nads: NADS, pods });
    assert.deepEqual(r.cniConfig.files.map((f) => [f.name, f.types]), [['00-multus.conf', ['multus']], ['10-bridge.conflist', ['bridge']]]);
    assert.equal(r.cniConfig.multusFirst, true);
    assert.deepEqual([r.multus?.mode, r.multus?.clusterNetwork, r.multus?.readinessIndicatorPresent], ['thin', 'lab-cluster', false]);
    assert.deepEqual(r.binaries.needed.filter((b) => !b.present).map((b) => [b.binary, b.usedBy]), [['ipvlan', ['default/uplink2']], ['whereabouts', ['default/uplink2']]]);
    // multus runs its clusterNetwork (named lab-cluster): that file's plugins and IPAM are needed too.
    assert.deepEqual(r.binaries.needed.find((b) => b.binary === 'bridge')!.usedBy, ['CNI config 10-bridge.conflist']);
    assert.deepEqual(r.binaries.needed.find((b) => b.binary === 'host-local')!.usedBy, ['CNI config 10-bridge.conflist', 'default/macvlan-conf']);
    assert.deepEqual(r.masters.map((m) => [m.master, m.present]), [['eth0', true], ['eth1', false]]);
    assert.equal(r.leases.total, 3);
    assert.deepEqual(r.leases.leaks.map((l) => [l.ip, l.containerId, l.file]), [['192.168.50.77', 'deadbeef', '/var/lib/cni/networks/lab-net/192.168.50.77']]);
    assert.deepEqual(r.findings.map((f) => f.id), ['readiness-indicator-missing', 'binary-missing', 'binary-missing', 'master-missing', 'lease-leak']);

    // Fixed readiness file, multus no longer first, thick mode without its socket.
    write(root, 'run/lab/ready');
    rmSync(join(root, 'etc/cni/net.d/00-multus.conf'));
    write(root, 'etc/cni/net.d/20-multus.conf', JSON.stringify({ cniVersion: '0.3.1', name: 'multus-cni-network', type: 'multus-shim', socketDir: '/run/multus' }));
    const r2 = await debugNode(helper, 'lab-node1', { nads: [], pods });
    assert.equal(r2.cniConfig.first, '10-bridge.conflist');
    assert.deepEqual(r2.findings.map((f) => f.id), ['multus-not-first', 'thick-socket-missing', 'lease-leak']);
    assert.deepEqual(r2.multus?.socket, { path: '/run/multus/multus.sock', present: false });
  } finally {
    rmSync(root, { recursive: true, force: true });
    await fx.cleanup();
    assert.deepEqual(fx.leftovers(), []);
  }
});
