/**
 * The `local` transport: multusctl runs on the node itself, as root. Commands run as argv through
 * src/sys/run.ts; a pod's commands run under `nsenter --net=<its netns>`, the netns found from the
 * runtime (src/node/netns-locate.ts). Files are read directly.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { V1Pod } from '../../k8s/types.js';
import { inNetns } from '../../sys/netns.js';
import { run } from '../../sys/run.js';
import type { HelperResult, NodeHelper, PodSandboxRef } from '../helper.js';
import { locatePodNetns, NetnsCache, type NetnsLocation } from '../netns-locate.js';

export type PodLookup = (ref: PodSandboxRef) => Promise<V1Pod | undefined>;

const DEFAULT_TIMEOUT_MS = 30_000;

export async function runLocal(argv: readonly string[], timeoutMs = DEFAULT_TIMEOUT_MS, signal?: AbortSignal): Promise<HelperResult> {
  signal?.throwIfAborted();
  const r = await run(argv, { timeoutMs, signal });
  if (r.timedOut) throw new Error(`${argv.join(' ')}: timed out after ${timeoutMs} ms`);
  signal?.throwIfAborted();
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? 128 };
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export class LocalHelper implements NodeHelper {
  readonly transport = 'local' as const;
  private readonly located = new NetnsCache();

  constructor(
    readonly nodeName: string,
    private readonly lookupPod: PodLookup,
    /** Ctrl-C: running commands are killed and the call rejects. */
    private readonly signal?: AbortSignal,
  ) {}

  runOnNode(argv: readonly string[], options: { timeoutMs?: number } = {}): Promise<HelperResult> {
    return runLocal(argv, options.timeoutMs, this.signal);
  }

  async runInPod(pod: PodSandboxRef, argv: readonly string[], options: { timeoutMs?: number } = {}): Promise<HelperResult> {
    const where = await this.locate(pod);
    return runLocal(where.kind === 'host' ? argv : inNetns(where.path, argv), options.timeoutMs, this.signal);
  }

  /** Where the pod's netns was found (cached per pod). */
  async locate(pod: PodSandboxRef): Promise<NetnsLocation> {
    return this.located.get(pod, async () => locatePodNetns(this, pod, await this.lookupPod(pod)));
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async listDir(path: string): Promise<string[] | undefined> {
    try {
      return (await readdir(path)).sort();
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async close(): Promise<void> {}
}
