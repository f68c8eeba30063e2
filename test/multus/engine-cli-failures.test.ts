/**
 * `multusctl add|del` failure paths end to end: exit codes of spec/cli.md, messages naming the pod
 * and network like Multus, nothing left behind, Ctrl-C during ADD, DEL with the API server gone.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { NETNS_SKIP } from '../support/netns.js';
import { CLEAN, CliWorld, SYSTEM_CNI_BIN } from '../support/cli-world.js';
import { CLI, runCli } from '../e2e/helpers.js';
import { LoadLog } from '../support/load-log.js';

const opts = { skip: NETNS_SKIP, timeout: 180_000 };
const world = CliWorld.forFile('mv-ok', '192.168.80.0/24');
const loads = new LoadLog();

test('pod not in the cluster: exit 3, one sentence and a hint, no plugin runs', opts, async () => {
  const netns = (await world.fx.add('ghost')).path;
  const r = await world.cli(['add', '--pod', 'default/ghost', '--netns', netns]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /^Error: pod default\/ghost not found in the cluster\nHint: check --pod NAMESPACE\/NAME and the kubeconfig context/);
  assert.ok(!r.stderr.includes('    at '), 'no stack trace');
  assert.deepEqual(await world.leftovers(netns), CLEAN);
});

test('missing NAD: exit 4 with the Multus message chain; nothing added', opts, async () => {
  const pod = await world.pod('nonad', 'mv-ok,nope');
  const r = await world.cli(['add', '--pod', pod.ref, '--netns', pod.netns]);
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /Multus: \[default\/nonad\/[0-9a-f-]+\]: error loading k8s delegates k8s args: TryLoadPodDelegates: error in getting k8s network for pod: GetNetworkDelegates: failed getting the delegate: getKubernetesDelegate: cannot find a network-attachment-definition \(nope\) in namespace \(default\): /);
  const events = await world.cluster.events.listFor('default', 'nonad');
  assert.deepEqual(events.map((e) => [e.type, e.reason]), [['Warning', 'NoNetworkFound']]);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
});

test('a failing plugin: exit 5, "[ns/pod/uid:net]: error adding container to network", rolled back', opts, async () => {
  world.plugin('fail-json', `cat >/dev/null; echo '{"code":117,"msg":"no luck"}'; exit 1`);
  await world.nad('mv-fail', { cniVersion: '1.0.0', type: 'fail-json' });
  const pod = await world.pod('failing', 'mv-ok,mv-fail');
  const r = await world.cli(['add', '--pod', pod.ref, '--netns', pod.netns]);
  assert.equal(r.code, 5, r.stderr);
  assert.match(r.stderr, /^Error: \[default\/failing\/[0-9a-f-]+:mv-fail\]: error adding container to network "mv-fail": no luck\n/);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
});

test('bad input: exit 2 (no --netns, a malformed --pod, a --conf that is not JSON)', opts, async () => {
  const a = await world.cli(['add', '--pod', 'default/x']);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /add needs --netns PATH/);
  const b = await world.cli(['add', '--pod', 'a/b/c', '--netns', '/proc/self/ns/net']);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /invalid pod "a\/b\/c"/);
  const nons = await world.cli(['add', '--pod', 'default/x', '--netns', '/var/run/netns/does-not-exist-here']);
  assert.equal(nons.code, 2, nons.stderr);
  assert.match(nons.stderr, /no network namespace at \/var\/run\/netns\/does-not-exist-here/);
  const garbage = join(world.dir, 'garbage.conf');
  writeFileSync(garbage, '{ not json');
  const c = await runCli(['del', '--pod', 'default/x', '--conf', garbage], { env: { KUBECONFIG: world.server!.kubeconfigPath } });
  assert.equal(c.code, 2, c.stderr);
  assert.match(c.stderr, /failed to load netconf/);
});

/**
 * Ctrl-C while a plugin hangs in ADD: rolled back, exit 130, nothing left. Run through bin/run.js's
 * front door and through oclif (MULTUSCTL_NO_FAST_PATH=1): both share the one Interrupt.
 */
async function interruptedAdd(tag: string, path: 'front door' | 'oclif'): Promise<void> {
  const load = loads.next();
  const env = path === 'oclif' ? { ...load.env, MULTUSCTL_NO_FAST_PATH: '1' } : load.env;
  const marker = join(world.dir, `hang-started-${tag}`);
  world.plugin(`hang-${tag}`, `cat >/dev/null; if [ "$CNI_COMMAND" = ADD ]; then touch '${marker}'; exec sleep 60; fi; exit 0`);
  await world.nad(`mv-hang-${tag}`, { cniVersion: '1.0.0', type: `hang-${tag}` });
  const pod = await world.pod(`interrupted-${tag}`, `mv-ok,mv-hang-${tag}`);
  const child = spawn(process.execPath, [...load.nodeArgs, CLI, 'add', '--pod', pod.ref, '--netns', pod.netns, '--conf', world.confDir], {
    env: { ...process.env, CNI_PATH: SYSTEM_CNI_BIN, KUBECONFIG: '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  for (let i = 0; i < 300 && !existsSync(marker); i += 1) await sleep(100);
  assert.ok(existsSync(marker), `the hanging plugin never started: ${stderr}`);
  // eth0 and net1 exist now; the hanging plugin holds net2.
  assert.deepEqual(await world.links(pod.netns), ['eth0', 'lo', 'net1']);
  child.kill('SIGINT');
  const code = await exited;
  assert.equal(code, 130, stderr);
  assert.match(stderr, /interrupted: cleaning up/);
  assert.match(stderr, /Hint: everything added before the interruption was rolled back/);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
  const loaded = load.loaded();
  assert.equal(loaded.oclifEntry, path === 'oclif', `${path} ran it: ${loaded.chunks.join(' ')}`);
}

test('Ctrl-C during ADD (a plugin hangs), through the front door: rolled back, exit 130, nothing left', opts, () => interruptedAdd('fd', 'front door'));

test('Ctrl-C during ADD (a plugin hangs), through oclif: rolled back, exit 130, nothing left', opts, () => interruptedAdd('oc', 'oclif'));

test('DEL after the API server is gone works from the scratch file (runs last: it stops the server)', opts, async () => {
  const pod = await world.pod('orphan', 'mv-ok');
  const add = await world.cli(['add', '--pod', pod.ref, '--netns', pod.netns]);
  assert.equal(add.code, 0, add.stderr);
  assert.deepEqual(await world.links(pod.netns), ['eth0', 'lo', 'net1']);
  await world.server!.close();
  world.server = undefined;
  const del = await world.cli(['del', '--pod', pod.ref, '--netns', pod.netns, '--timeout', '3s']);
  assert.equal(del.code, 0, del.stderr);
  assert.match(del.stdout, /deleted 2 attachment\(s\) of pod default\/orphan \(delegates from the scratch file\)/);
  assert.match(del.stdout, /warning: cannot read pod default\/orphan from the API/);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
});
