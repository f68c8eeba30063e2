/**
 * Crashes during `lab up`: killed after each named step (MULTUSCTL_LAB_STOP_AFTER makes it SIGKILL
 * itself there) and at timed points, then `lab down` must leave no namespace, link, mount or
 * process behind; a crashed `up` is also followed by a good `up`.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NETNS_SKIP } from '../support/netns.js';
import { CLI, runCli } from './helpers.js';
import { forceCleanup, labArgs, labDown, labProcesses, labTestTarget, labUp, leftovers, type LabTestTarget } from './lab-helpers.js';

const STEPS = ['record', 'apiserver', 'lab-namespace', 'node-1', 'host-link', 'node-files', 'register', 'kubelet'];
const targets: LabTestTarget[] = [];

function target(): LabTestTarget {
  const t = labTestTarget('mf');
  targets.push(t);
  return t;
}

async function assertClean(t: LabTestTarget): Promise<void> {
  const r = await labDown(t);
  assert.equal(r.code, 0, `lab down: ${r.stderr}`);
  assert.deepEqual(leftovers(t.prefix), [], 'no namespace, link or mount left');
  assert.deepEqual(labProcesses(t.dir), [], 'no lab process left');
}

describe('lab up crashes', { skip: NETNS_SKIP, timeout: 600_000 }, () => {
  process.once('SIGINT', () => {
    for (const t of targets) forceCleanup(t);
    process.exit(130);
  });
  after(() => {
    for (const t of targets) {
      for (const pid of labProcesses(t.dir)) process.kill(pid, 'SIGKILL');
      forceCleanup(t);
      rmSync(t.dir, { recursive: true, force: true });
    }
  });

  for (const step of STEPS) {
    it(`killed after step "${step}": lab down cleans everything`, async () => {
      const t = target();
      const r = await labUp(t, [], { MULTUSCTL_LAB_STOP_AFTER: step });
      assert.notEqual(r.code, 0, 'up was killed');
      assert.doesNotMatch(r.stdout, /lab is up/);
      await assertClean(t);
    });
  }

  it('killed after the nodes were made, the next up recovers and works', async () => {
    const t = target();
    const crashed = await labUp(t, [], { MULTUSCTL_LAB_STOP_AFTER: 'node-files' });
    assert.notEqual(crashed.code, 0);
    const r = await labUp(t);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { alreadyUp: boolean; nodes: unknown[] };
    assert.equal(result.alreadyUp, false);
    assert.equal(result.nodes.length, 2);
    await assertClean(t);
  });

  it('lab reset replaces a running lab with a fresh one: objects gone, nodes back', async () => {
    const t = target();
    assert.equal((await labUp(t)).code, 0);
    const kubeconfig = join(t.dir, 'kubeconfig');
    const created = await runCli(['nad', 'create', 'before-reset', '--type', 'bridge', '--ipam', 'host-local', '--subnet', '10.61.0.0/24', '--kubeconfig', kubeconfig]);
    assert.equal(created.code, 0, created.stderr);
    const r = await runCli(['lab', 'reset', ...labArgs(t), '--underlay', t.underlay, '-o', 'json'], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { nodes: unknown[] }).nodes.length, 2);
    const listed = await runCli(['nad', 'list', '-o', 'json', '--kubeconfig', kubeconfig]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), [], 'the NAD made before the reset is gone');
    await assertClean(t);
  });

  for (const verb of ['up', 'reset']) {
    it(`Ctrl-C during lab ${verb}: it removes what it made and exits 130`, async () => {
      const t = target();
      const child = spawn(process.execPath, [CLI, 'lab', verb, ...labArgs(t), '--underlay', t.underlay], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      // Interrupt once the API server is started (its ready file appears), i.e. mid-way.
      const deadline = Date.now() + 60_000;
      while (!existsSync(join(t.dir, 'run', 'apiserver.json')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGINT');
      const code = await new Promise<number | null>((r) => child.once('close', r));
      assert.equal(code, 130, stderr);
      assert.match(stderr, /interrupted/);
      assert.deepEqual(leftovers(t.prefix), [], 'nothing left without a lab down');
      assert.deepEqual(labProcesses(t.dir), []);
      await assertClean(t);
    });
  }

  for (const delayMs of [150, 600, 1200]) {
    it(`SIGKILL ${delayMs} ms into lab up: lab down cleans everything`, async () => {
      const t = target();
      const child = spawn(process.execPath, [CLI, 'lab', 'up', ...labArgs(t), '--underlay', t.underlay], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));
      await assertClean(t);
    });
  }
});
