/**
 * ADD failure paths with real plugins in real namespaces: each failure comes after the cluster
 * network and one macvlan attachment succeeded, so the rollback has real work to undo, and each
 * must leave no interface, host-local lease, result cache or scratch file behind.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { NETNS_SKIP } from '../support/netns.js';
import { CLEAN, MultusWorld } from '../support/multus-world.js';
import { multusAdd } from '../../src/multus/engine.js';
import { MultusError } from '../../src/multus/errors.js';
import { Annotations } from '../../src/constants.js';
import { runChecked } from '../../src/sys/run.js';
import { inNetns } from '../../src/sys/netns.js';

const opts = { skip: NETNS_SKIP, timeout: 120_000 };
const world = new MultusWorld();
let seq = 0;

before(async () => {
  if (NETNS_SKIP) return;
  await world.start();
  world.macvlanNad('mv-ok', '192.168.60.0/24');
});

async function failingAdd(networks: string, timeoutMs = 10_000): Promise<{ err: MultusError; name: string; netns: string }> {
  seq += 1;
  const name = `f${seq}`;
  world.api.addPod('default', name, { [Annotations.networks]: networks });
  const netns = await world.pod(name);
  const config = world.config();
  const req = world.request(config, netns, { namespace: 'default', name }, `cid-${name}`);
  const err = await multusAdd(req, world.deps(config, {}, timeoutMs)).then(
    () => assert.fail('ADD should have failed'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof MultusError, `a MultusError, got ${String(err)}`);
  return { err, name, netns };
}

async function assertClean(netns: string): Promise<void> {
  assert.deepEqual(await world.leftovers(netns), CLEAN);
}

test('missing NAD: no plugin runs, the spec message, a NoNetworkFound event', opts, async () => {
  const mark = world.calls.length;
  const { err, name, netns } = await failingAdd('mv-ok,nope');
  assert.equal(
    err.message,
    `Multus: [default/${name}/uid-${name}]: error loading k8s delegates k8s args: TryLoadPodDelegates: error in getting k8s network for pod: GetNetworkDelegates: failed getting the delegate: getKubernetesDelegate: cannot find a network-attachment-definition (nope) in namespace (default): network-attachment-definitions.k8s.cni.cncf.io "nope" not found`,
  );
  assert.equal(err.kind, 'not-found');
  assert.equal(world.calls.length, mark, 'no plugin ran');
  const events = world.api.events.filter((e) => e.pod === `default/${name}`);
  assert.deepEqual(events.map((e) => [e.type, e.reason]), [['Warning', 'NoNetworkFound']]);
  assert.match(events[0]!.message, /cannot find a network-attachment-definition \(nope\) in namespace \(default\)/);
  await assertClean(netns);
});

test('missing plugin binary: rolled back, the error names pod, network and the search path', opts, async () => {
  world.api.addNad('default', 'mv-nobin', { cniVersion: '1.0.0', type: 'no-such-plugin' });
  const { err, name, netns } = await failingAdd('mv-ok,mv-nobin');
  assert.match(err.message, new RegExp(`^\\[default/${name}/uid-${name}:mv-nobin\\]: error adding container to network "mv-nobin": failed to find plugin "no-such-plugin" in path \\[`));
  assert.equal(err.kind, 'plugin');
  await assertClean(netns);
});

test('a plugin that exits 1 with a CNI error: its code and message are kept', opts, async () => {
  world.plugin('fail-json', `cat >/dev/null; echo '{"cniVersion":"1.0.0","code":117,"msg":"no luck","details":"the dice said so"}'; exit 1`);
  world.api.addNad('default', 'mv-failjson', { cniVersion: '1.0.0', type: 'fail-json' });
  const { err, name, netns } = await failingAdd('mv-ok,mv-failjson');
  assert.equal(err.message, `[default/${name}/uid-${name}:mv-failjson]: error adding container to network "mv-failjson": no luck; the dice said so`);
  assert.equal(err.code, 117);
  // The rollback ran DEL on the failed delegate too (upstream: from the failed one down to 0).
  const dels = world.calls.filter((c) => c.command === 'DEL' && c.env.CNI_CONTAINERID === `cid-${name}`).map((c) => c.type);
  assert.deepEqual(dels, ['fail-json', 'macvlan', 'bridge']);
  await assertClean(netns);
});

test('a plugin that prints garbage: a decode error, rolled back', opts, async () => {
  world.plugin('garbage', `cat >/dev/null; [ "$CNI_COMMAND" = ADD ] && echo 'this is not json {'; exit 0`);
  world.api.addNad('default', 'mv-garbage', { cniVersion: '1.0.0', type: 'garbage' });
  const { err, name, netns } = await failingAdd('mv-ok,mv-garbage');
  assert.match(err.message, new RegExp(`^\\[default/${name}/uid-${name}:mv-garbage\\]: error adding container to network "mv-garbage": decoding result of plugin garbage: `));
  await assertClean(netns);
});

test('a plugin that hangs past the time limit: killed, rolled back', opts, async () => {
  // exec: the shell becomes sleep, so killing the plugin really ends it.
  world.plugin('hang', `cat >/dev/null; [ "$CNI_COMMAND" = ADD ] && exec sleep 60; exit 0`);
  world.api.addNad('default', 'mv-hang', { cniVersion: '1.0.0', type: 'hang' });
  const started = Date.now();
  const { err, name, netns } = await failingAdd('mv-ok,mv-hang', 1500);
  assert.ok(Date.now() - started < 30_000, 'did not wait for the plugin');
  assert.match(err.message, new RegExp(`^\\[default/${name}/uid-${name}:mv-hang\\]: error adding container to network "mv-hang": netplugin failed: timed out after 1500 ms`));
  await assertClean(netns);
});

test('a hanging plugin whose children keep its output open is still cut off at the time limit', opts, async () => {
  world.plugin('hang-child', `cat >/dev/null; [ "$CNI_COMMAND" = ADD ] && sleep 60; exit 0`);
  world.api.addNad('default', 'mv-hangchild', { cniVersion: '1.0.0', type: 'hang-child' });
  const started = Date.now();
  const { err, netns } = await failingAdd('mv-ok,mv-hangchild', 1500);
  assert.ok(Date.now() - started < 30_000, `waited ${Date.now() - started} ms`);
  assert.match(err.message, /timed out after 1500 ms/);
  await assertClean(netns);
});

test('IPAM exhausted on the third delegate: the first two are rolled back, leases freed', opts, async () => {
  world.macvlanNad('mv-tiny', '192.168.61.0/24', {
    ipam: { type: 'host-local', ranges: [[{ subnet: '192.168.61.0/24', rangeStart: '192.168.61.10', rangeEnd: '192.168.61.10' }]], dataDir: world.dataDir },
  });
  const { err, name, netns } = await failingAdd('mv-tiny@t1,mv-tiny@t2');
  assert.match(err.message, new RegExp(`^\\[default/${name}/uid-${name}:mv-tiny\\]: error adding container to network "mv-tiny": .*no IP addresses available`));
  await assertClean(netns);
});

/** A pod asking for mv-ok (which will be net1) whose netns already holds a link named net1. */
async function podWithNet1(): Promise<{ name: string; netns: string; config: ReturnType<typeof world.config> }> {
  seq += 1;
  const name = `f${seq}`;
  world.api.addPod('default', name, { [Annotations.networks]: 'mv-ok' });
  const netns = await world.pod(name);
  await runChecked(inNetns(netns, ['ip', 'link', 'add', 'net1', 'type', 'veth', 'peer', 'name', 'peer1']));
  return { name, netns, config: world.config() };
}

