/**
 * multusAdd/multusDel with the real Debian CNI plugins in real namespaces: the cluster network
 * (bridge + host-local conflist) as eth0 and macvlan NADs on the node's eth1, in the shapes a pod
 * annotation can take.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NETNS_SKIP } from '../support/netns.js';
import { CLEAN, MultusWorld } from '../support/multus-world.js';
import { multusAdd, multusDel } from '../../src/multus/engine.js';
import { parseNetworkStatus } from '../../src/multus/network-status.js';
import { run } from '../../src/sys/run.js';
import { inNetns } from '../../src/sys/netns.js';
import { Annotations } from '../../src/constants.js';

const opts = { skip: NETNS_SKIP, timeout: 120_000 };
const world = new MultusWorld();
let seq = 0;

before(async () => {
  if (!NETNS_SKIP) await world.start();
});

/** A pod with the given networks annotation, its netns, and a request for it. */
async function podWith(networks: string | undefined, extra: Record<string, string> = {}) {
  seq += 1;
  const name = `p${seq}`;
  const annotations: Record<string, string> = { ...extra };
  if (networks !== undefined) annotations[Annotations.networks] = networks;
  world.api.addPod('default', name, annotations);
  const netns = await world.pod(name);
  const config = world.config();
  const req = world.request(config, netns, { namespace: 'default', name }, `cid-${name}`);
  return { name, netns, config, req, deps: world.deps(config) };
}

async function linkInfo(netns: string, ifName: string): Promise<{ address: string; linkinfo?: { info_kind?: string } }> {
  const r = await run(inNetns(netns, ['ip', '-j', '-d', 'link', 'show', 'dev', ifName]));
  return (JSON.parse(r.stdout) as Array<{ address: string; linkinfo?: { info_kind?: string } }>)[0]!;
}

test('bridge cluster network + macvlan NAD on eth1: eth0 and net1, network-status, events; DEL cleans all', opts, async () => {
  world.macvlanNad('macvlan-conf', '192.168.50.0/24');
  const p = await podWith('macvlan-conf');
  const out = await multusAdd(p.req, p.deps);
  assert.deepEqual(await world.links(p.netns), ['eth0', 'lo', 'net1']);
  assert.equal((await linkInfo(p.netns, 'net1')).linkinfo?.info_kind, 'macvlan');
  const eth0 = await world.addrs(p.netns, 'eth0');
  const net1 = await world.addrs(p.netns, 'net1');
  assert.match(eth0[0]!, /^10\.244\.7\.\d+\/24$/);
  assert.match(net1[0]!, /^192\.168\.50\.\d+\/24$/);
  // The CNI result is the master's, in the multus config's version.
  assert.equal(out.result.cniVersion, '1.0.0');
  const ips = out.result.ips as Array<{ address: string }>;
  assert.equal(ips[0]!.address, eth0[0]);
  // network-status as upstream writes it: master default, the NAD as ns/name, dns always present.
  // network-status, field by field, as Multus writes it for this case (spec §6), minus the "<nil>" gateway.
  const text = world.api.networkStatus('default', p.name)!;
  assert.deepEqual(JSON.parse(text), [
    { name: 'cbr0', interface: 'eth0', ips: [eth0[0]!.split('/')[0]], mac: (await linkInfo(p.netns, 'eth0')).address, default: true, dns: {} },
    { name: 'default/macvlan-conf', interface: 'net1', ips: [net1[0]!.split('/')[0]], mac: (await linkInfo(p.netns, 'net1')).address, dns: {} },
  ]);
  assert.deepEqual(parseNetworkStatus(text), out.networkStatus);
  assert.ok(text.startsWith('[{\n    "name": "cbr0",\n    "interface": "eth0",'), 'Go MarshalIndent layout');
  const added = world.api.events.filter((e) => e.pod === `default/${p.name}` && e.reason === 'AddedInterface');
  assert.deepEqual(added.map((e) => e.message), [`Add eth0 [${eth0[0]}] from cbr0`, `Add net1 [${net1[0]}] from default/macvlan-conf`]);
  assert.equal(world.scratchFiles().length, 1);
  assert.equal(world.resultCache().length, 2);
  await multusDel(p.req, p.deps);
  assert.deepEqual(await world.leftovers(p.netns), CLEAN);
  // A second DEL succeeds and changes nothing.
  await multusDel(p.req, p.deps);
  assert.deepEqual(await world.leftovers(p.netns), CLEAN);
});

test('name@ifname gives the requested interface name', opts, async () => {
  world.macvlanNad('mv-ifname', '192.168.51.0/24');
  const p = await podWith('default/mv-ifname@ext0');
  const out = await multusAdd(p.req, p.deps);
  assert.deepEqual(await world.links(p.netns), ['eth0', 'ext0', 'lo']);
  assert.deepEqual(out.attachments.map((a) => a.ifName), ['eth0', 'ext0']);
  await multusDel(p.req, p.deps);
  assert.deepEqual(await world.leftovers(p.netns), CLEAN);
});

