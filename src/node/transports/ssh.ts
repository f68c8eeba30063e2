/**
 * The `ssh` transport: commands run on the node over one reused ssh connection, each argv quoted
 * with the one quoting function (src/node/quote.ts), under `sudo -n` when the login is not root.
 * A pod's commands run under `nsenter --net=<netns>`, found on the node like the local transport.
 */
import type { HelperResult, NodeHelper, PodSandboxRef } from '../helper.js';
import { locatePodNetns, NetnsCache, type NetnsLocation } from '../netns-locate.js';
import { listDirVia, readFileVia } from '../node-files.js';
import { shellJoin } from '../quote.js';
import type { SshTarget } from '../ssh-target.js';
import { inNetns } from '../../sys/netns.js';
import type { PodLookup } from './local.js';
import { SshSession } from './ssh-session.js';

/** The prefix every command gets: none for root, else `sudo -n --` (never prompts; fails instead). */
export function sudoPrefix(idOutput: string): string[] {
  return idOutput.trim() === '0' ? [] : ['sudo', '-n', '--'];
}

/**
 * Every command runs as `sh -c WRAPPER sh ARGV...`: the shell prints its PID on stderr and execs
 * the command (same PID), so a timed-out or interrupted command can be killed on the node. (sshd
 * refuses channel signals for root logins, and without a pty a dropped connection kills nothing.)
 */
const PID_WRAPPER = 'echo "$$" >&2; exec "$@"';

export class SshHelper implements NodeHelper {
  readonly transport = 'ssh' as const;
  /** Remote PIDs of commands still running. */
  private readonly running = new Set<number>();
  private session?: Promise<{ session: SshSession; sudo: string[] }>;
  private readonly located = new NetnsCache();

  constructor(
    readonly nodeName: string,
    private readonly target: SshTarget,
    private readonly lookupPod: PodLookup,
    private readonly options: { timeoutMs?: number; trace?: (line: string) => void; signal?: AbortSignal } = {},
  ) {
    // Ctrl-C: drop the connection, so every running command ends at once.
    options.signal?.addEventListener('abort', () => void this.close(), { once: true });
  }

  private connect(): Promise<{ session: SshSession; sudo: string[] }> {
    this.session ??= (async () => {
      const session = await SshSession.open(this.target, this.options);
      const id = await session.exec('id -u');
      const sudo = sudoPrefix(id.stdout);
      this.options.trace?.(`ssh: connected to ${this.target.user}@${this.target.host}:${this.target.port}${sudo.length ? ' (commands under sudo -n)' : ''}`);
      return { session, sudo };
    })();
    this.session.catch(() => (this.session = undefined));
    return this.session;
  }

  async runOnNode(argv: readonly string[], options: { timeoutMs?: number } = {}): Promise<HelperResult> {
    this.options.signal?.throwIfAborted();
    const { session, sudo } = await this.connect();
    this.options.trace?.(`ssh ${this.target.alias}: ${shellJoin([...sudo, ...argv])}`);
    let pid: number | undefined;
    try {
      const result = await session.exec(shellJoin([...sudo, 'sh', '-c', PID_WRAPPER, 'sh', ...argv]), options.timeoutMs, (p) => {
        pid = p;
        this.running.add(p);
      });
      this.options.signal?.throwIfAborted();
      return result;
    } catch (err) {
      if (pid !== undefined && this.running.has(pid)) await this.kill(session, sudo, [pid]);
      this.options.signal?.throwIfAborted();
      throw err;
    } finally {
      if (pid !== undefined) this.running.delete(pid);
    }
  }

  /** Kills remote commands (best effort: the node may be gone). */
  private async kill(session: SshSession, sudo: string[], pids: number[]): Promise<void> {
    for (const p of pids) this.running.delete(p);
    await session.exec(shellJoin([...sudo, 'kill', '-KILL', ...pids.map(String)]), 5_000).catch(() => undefined);
  }

  async runInPod(pod: PodSandboxRef, argv: readonly string[], options: { timeoutMs?: number } = {}): Promise<HelperResult> {
    const where = await this.locate(pod);
    return this.runOnNode(where.kind === 'host' ? argv : inNetns(where.path, argv), options);
  }

  async locate(pod: PodSandboxRef): Promise<NetnsLocation> {
    return this.located.get(pod, async () => locatePodNetns(this, pod, await this.lookupPod(pod)));
  }

  readFile(path: string): Promise<string | undefined> {
    return readFileVia((argv, o) => this.runOnNode(argv, o), path);
  }

  listDir(path: string): Promise<string[] | undefined> {
    return listDirVia((argv, o) => this.runOnNode(argv, o), path);
  }

  async close(): Promise<void> {
    const current = this.session;
    this.session = undefined;
    const open = current ? await current.catch(() => undefined) : undefined;
    if (!open) return;
    if (this.running.size > 0) await this.kill(open.session, open.sudo, [...this.running]);
    open.session.close();
  }
}
