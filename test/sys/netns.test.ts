import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { NETNS_SKIP, NetnsFixture } from '../support/netns.js';
import { inNetns, netnsPath } from '../../src/sys/netns.js';
import { run } from '../../src/sys/run.js';

test('creates a namespace, runs inside it, and cleans up', { skip: NETNS_SKIP }, async () => {
  const fx = new NetnsFixture('ms');
  const { name, path } = await fx.add('a');
  assert.equal(path, netnsPath(name));
  const r = await run(inNetns(path, ['ip', '-j', 'link', 'show']));
  assert.equal(r.exitCode, 0, r.stderr);
  const links = JSON.parse(r.stdout) as Array<{ ifname: string }>;
  assert.deepEqual(links.map((l) => l.ifname), ['lo']);
  await fx.cleanup();
  assert.equal(existsSync(path), false);
  assert.deepEqual(fx.leftovers(), []);
});

test('run() enforces its timeout', async () => {
  const r = await run(['sleep', '5'], { timeoutMs: 100 });
  assert.equal(r.timedOut, true);
  assert.notEqual(r.exitCode, 0);
});
