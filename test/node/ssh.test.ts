import { test, before, after } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETNS_SKIP, NetnsFixture } from '../support/netns.js';
import { makePodNetns } from '../support/pod-netns.js';
import { startSshd, SSHD, type TestSshd } from '../support/sshd.js';
import { SshHelper } from '../../src/node/transports/ssh.js';
import { LocalHelper } from '../../src/node/transports/local.js';
import { resolveSshTarget, type SshFlags } from '../../src/node/ssh-target.js';
import { IpArgv } from '../../src/node/commands.js';
import { parseLinks, parseRoutes } from '../../src/node/ip-json.js';
import { CliError } from '../../src/cli/errors.js';
import { LabAnnotations } from '../../src/constants.js';
import type { V1Pod } from '../../src/k8s/types.js';

function pgrep(cmdline: string): boolean {
  return spawnSync('pgrep', ['-f', cmdline]).status === 0;
}

const SKIP = NETNS_SKIP || (existsSync(SSHD) ? false : 'openssh-server is not installed');

let sshd: TestSshd;
let home: string;
const env = (): NodeJS.ProcessEnv => ({ HOME: home, USER: 'root' });
const flags = (extra: SshFlags = {}): SshFlags => ({ host: sshd.host, port: sshd.port, user: 'root', keyFile: sshd.clientKey, ...extra });
const noPods = async (): Promise<V1Pod | undefined> => undefined;
const knownHosts = (): string => join(home, '.ssh', 'known_hosts');
const helperFor = (extra: SshFlags = {}, lookup = noPods): SshHelper =>
  new SshHelper('node-a', resolveSshTarget(flags(extra), { name: 'node-a' }, env()), lookup);

async function connectError(helper: SshHelper): Promise<CliError> {
  try {
    await helper.runOnNode(['true']);
  } catch (err) {
    return err as CliError;
  } finally {
    await helper.close();
  }
  assert.fail('expected the connection to be refused');
}

before(async () => {
  if (SKIP) return;
  sshd = await startSshd();
  home = mkdtempSync(join(tmpdir(), 'mhome-'));
});
after(async () => {
  await sshd?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

test('ssh: an unknown host key is refused; --ssh-accept-new adds it; then it is known', { skip: SKIP }, async () => {
  const refused = await connectError(helperFor());
  assert.ok(refused instanceof CliError);
  assert.equal(refused.exitCode, 3);
  assert.match(refused.message, /is not in .*known_hosts/);
  assert.match(refused.hint ?? '', /--ssh-accept-new/);
  assert.equal(existsSync(knownHosts()), false);

  const accepting = helperFor({ acceptNew: true });
  assert.equal((await accepting.runOnNode(['true'])).exitCode, 0);
  await accepting.close();
  assert.equal(readFileSync(knownHosts(), 'utf8').trim(), `[${sshd.host}]:${sshd.port} ${sshd.hostPublicKey}`);

  const known = helperFor();
  const r = await known.runOnNode(['id', '-u']);
  assert.deepEqual([r.exitCode, r.stdout.trim()], [0, '0']);
  await known.close();
});

test('ssh: a changed host key is refused, even with --ssh-accept-new', { skip: SKIP }, async () => {
  const saved = readFileSync(knownHosts(), 'utf8');
  try {
    // Another real key for the same host:port.
    const other = readFileSync(`${sshd.clientKey}.pub`, 'utf8').trim().split(/\s+/);
    writeFileSync(knownHosts(), `[${sshd.host}]:${sshd.port} ${other[0]} ${other[1]}\n`);
    const err = await connectError(helperFor({ acceptNew: true }));
    assert.equal(err.exitCode, 3);
    assert.match(err.message, /has changed/);
    assert.equal(readFileSync(knownHosts(), 'utf8').split('\n').filter(Boolean).length, 1, 'nothing was added');
  } finally {
    writeFileSync(knownHosts(), saved);
  }
});

test('ssh: ~/.ssh/config aliases give HostName, Port, User and IdentityFile', { skip: SKIP }, async () => {
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'config'), `Host other\n  User nobody\n\nHost node-a mynode\n  HostName ${sshd.host}\n  Port ${sshd.port}\n  User root\n  IdentityFile ${sshd.clientKey}\n`);
  try {
    const byAlias = resolveSshTarget({ host: 'mynode' }, { name: 'x', internalIp: '10.9.9.9' }, env());
    assert.deepEqual([byAlias.host, byAlias.port, byAlias.user, byAlias.identityFiles], [sshd.host, sshd.port, 'root', [sshd.clientKey]]);
    // No --ssh-host: the node's own name has a Host block, so it wins over the InternalIP.
    const byNode = new SshHelper('node-a', resolveSshTarget({}, { name: 'node-a', internalIp: '10.9.9.9' }, env()), noPods);
    assert.equal((await byNode.runOnNode(['true'])).exitCode, 0);
    await byNode.close();
  } finally {
    rmSync(join(home, '.ssh', 'config'));
  }
});