test('JSON form with ips + static IPAM, mac with tuning, cni-args reach the plugin', opts, async () => {
  world.api.addNad('default', 'mv-static', {
    cniVersion: '1.0.0',
    name: 'mv-static',
    plugins: [
      { type: 'macvlan', master: 'eth1', mode: 'bridge', capabilities: { ips: true }, ipam: { type: 'static' } },
      { type: 'tuning', capabilities: { mac: true } },
    ],
  });
  const p = await podWith(
    JSON.stringify([{ name: 'mv-static', interface: 'st0', ips: ['192.168.52.10/24'], mac: '02:11:22:33:44:55', 'cni-args': { foo: 'bar' } }]),
  );
  await multusAdd(p.req, p.deps);
  assert.deepEqual(await world.addrs(p.netns, 'st0'), ['192.168.52.10/24']);
  assert.equal((await linkInfo(p.netns, 'st0')).address, '02:11:22:33:44:55');
  // What the plugins got: runtimeConfig from the element, cni-args in args.cni, MAC/IP in CNI_ARGS.
  const macvlanCall = world.calls.find((c) => c.command === 'ADD' && c.type === 'macvlan' && c.env.CNI_IFNAME === 'st0')!;
  const stdin = JSON.parse(macvlanCall.stdin) as { runtimeConfig?: unknown; args?: { cni?: unknown } };
  assert.deepEqual(stdin.runtimeConfig, { ips: ['192.168.52.10/24'] });
  assert.deepEqual(stdin.args?.cni, { foo: 'bar' });
  assert.match(macvlanCall.env.CNI_ARGS!, /;MAC=02:11:22:33:44:55;IP=192\.168\.52\.10\/24$/);
  const tuningCall = world.calls.find((c) => c.command === 'ADD' && c.type === 'tuning' && c.env.CNI_IFNAME === 'st0')!;
  assert.deepEqual((JSON.parse(tuningCall.stdin) as { runtimeConfig?: unknown }).runtimeConfig, { mac: '02:11:22:33:44:55' });
  const status = parseNetworkStatus(world.api.networkStatus('default', p.name)!);
  assert.deepEqual(status[1], { name: 'default/mv-static', interface: 'st0', ips: ['192.168.52.10'], mac: '02:11:22:33:44:55', dns: {} });
  await multusDel(p.req, p.deps);
  assert.deepEqual(await world.leftovers(p.netns), CLEAN);
});

test('default-route moves the default route to the requested attachment and leaves eth0 without one', opts, async () => {
  world.macvlanNad('mv-gw', '192.168.53.0/24', { ipam: { type: 'host-local', subnet: '192.168.53.0/24', gateway: '192.168.53.1', dataDir: world.dataDir } });
  const p = await podWith(JSON.stringify([{ name: 'mv-gw', 'default-route': ['192.168.53.1'] }]));
  const before = world.calls.length;
  await multusAdd(p.req, p.deps);
  assert.ok(world.calls.length > before);
  const routes = await world.defaultRoutes(p.netns);
  assert.deepEqual(routes.map((r) => [r.dev, r.gateway]), [['net1', '192.168.53.1']]);
  const status = parseNetworkStatus(world.api.networkStatus('default', p.name)!);
  // network-status keeps what the plugins reported (the master's gateway from its unmodified result).
  assert.equal(status[0]!.default, true);
  await multusDel(p.req, p.deps);
  assert.deepEqual(await world.leftovers(p.netns), CLEAN);
});

test('two NADs and a conflist NAD: net1, net2, net3 in order; DEL in reverse', opts, async () => {
  world.macvlanNad('mv-a', '192.168.54.0/24');
  world.macvlanNad('mv-b', '192.168.55.0/24');
  world.api.addNad('default', 'mv-list', {
    cniVersion: '1.0.0',
    name: 'mv-list',
    plugins: [{ type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'host-local', subnet: '192.168.56.0/24', dataDir: world.dataDir } }, { type: 'tuning', sysctl: {} }],
  });
  const p = await podWith('mv-a,mv-b,mv-list');
  await multusAdd(p.req, p.deps);
  assert.deepEqual(await world.links(p.netns), ['eth0', 'lo', 'net1', 'net2', 'net3']);
  assert.match((await world.addrs(p.netns, 'net3'))[0]!, /^192\.168\.56\./);
  const status = parseNetworkStatus(world.api.networkStatus('default', p.name)!);
  assert.deepEqual(status.map((s) => [s.name, s.interface]), [['cbr0', 'eth0'], ['default/mv-a', 'net1'], ['default/mv-b', 'net2'], ['default/mv-list', 'net3']]);
  const mark = world.calls.length;
  await multusDel(p.req, p.deps);
  const dels = world.calls.slice(mark).filter((c) => c.command === 'DEL').map((c) => `${c.env.CNI_IFNAME}:${c.type}`);
  assert.deepEqual(dels, ['net3:tuning', 'net3:macvlan', 'net2:macvlan', 'net1:macvlan', 'eth0:bridge']);
  assert.deepEqual(await world.leftovers(p.netns), CLEAN);
});

test('an empty-spec NAD is read from confDir by its name', opts, async () => {
  writeFileSync(
    join(world.confDir, '30-mv-file.conf'),
    JSON.stringify({ cniVersion: '1.0.0', name: 'mv-file', type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'host-local', subnet: '192.168.57.0/24', dataDir: world.dataDir } }),
  );
  world.api.addNad('default', 'mv-file', undefined);
  const p = await podWith('mv-file');
  const out = await multusAdd(p.req, p.deps);
  assert.match((await world.addrs(p.netns, 'net1'))[0]!, /^192\.168\.57\./);
  assert.match(out.attachments[1]!.origin, /empty spec: .*30-mv-file\.conf/);
  await multusDel(p.req, p.deps);
  assert.deepEqual(await world.leftovers(p.netns), CLEAN);
});
