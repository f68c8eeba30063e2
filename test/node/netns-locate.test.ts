import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { NETNS_SKIP, NetnsFixture } from '../support/netns.js';
import { makePodNetns } from '../support/pod-netns.js';
import { LocalHelper } from '../../src/node/transports/local.js';
import { locatePodNetns, netnsFromInspectp, sandboxIdFromCrictl } from '../../src/node/netns-locate.js';
import { parseLinks } from '../../src/node/ip-json.js';
import { IpArgv } from '../../src/node/commands.js';
import type { V1Pod } from '../../src/k8s/types.js';

test('without a lab annotation, the netns holding the pod IPs is found under /var/run/netns', { skip: NETNS_SKIP }, async () => {
  const fx = new NetnsFixture('ml');
  try {
    // A per-run address, so no other namespace on this machine can hold it.
    const podIp = `10.${randomInt(200, 250)}.${randomInt(0, 255)}.${randomInt(2, 250)}`;
    const ns = await makePodNetns(fx, 'p', { eth0Ip: `${podIp}/24`, gateway: podIp.replace(/\.\d+$/, '.1') });
    const pod: V1Pod = { metadata: { namespace: 'default', name: 'web' }, spec: { nodeName: 'n', containers: [] }, status: { podIPs: [{ ip: podIp }] } };
    const ref = { namespace: 'default', name: 'web', nodeName: 'n' };
    const helper = new LocalHelper('n', async () => pod);
    assert.deepEqual(await helper.locate(ref), { kind: 'path', path: ns.path, how: '/var/run/netns' });
    const links = parseLinks((await helper.runInPod(ref, IpArgv.addr)).stdout);
    assert.ok(links.find((l) => l.name === 'eth0')!.addresses.some((a) => a.local === podIp));

    const nowhere: V1Pod = { ...pod, status: { podIPs: [{ ip: '203.0.113.254' }] } };
    await assert.rejects(locatePodNetns(helper, ref, nowhere), /cannot find the network namespace of pod default\/web on node n \(tried crictl: .*; CNI cache: .*; \/var\/run\/netns: no namespace holds 203\.0\.113\.254\)/);
    assert.deepEqual(await locatePodNetns(helper, ref, { ...pod, spec: { ...pod.spec!, hostNetwork: true } }), { kind: 'host' });
  } finally {
    await fx.cleanup();
    assert.deepEqual(fx.leftovers(), []);
  }
});

test('crictl output: the exact pod sandbox, its netns path or PID', () => {
  const pods = JSON.stringify({
    items: [
      { id: 'aaa', metadata: { name: 'web-2', namespace: 'default', uid: 'u2' }, state: 'SANDBOX_READY' },
      { id: 'bbb', metadata: { name: 'web', namespace: 'default', uid: 'u1' }, state: 'SANDBOX_READY' },
    ],
  });
  assert.equal(sandboxIdFromCrictl(pods, { namespace: 'default', name: 'web', nodeName: 'n' }), 'bbb');
  assert.equal(sandboxIdFromCrictl(pods, { namespace: 'default', name: 'web', uid: 'other', nodeName: 'n' }), undefined);
  const inspect = JSON.stringify({ status: {}, info: { pid: 4242, runtimeSpec: { linux: { namespaces: [{ type: 'pid' }, { type: 'network', path: '/var/run/netns/cni-1234' }] } } } });
  assert.deepEqual(netnsFromInspectp(inspect), { path: '/var/run/netns/cni-1234', pid: 4242 });
  assert.deepEqual(netnsFromInspectp(JSON.stringify({ info: { pid: 7 } })), { path: undefined, pid: 7 });
});