test('an interface name already in the pod netns: upstream validateIfName message, rolled back', opts, async () => {
  const { name, netns, config } = await podWithNet1();
  const err = await multusAdd(world.request(config, netns, { namespace: 'default', name }, `cid-${name}`), world.deps(config)).then(
    () => assert.fail('ADD should have failed'),
    (e: unknown) => e as MultusError,
  );
  assert.match(err.message, new RegExp(`^\\[default/${name}/uid-${name}:mv-ok\\]: error adding container to network "mv-ok": DelegateAdd: cannot set "macvlan" interface name to "net1": validateIfName: interface name net1 already exists$`));
  // Like upstream, the rollback runs DEL for the failed delegate too, and macvlan's DEL removes
  // whatever is called net1: the pre-existing link goes with it. (`multusctl add` refuses such
  // names before any plugin runs; plugin mode keeps upstream's behaviour.)
  assert.deepEqual(await world.leftovers(netns), CLEAN);
});

test('with the precheck (multusctl add): a name already in the netns is refused before any plugin runs, and the link is kept', opts, async () => {
  const { name, netns, config } = await podWithNet1();
  const mark = world.calls.length;
  const err = await multusAdd(world.request(config, netns, { namespace: 'default', name }, `cid-${name}`), world.deps(config, { precheckInterfaces: true })).then(
    () => assert.fail('ADD should have failed'),
    (e: unknown) => e as MultusError,
  );
  assert.equal(err.kind, 'config');
  assert.match(err.message, /interface name "net1" already exists in /);
  assert.equal(world.calls.length, mark, 'no plugin ran');
  assert.deepEqual(await world.leftovers(netns), { ...CLEAN, links: ['lo', 'net1', 'peer1'] });
});