test('ssh: one connection serves every command; files and directories; no name runs a command', { skip: SKIP }, async () => {
  const accepted = (): number => (sshd.log().match(/Accepted publickey/g) ?? []).length;
  const before = accepted();
  const helper = helperFor();
  const canaryDir = mkdtempSync(join(tmpdir(), 'mcanary-'));
  try {
    const canary = join(canaryDir, 'CANARY');
    const names = [`$(touch ${canary})`, `\`touch ${canary}\``, `x; touch ${canary}`, `x' ; touch ${canary}; '`, `a|touch ${canary}`, `a\ntouch ${canary}`];
    const echoed = await helper.runOnNode(['printf', '%s\\0', ...names]);
    assert.deepEqual(echoed.stdout.split('\0').slice(0, -1), names);
    for (const name of names) {
      assert.notEqual((await helper.runOnNode(['ip', 'link', 'show', 'dev', name])).exitCode, 0);
      assert.equal(await helper.readFile(`/nonexistent/${name}`), undefined);
    }
    assert.equal(existsSync(canary), false, 'a metacharacter ran a command');

    writeFileSync(join(canaryDir, 'a file'), 'hello\n');
    writeFileSync(join(canaryDir, "it's"), '');
    assert.equal(await helper.readFile(join(canaryDir, 'a file')), 'hello\n');
    assert.deepEqual(await helper.listDir(canaryDir), ['a file', "it's"]);
    assert.equal(await helper.listDir(join(canaryDir, 'missing')), undefined);
  } finally {
    await helper.close();
    rmSync(canaryDir, { recursive: true, force: true });
  }
  assert.equal(accepted() - before, 1, 'exactly one ssh connection');
});

test('ssh and local transports read the same parsed state inside a pod netns', { skip: SKIP }, async () => {
  const fx = new NetnsFixture('ms');
  try {
    const ns = await makePodNetns(fx, 'p');
    const pod: V1Pod = { metadata: { namespace: 'default', name: 'web', annotations: { [LabAnnotations.netns]: ns.path } }, spec: { nodeName: 'node-a', containers: [] } };
    const lookup = async (): Promise<V1Pod> => pod;
    const ref = { namespace: 'default', name: 'web', nodeName: 'node-a' };
    const ssh = helperFor({}, lookup);
    const local = new LocalHelper('node-a', lookup);
    try {
      const read = async (h: SshHelper | LocalHelper) => {
        const addr = await h.runInPod(ref, IpArgv.addr);
        const routes = await h.runInPod(ref, IpArgv.routes);
        assert.equal(addr.exitCode, 0, addr.stderr);
        return { links: parseLinks(addr.stdout), routes: parseRoutes(routes.stdout) };
      };
      const [viaSsh, viaLocal] = [await read(ssh), await read(local)];
      assert.deepEqual(viaSsh, viaLocal);
      assert.deepEqual(viaSsh.links.map((l) => l.name), ['lo', 'eth0', 'net1']);
      assert.deepEqual((await ssh.locate(ref)), { kind: 'path', path: ns.path, how: 'lab annotation' });
    } finally {
      await ssh.close();
    }
  } finally {
    await fx.cleanup();
    assert.deepEqual(fx.leftovers(), []);
  }
});

test('ssh: with no key file, the ssh-agent authenticates', { skip: SKIP }, async () => {
  const { spawn } = await import('node:child_process');
  const { runChecked } = await import('../../src/sys/run.js');
  const dir = mkdtempSync(join(tmpdir(), 'magent-'));
  const sock = join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 50));
    await runChecked(['ssh-add', sshd.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: sock } });
    const target = resolveSshTarget({ host: sshd.host, port: sshd.port, user: 'root' }, { name: 'node-a' }, { HOME: home, SSH_AUTH_SOCK: sock });
    assert.deepEqual(target.identityFiles, [], 'no key files in this HOME');
    const helper = new SshHelper('node-a', target, noPods);
    try {
      assert.equal((await helper.runOnNode(['true'])).exitCode, 0);
    } finally {
      await helper.close();
    }
    const noAgent = new SshHelper('node-a', { ...target, agentSocket: undefined }, noPods);
    const err = await connectError(noAgent);
    assert.match(err.message, /no ssh key/);
  } finally {
    agent.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Ctrl-C (the abort signal) ends running commands on the local and ssh transports', { skip: SKIP }, async () => {
  const reason = new CliError('interrupted', { exit: 130 });
  for (const make of [
    (signal: AbortSignal) => new LocalHelper('node-a', noPods, signal),
    (signal: AbortSignal) => new SshHelper('node-a', resolveSshTarget(flags(), { name: 'node-a' }, env()), noPods, { signal }),
  ]) {
    const ctrl = new AbortController();
    const helper = make(ctrl.signal);
    try {
      await helper.runOnNode(['true']);
      const marker = `${600 + Math.floor(Math.random() * 1000)}`;
      const running = helper.runOnNode(['sleep', marker]);
      setTimeout(() => ctrl.abort(reason), 200);
      await assert.rejects(running, (err) => err === reason);
      // Nothing outlives the abort on the node: the command was killed, not left running.
      for (let i = 0; i < 50 && pgrep(`sleep ${marker}`); i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(pgrep(`sleep ${marker}`), false, `sleep ${marker} still runs`);
      await assert.rejects(helper.runOnNode(['true']), (err) => err === reason);
    } finally {
      await helper.close();
    }
  }
});
