/**
 * One ssh2 connection to a node, reused for every command: host key checked against known_hosts
 * (unknown refused unless accept-new, then appended; changed or revoked always refused), keys
 * from files and the agent. ssh2 is imported lazily, only when this transport is used.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Client, ConnectConfig, AnyAuthMethod } from 'ssh2';
import { CliError } from '../../cli/errors.js';
import { ExitCode } from '../../cli/exit-codes.js';
import type { HelperResult } from '../helper.js';
import { fingerprint, hostToken, keyTypeOf, knownHostLine, parseKnownHosts, verifyHostKey, type HostKeyVerdict } from '../known-hosts.js';
import type { SshTarget } from '../ssh-target.js';

const ALGORITHMS_FOR_KEY_TYPE: Record<string, string[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

function unreachable(message: string, hint: string, cause?: unknown): CliError {
  return new CliError(message, { exit: ExitCode.unreachable, hint, cause });
}

export class SshSession {
  private constructor(
    private readonly client: Client,
    readonly target: SshTarget,
  ) {}

  static async open(target: SshTarget, options: { timeoutMs?: number; trace?: (line: string) => void } = {}): Promise<SshSession> {
    // ssh2 is CommonJS: its exports arrive as the module's default.
    const mod = (await import('ssh2')) as typeof import('ssh2') & { default?: typeof import('ssh2') };
    const { Client: SshClient, utils } = mod.default ?? mod;
    const token = hostToken(target.host, target.port);
    const known = existsSync(target.knownHostsPath) ? parseKnownHosts(readFileSync(target.knownHostsPath, 'utf8')) : [];
    let verdict: { result: HostKeyVerdict; fingerprint: string } | undefined;
    const auth: AnyAuthMethod[] = [];
    for (const file of target.identityFiles) {
      const parsed = utils.parseKey(readFileSync(file));
      if (parsed instanceof Error) {
        options.trace?.(`ssh: skipping key ${file}: ${parsed.message}`);
        continue;
      }
      auth.push({ type: 'publickey', username: target.user, key: Array.isArray(parsed) ? parsed[0] : parsed });
    }
    if (target.agentSocket) auth.push({ type: 'agent', username: target.user, agent: target.agentSocket });
    if (auth.length === 0) {
      throw unreachable(`no ssh key for ${target.user}@${target.alias}: no key file and no agent`, 'pass --ssh-key FILE, set IdentityFile in ~/.ssh/config or start ssh-agent');
    }
    // Prefer the key types known_hosts already has for this host, as OpenSSH does.
    const knownTypes = known.filter((e) => !e.marker && verifyHostKey([e], token, e.keyType, e.key) === 'known').map((e) => e.keyType);
    const hostKeyAlgorithms = [...new Set(knownTypes.flatMap((t) => ALGORITHMS_FOR_KEY_TYPE[t] ?? [t]))];
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: options.timeoutMs ?? 20_000,
      authHandler: auth,
      ...(hostKeyAlgorithms.length > 0 ? { algorithms: { serverHostKey: hostKeyAlgorithms as never } } : {}),
      hostVerifier: (key: Buffer): boolean => {
        const type = keyTypeOf(key);
        const b64 = key.toString('base64');
        const result = verifyHostKey(known, token, type, b64);
        verdict = { result, fingerprint: fingerprint(key) };
        if (result === 'unknown' && target.acceptNew) {
          mkdirSync(dirname(target.knownHostsPath), { recursive: true, mode: 0o700 });
          appendFileSync(target.knownHostsPath, knownHostLine(token, type, b64), { mode: 0o600 });
          options.trace?.(`ssh: added ${token} (${type} ${verdict.fingerprint}) to ${target.knownHostsPath}`);
          return true;
        }
        return result === 'known';
      },
    };
    const client = new SshClient();
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve());
      client.once('error', (err: Error) => reject(SshSession.explain(err, target, token, verdict)));
      client.connect(config);
    });
    return new SshSession(client, target);
  }

  private static explain(err: Error, target: SshTarget, token: string, verdict?: { result: HostKeyVerdict; fingerprint: string }): CliError {
    const where = `${target.user}@${target.alias}${target.port === 22 ? '' : `:${target.port}`}`;
    if (verdict?.result === 'unknown') {
      return unreachable(`the ssh host key of ${token} (${verdict.fingerprint}) is not in ${target.knownHostsPath}`, 'check the fingerprint, then run again with --ssh-accept-new (or add it with ssh-keyscan)', err);
    }
    if (verdict?.result === 'changed') {
      return unreachable(`the ssh host key of ${token} has changed (now ${verdict.fingerprint}): refusing to connect`, `if the node was reinstalled, remove its old line from ${target.knownHostsPath} (ssh-keygen -R '${token}')`, err);
    }
    if (verdict?.result === 'revoked') {
      return unreachable(`the ssh host key of ${token} (${verdict.fingerprint}) is marked @revoked in ${target.knownHostsPath}`, 'do not trust this host until its key is replaced', err);
    }
    if (/authentication methods failed/i.test(err.message)) {
      return unreachable(`ssh authentication as ${where} failed`, 'check --ssh-user and --ssh-key (or your agent) and the node\'s authorized_keys', err);
    }
    return unreachable(`cannot connect over ssh to ${where}: ${err.message}`, 'check --ssh-host/--ssh-port and that sshd runs on the node', err);
  }

  /**
   * Runs one command line (already quoted) and collects its output and exit code. With `onPid`, the
   * first stderr line is the remote PID (see SshHelper's wrapper): reported, and kept out of stderr.
   */
  exec(command: string, timeoutMs = 30_000, onPid?: (pid: number) => void): Promise<HelperResult> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (err, stream) => {
        if (err) return reject(err);
        const out: Buffer[] = [];
        const errOut: Buffer[] = [];
        let pidPending = onPid !== undefined;
        const takePid = (): void => {
          const all = Buffer.concat(errOut);
          const nl = all.indexOf(10);
          if (nl < 0) return;
          pidPending = false;
          const pid = Number(all.subarray(0, nl).toString('latin1'));
          if (Number.isInteger(pid) && pid > 0) onPid!(pid);
          errOut.splice(0, errOut.length, all.subarray(nl + 1));
        };
        const timer = setTimeout(() => {
          stream.close();
          reject(new Error(`${command}: timed out after ${timeoutMs} ms over ssh`));
        }, timeoutMs);
        stream.on('data', (d: Buffer) => out.push(d));
        stream.stderr.on('data', (d: Buffer) => {
          errOut.push(d);
          if (pidPending) takePid();
        });
        stream.on('close', (code: number | null, signal?: string) => {
          clearTimeout(timer);
          resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errOut).toString('utf8'), exitCode: code ?? (signal ? 128 : 255) });
        });
      });
    });
  }

  close(): void {
    this.client.end();
  }
}
