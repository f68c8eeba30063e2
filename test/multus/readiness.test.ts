/**
 * readinessindicatorfile (upstream GetReadinessIndicatorFile) before ADD, STATUS and GC: while the
 * file is missing the engine waits, then fails with upstream's message and runs no delegate; once
 * the file appears it goes on. A recording DelegateRunner stands in for libcni: what is under test
 * is the engine's order of steps, with real files and real timers (a short poll, not upstream's
 * 1 s for 45 s).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { multusAdd, multusGc, multusStatus, type MultusDeps } from '../../src/multus/engine.js';
import { multusConfigFromObject } from '../../src/multus/config.js';
import type { DelegateRunner } from '../../src/multus/runner.js';
import { formatRuntimeCniArgs } from '../../src/multus/cni-args.js';

const dir = mkdtempSync(join(tmpdir(), 'readiness-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let made = 0;
function world(): { file: string; deps: MultusDeps; asked: string[]; config: ReturnType<typeof multusConfigFromObject> } {
  made += 1;
  const file = join(dir, `ready-${made}`);
  const cniDir = join(dir, `cni-${made}`);
  const asked: string[] = [];
  const refuse = (what: string) => async (): Promise<never> => {
    asked.push(what);
    throw new Error(`${what} was not expected`);
  };
  const runner: DelegateRunner = {
    add: refuse('add'),
    del: refuse('del'),
    check: refuse('check'),
    status: async (d) => {
      asked.push(`status ${d.name}`);
    },
    gc: async (d) => {
      asked.push(`gc ${d.name}`);
    },
    convert: (r) => r,
    cachePath: () => join(cniDir, 'none'),
  };
  const deps: MultusDeps = {
    runner,
    netnsOps: { interfaceExists: async () => false, deleteDefaultRoutes: async () => {}, addDefaultRoute: async () => {} },
    readiness: { intervalMs: 10, timeoutMs: 80 },
  };
  const config = multusConfigFromObject({
    cniVersion: '1.1.0',
    name: 'multus-cni-network',
    type: 'multus',
    readinessindicatorfile: file,
    cniDir,
    delegates: [{ cniVersion: '1.1.0', name: 'first', type: 'probe' }, { cniVersion: '1.1.0', name: 'second', type: 'probe' }],
  });
  return { file, deps, asked, config };
}

const waiting = (file: string): string =>
  `have you checked that your default network is ready? still waiting for readinessindicatorfile @ ${file}. pollimmediate error: timed out waiting for the condition`;

test('a readiness file that never appears: ADD, STATUS and GC fail with upstream\'s message after the wait, and no delegate runs', async () => {
  const { file, deps, asked, config } = world();
  const req = { config, containerId: 'c1', netns: join(dir, 'no-netns'), ifName: 'eth0', cniArgs: formatRuntimeCniArgs({ namespace: 'default', name: 'p', infraContainerId: 'c1', uid: 'u1' }) };
  const started = Date.now();
  await assert.rejects(multusAdd(req, deps), (err: Error) => err.message === `Multus: [default/p/u1]: ${waiting(file)}`);
  assert.ok(Date.now() - started >= 70, 'it waited for the time limit first');
  await assert.rejects(multusStatus(config, deps), (err: Error) => err.message === `Multus: ${waiting(file)}`);
  await assert.rejects(multusGc(config, deps), (err: Error) => err.message === `Multus: ${waiting(file)}`);
  assert.deepEqual(asked, []);
});

test('a readiness file that appears while waiting: STATUS and GC go on, to the cluster network (the first delegate) only', async () => {
  const { file, deps, asked, config } = world();
  setTimeout(() => writeFileSync(file, ''), 30);
  await multusStatus(config, deps);
  // GC reads multus's result cache: an empty one is there.
  mkdirSync(join(config.cniDir, 'results'), { recursive: true });
  await multusGc(config, deps);
  assert.deepEqual(asked, ['status first', 'gc first']);
});
