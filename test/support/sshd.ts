/**
 * A real OpenSSH sshd for ssh-transport tests: a temp dir with its own host key, a client key in
 * authorized_keys and an `-f` config, listening on one address of 127.0.0.0/8 (or inside a network
 * namespace the test made, on that namespace's address), random port. Stopped by `close()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChecked } from '../../src/sys/run.js';

export const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  dir: string;
  host: string;
  port: number;
  /** The client's private key file (authorized for root). */
  clientKey: string;
  /** "ssh-ed25519 AAAA..." of the host key. */
  hostPublicKey: string;
  /** sshd's log so far (stderr, -e). */
  log(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * `wrap` turns sshd's argv into the one that starts it somewhere else, e.g. labNodeArgv(node, argv)
 * to run it inside a lab node's network and mount namespaces.
 */
export async function startSshd(opts: { host?: string; wrap?: (argv: string[]) => string[]; port?: number } = {}): Promise<TestSshd> {
  const host = opts.host ?? '127.0.0.1';
  const dir = mkdtempSync(join(tmpdir(), 'msshd-'));
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  await runChecked(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_ed25519')]);
  await runChecked(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client.pub')), { mode: 0o600 });
  const port = opts.port ?? (await freePort());
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      `ListenAddress ${host}`,
      `HostKey ${join(dir, 'host_ed25519')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      'MaxStartups 50',
      '',
    ].join('\n'),
  );
  const argv = (opts.wrap ?? ((a: string[]) => a))([SSHD, '-D', '-e', '-f', join(dir, 'sshd_config')]);
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), 20_000);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      log += d;
      if (log.includes('Server listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}: ${log}`));
    });
  });
  const [type, key] = readFileSync(join(dir, 'host_ed25519.pub'), 'utf8').trim().split(/\s+/);
  return {
    dir,
    host,
    port,
    clientKey: join(dir, 'client'),
    hostPublicKey: `${type} ${key}`,
    log: () => log,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
