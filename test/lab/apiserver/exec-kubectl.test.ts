/** kubectl (v1.32: exec over WebSocket v5.channel.k8s.io by default) against the lab's exec handler. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { NETNS_SKIP, NetnsFixture } from '../../support/netns.js';
import { startExecFixture, type ExecFixture } from '../../support/exec-fixture.js';
import { shellJoin } from '../../../src/node/quote.js';

const KUBECTL_SKIP: string | false = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0 ? false : 'kubectl is not installed';

const SCRIPT_SKIP: string | false = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0 ? false : 'util-linux script is not installed (it gives kubectl a terminal)';

/** Runs kubectl; `stdin: undefined` keeps its stdin open until it exits (no EOF sent). */
function kubectl(kubeconfig: string, args: string[], stdin: string | undefined = '', viaTerminal = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const argv = ['kubectl', '--kubeconfig', kubeconfig, ...args];
    // `script` runs kubectl on a pseudo-terminal, as a person typing `kubectl exec -it` would.
    const [file, ...rest] = viaTerminal ? ['script', '--quiet', '--return', '--command', shellJoin(argv), '/dev/null'] : argv;
    const child = spawn(file!, rest, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin.end(stdin);
  });
}

describe('kubectl exec against the lab', { skip: NETNS_SKIP || KUBECTL_SKIP }, () => {
  const fx = new NetnsFixture('mk');
  let server: ExecFixture;

  before(async () => {
    server = await startExecFixture();
    await server.addPod('default', 'web', (await fx.add('pod')).path);
    await server.addPod('default', 'pending', undefined);
  });
  after(async () => {
    await server?.close();
    await fx.cleanup();
  });

  test('kubectl exec POD -- ip -j addr prints the pod netns interfaces', async () => {
    const r = await kubectl(server.kubeconfigPath, ['exec', 'web', '--', 'ip', '-j', 'addr']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as Array<{ ifname: string }>).map((l) => l.ifname), ['lo']);
  });

  test("a non-zero exit code becomes kubectl's exit code, stderr passes through", async () => {
    const r = await kubectl(server.kubeconfigPath, ['exec', 'web', '--', 'sh', '-c', 'echo oops >&2; exit 42']);
    assert.equal(r.code, 42);
    assert.match(r.stderr, /^oops$/m);
    const missing = await kubectl(server.kubeconfigPath, ['exec', 'web', '--', 'no-such-command-xyz']);
    assert.equal(missing.code, 127);
  });

  test('kubectl exec -i POD -- cat echoes stdin and ends when stdin does', async () => {
    const r = await kubectl(server.kubeconfigPath, ['exec', '-i', 'web', '--', 'cat'], 'line one\nline two\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'line one\nline two\n');
  });

  test('kubectl exec -it gives the command a terminal and keeps its exit code', { skip: SCRIPT_SKIP }, async () => {
    const r = await kubectl(server.kubeconfigPath, ['exec', '-it', 'web', '--', 'sh', '-c', 'test -t 0 && test -t 1 && echo on-a-tty; exit 5'], undefined, true);
    assert.equal(r.code, 5, r.stdout + r.stderr);
    assert.match(r.stdout, /on-a-tty\r\n/);
  });

  test('a pod without a sandbox: kubectl fails with the reason', async () => {
    const r = await kubectl(server.kubeconfigPath, ['exec', 'pending', '--', 'true']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /has no sandbox yet/);
  });
});
