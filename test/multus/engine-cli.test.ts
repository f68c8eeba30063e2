/**
 * `multusctl add|del|check` end to end: the built CLI as a child process, the lab's real API
 * server, the real Debian plugins, real namespaces.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NETNS_SKIP } from '../support/netns.js';
import { CLEAN, CliWorld } from '../support/cli-world.js';
import { Annotations } from '../../src/constants.js';
import { parseNetworkStatus } from '../../src/multus/network-status.js';
import { runChecked } from '../../src/sys/run.js';
import { inNetns } from '../../src/sys/netns.js';

const opts = { skip: NETNS_SKIP, timeout: 180_000 };
const world = CliWorld.forFile('macvlan-conf', '192.168.70.0/24', { kubernetes: { kubeconfig: '/etc/x', token: 's3cr3t-t0ken' } });

test('add: eth0 + net1, the CNI result on -o json, network-status and events in the API; del twice; check', opts, async () => {
  const pod = await world.pod('web', 'macvlan-conf');
  const add = await world.cli(['add', '--pod', pod.ref, '--netns', pod.netns, '-o', 'json']);
  assert.equal(add.code, 0, add.stderr);
  const result = JSON.parse(add.stdout) as { cniVersion: string; ips: Array<{ address: string }>; interfaces: Array<{ name: string; sandbox?: string }> };
  assert.equal(result.cniVersion, '1.0.0');
  assert.match(result.ips[0]!.address, /^10\.251\.7\.\d+\/24$/);
  assert.deepEqual(await world.links(pod.netns), ['eth0', 'lo', 'net1']);
  const live = await world.cluster.pods.get('default', 'web');
  const status = parseNetworkStatus(live!.metadata!.annotations![Annotations.networkStatus]!);
  assert.deepEqual(status.map((s) => [s.name, s.interface, s.default]), [['cbr', 'eth0', true], ['default/macvlan-conf', 'net1', undefined]]);
  const events = await world.cluster.events.listFor('default', 'web');
  // The API lists events by name (random suffixes, as in Kubernetes), not in the order they were made.
  const added = events.filter((e) => e.reason === 'AddedInterface').map((e) => e.message?.replace(/\[.*\]/, '[..]')).sort();
  assert.deepEqual(added, ['Add eth0 [..] from cbr', 'Add net1 [..] from default/macvlan-conf']);

  const check = await world.cli(['check', '--pod', pod.ref, '--netns', pod.netns, '-o', 'json']);
  assert.equal(check.code, 0, check.stderr);
  assert.deepEqual((JSON.parse(check.stdout) as { checks: Array<{ ifName: string; ok: boolean }> }).checks.map((c) => [c.ifName, c.ok]), [['eth0', true], ['net1', true]]);

  const del = await world.cli(['del', '--pod', pod.ref, '--netns', pod.netns]);
  assert.equal(del.code, 0, del.stderr);
  assert.match(del.stdout, /deleted 2 attachment\(s\) of pod default\/web \(delegates from the scratch file\)/);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
  const again = await world.cli(['del', '--pod', pod.ref, '--netns', pod.netns]);
  assert.equal(again.code, 0, again.stderr);
  // DEL never clears network-status (like Multus).
  assert.ok((await world.cluster.pods.get('default', 'web'))!.metadata!.annotations![Annotations.networkStatus]);
});

test('add --dry-run: every planned call with env and stdin, secrets redacted, placeholder prevResult; nothing run or written', opts, async () => {
  await world.nad('mv-chain', {
    cniVersion: '1.0.0',
    name: 'mv-chain',
    plugins: [{ type: 'macvlan', master: world.parent, ipam: { type: 'host-local', subnet: '192.168.71.0/24', dataDir: world.dataDir } }, { type: 'tuning' }],
  });
  const pod = await world.pod('dry', 'macvlan-conf,mv-chain');
  const r = await world.cli(['add', '--pod', pod.ref, '--netns', pod.netns, '--dry-run', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout) as { dryRun: boolean; calls: Array<{ command: string; type: string; ifName: string; env: Record<string, string>; stdin: Record<string, unknown> }>; planned: string[] };
  assert.equal(plan.dryRun, true);
  assert.deepEqual(plan.calls.map((c) => `${c.command} ${c.type} ${c.ifName}`), ['ADD bridge eth0', 'ADD macvlan net1', 'ADD macvlan net2', 'ADD tuning net2']);
  const mv = plan.calls[1]!;
  assert.equal(mv.env.CNI_COMMAND, 'ADD');
  assert.equal(mv.env.CNI_NETNS, pod.netns);
  assert.match(mv.env.CNI_ARGS!, /^IgnoreUnknown=true;K8S_POD_NAMESPACE=default;K8S_POD_NAME=dry;/);
  assert.equal((mv.stdin.kubernetes as { token: string }).token, '<redacted>');
  assert.ok(!r.stdout.includes('s3cr3t-t0ken'));
  // The chained plugin's prevResult is the planned ADD's placeholder.
  assert.match(JSON.stringify(plan.calls[3]!.stdin.prevResult), /the result of plugin macvlan \(ADD on net2\)/);
  assert.ok(plan.planned.some((p) => p.startsWith('update network-status of pod default/dry')));
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
  assert.equal((await world.cluster.pods.get('default', 'dry'))!.metadata!.annotations![Annotations.networkStatus], undefined);
  // The human form prints the same plan.
  const human = await world.cli(['add', '--pod', pod.ref, '--netns', pod.netns, '--dry-run']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /dry run for pod default\/dry .*: 4 plugin call\(s\), none run/);
  assert.match(human.stdout, /2\. ADD macvlan \(macvlan-conf on net1\)/);
  assert.match(human.stdout, /CNI_IFNAME=net1/);
});

test('add --trace prints each call with its duration and result; --no-status leaves the pod alone', opts, async () => {
  const pod = await world.pod('traced', 'macvlan-conf');
  // --cni-dir and --bin-dir override the config's cniDir and binDir.
  const altCniDir = join(world.dir, 'alt-cni');
  const paths = ['--cni-dir', altCniDir, '--bin-dir', '/usr/lib/cni'];
  const r = await world.cli(['add', '--pod', pod.ref, '--netns', pod.netns, '--trace', '--no-status', ...paths]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /ADD bridge \(cbr on eth0\) \d+\.\d ms/);
  assert.match(r.stderr, /ADD macvlan \(macvlan-conf on net1\) \d+\.\d ms\n  plugin: \/usr\/lib\/cni\/macvlan\n  env:\n    CNI_COMMAND=ADD/);
  assert.match(r.stderr, /  result:\n    \{\n      "cniVersion": "1.0.0"/);
  assert.ok(!r.stderr.includes('s3cr3t-t0ken'));
  assert.match(r.stdout, /INTERFACE\s+NETWORK\s+TYPE/);
  assert.match(r.stdout, /network-status not written/);
  assert.equal((await world.cluster.pods.get('default', 'traced'))!.metadata!.annotations![Annotations.networkStatus], undefined);
  assert.ok(existsSync(join(altCniDir, 'multusctl-default-traced')), 'scratch file under --cni-dir');
  assert.deepEqual(readdirSync(join(altCniDir, 'results')).sort(), ['cbr-multusctl-default-traced-eth0', 'macvlan-conf-multusctl-default-traced-net1']);
  assert.equal((await world.cli(['del', '--pod', pod.ref, '--netns', pod.netns, ...paths])).code, 0);
  assert.deepEqual(readdirSync(altCniDir).filter((f) => f !== 'results'), []);
  assert.deepEqual(readdirSync(join(altCniDir, 'results')), []);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
});

test('del --dry-run plans DEL in reverse with the cached result as prevResult and deletes nothing; check finds a broken attachment (exit 1)', opts, async () => {
  const pod = await world.pod('planned-del', 'macvlan-conf');
  assert.equal((await world.cli(['add', '--pod', pod.ref, '--netns', pod.netns])).code, 0);
  const plan = await world.cli(['del', '--pod', pod.ref, '--netns', pod.netns, '--dry-run', '-o', 'json']);
  assert.equal(plan.code, 0, plan.stderr);
  const calls = (JSON.parse(plan.stdout) as { calls: Array<{ command: string; type: string; ifName: string; stdin: { prevResult?: { ips?: Array<{ address: string }> } } }> }).calls;
  assert.deepEqual(calls.map((c) => `${c.command} ${c.type} ${c.ifName}`), ['DEL macvlan net1', 'DEL bridge eth0']);
  assert.match(calls[0]!.stdin.prevResult!.ips![0]!.address, /^192\.168\.70\./);
  assert.deepEqual(await world.links(pod.netns), ['eth0', 'lo', 'net1']);
  // Break net1 behind multus's back: CHECK on it must fail, eth0's must pass.
  await runChecked(inNetns(pod.netns, ['ip', 'link', 'delete', 'net1']));
  const check = await world.cli(['check', '--pod', pod.ref, '--netns', pod.netns]);
  assert.equal(check.code, 1, check.stderr);
  assert.match(check.stdout, /eth0\s+cbr\s+bridge\s+ok/);
  assert.match(check.stdout, /net1\s+default\/macvlan-conf\s+macvlan\s+FAILED\s+DelegateCheck: error invoking DelegateCheck - "macvlan"/);
  assert.match(check.stderr, /1 of 2 attachment\(s\) of pod default\/planned-del failed CHECK/);
  const del = await world.cli(['del', '--pod', pod.ref, '--netns', pod.netns]);
  assert.equal(del.code, 0, del.stderr);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
});
