import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NETNS_SKIP, NetnsFixture } from '../support/netns.js';
import { ip, makePodNetns } from '../support/pod-netns.js';
import { readNetnsState } from '../../src/inspect/live.js';
import { inspectPod, requestedNetworks } from '../../src/inspect/pod-inspect.js';
import { runLocal } from '../../src/node/transports/local.js';
import { inNetns } from '../../src/sys/netns.js';
import { Annotations, NAD_API_VERSION, NAD_KIND } from '../../src/constants.js';
import type { NetworkAttachmentDefinition, V1Pod } from '../../src/k8s/types.js';

const NAD: NetworkAttachmentDefinition = {
  apiVersion: NAD_API_VERSION,
  kind: NAD_KIND,
  metadata: { namespace: 'default', name: 'macvlan-conf' },
  spec: { config: JSON.stringify({ cniVersion: '1.0.0', name: 'macvlan-conf', type: 'macvlan', master: 'eth1', ipam: { type: 'host-local', subnet: '192.168.50.0/24' } }) },
};

function podWith(status: object[], networks = 'macvlan-conf'): V1Pod {
  return {
    metadata: { namespace: 'default', name: 'web', uid: 'u1', annotations: { [Annotations.networks]: networks, [Annotations.networkStatus]: JSON.stringify(status) } },
    spec: { nodeName: 'node-a', containers: [] },
    status: { phase: 'Running' },
  };
}

test('pod inspect: a healthy pod has no findings; breaking it for real shows each mismatch', { skip: NETNS_SKIP }, async () => {
  const fx = new NetnsFixture('mi');
  try {
    const ns = await makePodNetns(fx, 'p');
    const read = () => readNetnsState((argv) => runLocal(inNetns(ns.path, argv)), 'test pod');
    const live = await read();
    const mac = (name: string) => live.links.find((l) => l.name === name)!.mac!;
    const status = [
      { name: 'lab-cluster', interface: 'eth0', ips: ['10.244.1.5'], mac: mac('eth0'), default: true, dns: {} },
      { name: 'default/macvlan-conf', interface: 'net1', ips: ['192.168.50.10'], mac: mac('net1'), dns: {} },
    ];
    const nads = new Map([['default/macvlan-conf', NAD]]);
    const inspect = async (pod: V1Pod, iface?: string) => inspectPod({ pod, transport: 'local', nads, live: await read(), iface });

    const healthy = await inspect(podWith(status));
    assert.deepEqual(healthy.findings, []);
    assert.deepEqual(requestedNetworks(podWith(status)), ['default/macvlan-conf']);
    const net1 = healthy.interfaces.find((i) => i.name === 'net1')!;
    assert.deepEqual([net1.network, net1.kind, net1.state, net1.addresses, net1.mtu], ['default/macvlan-conf', 'macvlan', 'up', ['192.168.50.10/24'], 1500]);
    assert.equal(healthy.annotation.attachments[0]!.nad.found, true);
    assert.deepEqual(healthy.interfaces.map((i) => i.name), ['eth0', 'net1']);
    assert.ok(healthy.interfaces[0]!.routes.some((r) => r.dst === '0.0.0.0/0' && r.gateway === '10.244.1.1'));

    // network-status edited: another IP and MAC than the interface has.
    const edited = await inspect(podWith([status[0]!, { ...status[1]!, ips: ['192.168.50.99'], mac: '02:00:00:00:00:01' }]));
    assert.deepEqual(edited.findings.map((f) => [f.id, f.interface]), [['ip-missing', 'net1'], ['mac-mismatch', 'net1']]);

    // A NAD that does not exist and an attachment missing from network-status.
    const extra = await inspect(podWith(status, 'macvlan-conf,other@net2'));
    assert.deepEqual(extra.findings.map((f) => [f.id, f.interface]), [['nad-missing', 'net2'], ['attachment-missing', 'net2']]);

    // A second default route, via net1.
    await ip(ns.name, 'route', 'add', 'default', 'via', '192.168.50.1', 'dev', 'net1', 'metric', '50');
    const twoDefaults = await inspect(podWith(status));
    assert.deepEqual(twoDefaults.findings.map((f) => f.id), ['multiple-default-routes']);
    assert.match(twoDefaults.findings[0]!.message, /2 IPv4 default routes/);
    await ip(ns.name, 'route', 'del', 'default', 'via', '192.168.50.1', 'dev', 'net1', 'metric', '50');

    // net1 flipped down.
    await ip(ns.name, 'link', 'set', 'net1', 'down');
    const down = await inspect(podWith(status));
    assert.deepEqual(down.findings.map((f) => [f.id, f.interface]), [['interface-down', 'net1']]);
    assert.equal(down.interfaces.find((i) => i.name === 'net1')!.state, 'down');

    // net1 deleted: the attachment is missing and network-status is stale.
    await ip(ns.name, 'link', 'del', 'net1');
    const gone = await inspect(podWith(status));
    assert.deepEqual(gone.findings.map((f) => [f.id, f.interface]), [['attachment-missing', 'net1'], ['stale-network-status', 'net1']]);
    assert.equal(gone.interfaces.find((i) => i.name === 'net1')!.state, 'missing');

    // IFACE narrows the view.
    const onlyEth0 = await inspect(podWith(status), 'eth0');
    assert.deepEqual(onlyEth0.interfaces.map((i) => i.name), ['eth0']);
    assert.deepEqual(onlyEth0.findings, []);
    assert.deepEqual(onlyEth0.annotation.attachments, []);
  } finally {
    await fx.cleanup();
    assert.deepEqual(fx.leftovers(), []);
  }
});

test('pod inspect: unreadable annotations are findings, not crashes', () => {
  const pod: V1Pod = { metadata: { namespace: 'default', name: 'p', annotations: { [Annotations.networks]: 'BAD NAME', [Annotations.networkStatus]: '{not json' } }, spec: { nodeName: 'n', containers: [] } };
  const r = inspectPod({ pod, transport: 'local', nads: new Map(), live: { links: [], routes: [], rules: [] } });
  assert.deepEqual(r.findings.map((f) => f.id), ['annotation-invalid', 'network-status-invalid']);
});
