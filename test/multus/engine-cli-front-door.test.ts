/**
 * The two ways `multusctl add|del|check` runs give the same answer: bin/run.js's oclif-free front
 * door (dist/bundle/invoke.cjs, used for every valid argv) and oclif (forced with
 * MULTUSCTL_NO_FAST_PATH=1). Same world, same argv: stdout, stderr and exit code are equal, for
 * successes and failures alike; an argv the front door does not take (a bad flag, --help) goes to
 * oclif in both runs. A module-resolve hook tells which entry ran, so equality cannot come from
 * both runs having taken the same path. Real plugins, real namespaces, the lab's API server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NETNS_SKIP } from '../support/netns.js';
import { CLEAN, CliWorld } from '../support/cli-world.js';
import { LoadLog } from '../support/load-log.js';
import type { CliResult } from '../e2e/helpers.js';
import { runChecked } from '../../src/sys/run.js';
import { inNetns } from '../../src/sys/netns.js';

const opts = { skip: NETNS_SKIP, timeout: 180_000 };
const world = CliWorld.forFile('fd-mv', '192.168.75.0/24');
const loads = new LoadLog();

type Path = 'front door' | 'oclif';

/** Runs the argv through one path and checks that path is the one that ran. */
async function via(path: Path, args: string[], { fallsBack = false } = {}): Promise<CliResult> {
  const load = loads.next();
  const env = path === 'oclif' ? { ...load.env, MULTUSCTL_NO_FAST_PATH: '1' } : load.env;
  const r = await world.cli(args, { env, nodeArgs: load.nodeArgs });
  const loaded = load.loaded();
  if (path === 'front door' && !fallsBack) assert.ok(loaded.frontDoor && !loaded.oclifEntry, `the front door ran ${args.join(' ')}: ${loaded.chunks.join(' ')}`);
  else assert.ok(loaded.oclifEntry, `oclif ran ${args.join(' ')}: ${loaded.chunks.join(' ')}`);
  return r;
}

/** What differs between two runs by design: leased IPs, MACs, host veth names, plugin durations. */
function unvarying(r: CliResult): CliResult {
  const clean = (text: string): string =>
    text
      .replace(/\b(10\.251\.7|192\.168\.75)\.\d+\b/g, '$1.X')
      .replace(/\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\b/gi, 'MAC')
      .replace(/\bveth[0-9a-f]{8}\b/g, 'vethX')
      .replace(/\b\d+\.\d ms\b/g, 'N ms')
      .replace(/"durationMs": [\d.]+/g, '"durationMs": N');
  return { code: r.code, stdout: clean(r.stdout), stderr: clean(r.stderr) };
}

/** ADD through each path in turn (each followed by a DEL, compared too); returns the front door's. */
async function addBothWays(pod: { ref: string; netns: string }, extra: string[]): Promise<CliResult> {
  const args = ['add', '--pod', pod.ref, '--netns', pod.netns, ...extra];
  const del = ['del', '--pod', pod.ref, '--netns', pod.netns];
  const front = await via('front door', args);
  const frontDel = await via('front door', del);
  const oclif = await via('oclif', args);
  const oclifDel = await via('oclif', del);
  assert.deepEqual(unvarying(front), unvarying(oclif));
  assert.deepEqual(unvarying(frontDel), unvarying(oclifDel));
  assert.equal(frontDel.code, 0, frontDel.stderr);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
  return front;
}

test('add (table, -o json, --trace, -o yaml --no-status) and del: the same output and exit code both ways', opts, async () => {
  const pod = await world.pod('fd-add', 'fd-mv');
  const table = await addBothWays(pod, []);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /INTERFACE\s+NETWORK\s+TYPE/);
  const json = await addBothWays(pod, ['-o', 'json']);
  assert.equal((JSON.parse(json.stdout) as { cniVersion: string }).cniVersion, '1.0.0');
  const traced = await addBothWays(pod, ['--trace']);
  assert.match(traced.stderr, /ADD macvlan \(fd-mv on net1\) \d+\.\d ms/);
  const yaml = await addBothWays(pod, ['-o', 'yaml', '--no-status', '-n', 'default', '--timeout', '20s']);
  assert.match(yaml.stdout, /^cniVersion: 1\.0\.0$/m);
});

