import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { NETNS_SKIP, NetnsFixture } from '../support/netns.js';
import { startExecFixture, type ExecFixture } from '../support/exec-fixture.js';
import { Exec } from '@kubernetes/client-node';
import { podExec } from '../../src/k8s/exec.js';
import { CliError } from '../../src/cli/errors.js';
import type { PodExec } from '../../src/k8s/ports.js';

/** PIDs whose command line contains `marker` (a unique argument the test passed). */
function pidsWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(marker)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

async function waitUntil(what: string, check: () => boolean, limitMs = 30_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > end) assert.fail(`still not true after ${limitMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('cluster.exec against the lab exec handler', { skip: NETNS_SKIP }, () => {
  const fx = new NetnsFixture('mx');
  let server: ExecFixture;
  let exec: PodExec;

  before(async () => {
    server = await startExecFixture();
    const { path } = await fx.add('pod');
    await server.addPod('default', 'web', path);
    await server.addPod('default', 'pending', undefined);
    await server.addPod('default', 'gone', `/var/run/netns/${fx.prefix}never-made`);
    exec = podExec({ kc: server.kubeConfig, Exec });
  });
  after(async () => {
    await server?.close();
    await fx.cleanup();
    assert.deepEqual(fx.leftovers(), []);
  });

  test('stdout of a command run inside the pod netns', async () => {
    const r = await exec.run('default', 'web', ['ip', '-j', 'addr']);
    assert.equal(r.exitCode, 0, r.stderr);
    const links = JSON.parse(r.stdout) as Array<{ ifname: string }>;
    assert.deepEqual(links.map((l) => l.ifname), ['lo']);
  });

  test('stderr and exit codes 0, 1 and 42 come back as results', async () => {
    for (const code of [0, 1, 42]) {
      const r = await exec.run('default', 'web', ['sh', '-c', `echo out; echo err-${code} >&2; exit ${code}`]);
      assert.deepEqual(r, { stdout: 'out\n', stderr: `err-${code}\n`, exitCode: code });
    }
  });

  test('stdin reaches the command and is closed after it', async () => {
    const r = await exec.run('default', 'web', ['cat'], { stdin: 'hello\nworld' });
    assert.deepEqual(r, { stdout: 'hello\nworld', stderr: '', exitCode: 0 });
    const wc = await exec.run('default', 'web', ['wc', '-c'], { stdin: '' });
    assert.equal(wc.stdout.trim(), '0');
  });

  test('1 MiB out and 1 MiB through stdin arrive whole', async () => {
    const big = await exec.run('default', 'web', ['sh', '-c', 'head -c 1048576 /dev/zero | tr "\\0" a']);
    assert.equal(big.exitCode, 0, big.stderr);
    assert.equal(big.stdout.length, 1 << 20);
    assert.match(big.stdout, /^a+$/);
    const input = randomBytes(1 << 19).toString('hex');
    const echoed = await exec.run('default', 'web', ['cat'], { stdin: input });
    assert.equal(echoed.stdout.length, input.length);
    assert.equal(echoed.stdout === input, true);
  });

  test('a command that does not exist exits 127 and says which', async () => {
    const r = await exec.run('default', 'web', ['no-such-command-xyz', '--flag']);
    assert.equal(r.exitCode, 127);
    assert.match(r.stderr, /no-such-command-xyz/);
  });

  test('a pod without a sandbox yet is a clear error, not an exit code', async () => {
    await assert.rejects(exec.run('default', 'pending', ['true']), (err: unknown) => {
      assert.ok(err instanceof CliError);
      assert.match(err.message, /default\/pending has no sandbox yet/);
      return true;
    });
  });

  test('a pod whose netns vanished says so', async () => {
    await assert.rejects(exec.run('default', 'gone', ['true']), /network namespace of pod default\/gone .* is gone/);
  });

  test('a missing pod is a not-found error (exit 4)', async () => {
    await assert.rejects(exec.run('default', 'ghost', ['true']), (err: unknown) => err instanceof CliError && err.exitCode === 4 && /no pod ghost/.test(err.message));
  });

  test('a timeout rejects and the server kills the command', async () => {
    const marker = `600.${Date.now() % 100000}1`;
    await assert.rejects(exec.run('default', 'web', ['sleep', marker], { timeoutMs: 1500 }), /timed out after 1500 ms/);
    await waitUntil(`sleep ${marker} killed`, () => pidsWith(marker).length === 0);
  });

  test('an abort rejects with its reason and the server kills the command', async () => {
    const marker = `600.${Date.now() % 100000}2`;
    const ac = new AbortController();
    const running = exec.run('default', 'web', ['sleep', marker], { signal: ac.signal });
    await waitUntil(`sleep ${marker} started`, () => pidsWith(marker).length > 0);
    ac.abort(new Error('stop now'));
    await assert.rejects(running, /stop now/);
    await waitUntil(`sleep ${marker} killed`, () => pidsWith(marker).length === 0);
    const already = AbortSignal.abort(new Error('never started'));
    await assert.rejects(exec.run('default', 'web', ['true'], { signal: already }), /never started/);
  });

  test('any argv arrives as literal argv (no shell on the way)', async () => {
    const word = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\0'));
    const meta = fc.constantFrom('$(touch /tmp/pwned)', '`id`', '; rm -rf /', "'", '"', '\\', '*', '&&', '|', '\n', ' ', '-n', '--', '%s', '%%');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(word, meta), { minLength: 1, maxLength: 6 }), async (args) => {
        const r = await exec.run('default', 'web', ['printf', '%s\\0', ...args]);
        assert.equal(r.exitCode, 0, r.stderr);
        assert.deepEqual(r.stdout.split('\0').slice(0, -1), args);
      }),
      { numRuns: 40 },
    );
  });
});