test('add --dry-run and del --dry-run: byte-identical plans both ways', opts, async () => {
  const pod = await world.pod('fd-dry', 'fd-mv');
  for (const extra of [[], ['-o', 'json']]) {
    const args = ['add', '--pod', pod.ref, '--netns', pod.netns, '--dry-run', ...extra];
    const front = await via('front door', args);
    assert.equal(front.code, 0, front.stderr);
    assert.deepEqual(front, await via('oclif', args));
  }
  const delPlan = ['del', '--pod', pod.ref, '--netns', pod.netns, '--dry-run', '-o', 'json'];
  const front = await via('front door', delPlan);
  assert.equal(front.code, 0, front.stderr);
  assert.deepEqual(front, await via('oclif', delPlan));
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
});

test('check, passing and failing (exit 1): the same both ways', opts, async () => {
  const pod = await world.pod('fd-check', 'fd-mv');
  assert.equal((await via('front door', ['add', '--pod', pod.ref, '--netns', pod.netns])).code, 0);
  try {
    for (const extra of [[], ['-o', 'json']]) {
      const args = ['check', '--pod', pod.ref, '--netns', pod.netns, ...extra];
      const front = await via('front door', args);
      assert.equal(front.code, 0, front.stderr);
      assert.deepEqual(unvarying(front), unvarying(await via('oclif', args)));
    }
    // Break net1 behind multus's back: its CHECK fails, exit 1.
    await runChecked(inNetns(pod.netns, ['ip', 'link', 'delete', 'net1']));
    const args = ['check', '--pod', pod.ref, '--netns', pod.netns];
    const front = await via('front door', args);
    assert.equal(front.code, 1, front.stderr);
    assert.match(front.stderr, /^Error: 1 of 2 attachment\(s\) of pod default\/fd-check failed CHECK\nHint: /);
    assert.deepEqual(unvarying(front), unvarying(await via('oclif', args)));
  } finally {
    await via('front door', ['del', '--pod', pod.ref, '--netns', pod.netns]);
  }
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
});

test('failures: missing NAD (exit 4), pod not in the cluster (exit 3), a failing plugin (exit 5), no --netns (exit 2): the same both ways', opts, async () => {
  world.plugin('fd-fail', `cat >/dev/null; echo '{"code":117,"msg":"no luck"}'; exit 1`);
  await world.nad('fd-failing', { cniVersion: '1.0.0', type: 'fd-fail' });
  const noNad = await world.pod('fd-nonad', 'fd-mv,fd-nope');
  const failing = await world.pod('fd-failing', 'fd-mv,fd-failing');
  const ghost = (await world.fx.add('fd-ghost')).path;
  const cases: Array<[number, string[], RegExp]> = [
    [4, ['add', '--pod', noNad.ref, '--netns', noNad.netns], /cannot find a network-attachment-definition \(fd-nope\)/],
    [3, ['add', '--pod', 'default/fd-ghost', '--netns', ghost], /^Error: pod default\/fd-ghost not found in the cluster\nHint: /],
    [5, ['add', '--pod', failing.ref, '--netns', failing.netns], /error adding container to network "fd-failing": no luck\nHint: run again with --trace/],
    [2, ['add', '--pod', failing.ref], /^Error: add needs --netns PATH/],
  ];
  for (const [code, args, message] of cases) {
    const front = await via('front door', args);
    assert.equal(front.code, code, front.stderr);
    assert.match(front.stderr, message);
    assert.deepEqual(unvarying(front), unvarying(await via('oclif', args)));
  }
  for (const netns of [noNad.netns, failing.netns, ghost]) assert.deepEqual(await world.leftovers(netns), CLEAN);
});

test('an argv the front door does not take goes to oclif: a bad flag (exit 2, oclif message), a bad -o, --help', opts, async () => {
  const cases: Array<[number, string[], RegExp]> = [
    [2, ['add', '--pod', 'default/x', '--netns', '/x', '--bogus'], /^Error: Nonexistent flag: --bogus\n(.|\n)*Hint: see `multusctl add --help`/],
    [2, ['del', '--pod', 'default/x', '-o', 'xml'], /Expected --output=xml to be one of: table, wide, json, yaml/],
    [2, ['check', '--netns', '/x'], /Missing required flag pod/],
    [0, ['add', '--help'], /^$/],
  ];
  for (const [code, args, stderr] of cases) {
    const front = await via('front door', args, { fallsBack: true });
    assert.equal(front.code, code, front.stderr);
    assert.match(front.stderr, stderr);
    assert.deepEqual(front, await via('oclif', args));
  }
});
