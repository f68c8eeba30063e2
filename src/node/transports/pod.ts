/**
 * The `pod` transport (spec/cli.md "Node helpers"): a short-lived privileged helper pod on the
 * node (pod-spec.ts), created through the API on first use and waited for through a watch; every
 * command runs in it through the exec API as argv. Pod commands run under
 * `nsenter --net=<the pod's netns>`, the netns found as the local transport finds it
 * (netns-locate.ts); node programs (crictl, cat, find) run chrooted into the node's `/` at /host. The helper pod is
 * always deleted: close(), the caller's AbortSignal, and the process's exit paths (pod-cleanup.ts).
 */
import { CliError } from '../../cli/errors.js';
import { ExitCode } from '../../cli/exit-codes.js';
import type { Cluster } from '../../k8s/ports.js';
import type { V1Node } from '../../k8s/types.js';
import { waitForPods } from '../../smoke/wait.js';
import type { HelperResult, NodeHelper, PodSandboxRef } from '../helper.js';
import { locatePodNetns, NetnsCache, type NodeAccess } from '../netns-locate.js';
import { listDirVia, readFileVia, type RunArgv } from '../node-files.js';
import { trackHelper } from './pod-cleanup.js';
import { HELPER_CONTAINER, HOST_MOUNT, helperPodName, helperPodSpec, hostRootsFor, inPodNetnsArgv, onHostArgv, underRoot, type HostRoots } from './pod-spec.js';

export type PodHelperCluster = Pick<Cluster, 'namespace' | 'pods' | 'events' | 'nodes' | 'exec'>;

export interface PodHelperOptions {
  /** Default nicolaka/netshoot. */
  image?: string;
  /** Where the helper pod lives; default the cluster's namespace. */
  namespace?: string;
  /** Aborting it stops running commands and deletes the helper pod. */
  signal?: AbortSignal;
  /** How long the pod may take to run (image pull included); default 120 s. */
  startTimeoutMs?: number;
  /** Per-command limit when the caller gives none; default 30 s. */
  commandTimeoutMs?: number;
  lifetimeSeconds?: number;
  /** The node object, when the caller has it already. */
  node?: V1Node;
  /** Progress lines (e.g. --debug tracing). */
  log?: (line: string) => void;
  /** A helper pod that could not be deleted (default: to stderr). */
  warn?: (line: string) => void;
}

const DEFAULT_START_MS = 120_000;
const DEFAULT_COMMAND_MS = 30_000;

export class PodHelper implements NodeHelper {
  readonly transport = 'pod' as const;
  readonly namespace: string;
  readonly podName: string;
  private readonly stopping = new AbortController();
  private readonly signal: AbortSignal;
  private untrack: () => void = () => {};
  private readonly located = new NetnsCache();
  private started?: Promise<HostRoots>;
  private closing?: Promise<void>;

  constructor(
    private readonly cluster: PodHelperCluster,
    readonly nodeName: string,
    private readonly options: PodHelperOptions = {},
  ) {
    this.namespace = options.namespace ?? cluster.namespace;
    this.podName = helperPodName(nodeName);
    this.signal = options.signal ? AbortSignal.any([options.signal, this.stopping.signal]) : this.stopping.signal;
    options.signal?.addEventListener('abort', () => void this.close(), { once: true });
  }

  get ref(): string {
    return `${this.namespace}/${this.podName}`;
  }

  private log(line: string): void {
    this.options.log?.(`node helper: ${line}`);
  }

  private warn(line: string): void {
    if (this.options.warn) this.options.warn(line);
    else process.stderr.write(`warning: ${line}\n`);
  }

  /** Creates the helper pod once and waits until it runs. */
  private start(): Promise<HostRoots> {
    if (this.closing !== undefined) return Promise.reject(new CliError(`the node helper for ${this.nodeName} is closed`, { exit: ExitCode.interrupted }));
    if (this.started === undefined) {
      // From here on there may be a pod to delete, whatever happens to this process.
      this.untrack = trackHelper(this);
      this.started = this.create();
    }
    return this.started;
  }

  private async create(): Promise<HostRoots> {
    this.signal.throwIfAborted();
    const node = this.options.node ?? (await this.cluster.nodes.get(this.nodeName));
    if (!node) throw new CliError(`no node ${this.nodeName} in the cluster`, { exit: ExitCode.notFound, hint: 'list them with `kubectl get nodes`' });
    const spec = helperPodSpec({ namespace: this.namespace, name: this.podName, nodeName: this.nodeName, image: this.options.image, lifetimeSeconds: this.options.lifetimeSeconds });
    this.log(`creating helper pod ${this.ref} on node ${this.nodeName}`);
    const timeoutMs = this.options.startTimeoutMs ?? DEFAULT_START_MS;
    const result = await waitForPods(this.cluster, this.namespace, [this.podName], { signal: this.signal, timeoutMs }, async () => {
      await this.cluster.pods.create(spec);
    });
    if (!result.running.includes(this.podName)) {
      throw new CliError(`helper pod ${this.ref} on node ${this.nodeName} did not start: ${result.failures.get(this.podName) ?? 'unknown reason'}`, {
        exit: ExitCode.unreachable,
        hint: 'the node must be able to run a privileged pod with image ' + (spec.spec?.containers[0]?.image ?? '') + ' (or use --via ssh)',
      });
    }
    return hostRootsFor(node);
  }

  private async exec(argv: readonly string[], timeoutMs: number | undefined): Promise<HelperResult> {
    await this.start();
    return this.cluster.exec.run(this.namespace, this.podName, argv, {
      container: HELPER_CONTAINER,
      timeoutMs: timeoutMs ?? this.options.commandTimeoutMs ?? DEFAULT_COMMAND_MS,
      signal: this.signal,
    });
  }

  runOnNode(argv: readonly string[], options: { timeoutMs?: number } = {}): Promise<HelperResult> {
    return this.exec(argv, options.timeoutMs);
  }

  /** The node as netns-locate.ts needs it: node programs see the node's file system. */
  private access(roots: HostRoots): NodeAccess {
    return {
      runOnNode: (argv, o) => this.exec(onHostArgv(roots.commands, argv), o?.timeoutMs),
      readFile: (path) => this.nodeFiles(roots, path, readFileVia),
      listDir: (path) => this.nodeFiles(roots, path, listDirVia),
    };
  }

  /**
   * Reads a node path. A real node: with the node's own cat and find (chroot /host; the helper
   * image may have a find without -printf), else, when the node has no such program, with the
   * helper image's under /host. A lab node: in place, under its files root.
   */
  private async nodeFiles<T>(roots: HostRoots, path: string, read: (run: RunArgv, path: string) => Promise<T>): Promise<T> {
    const inPod: RunArgv = (argv, o) => this.exec(argv, o?.timeoutMs);
    if (roots.commands !== HOST_MOUNT) return read(inPod, underRoot(roots.files, path));
    let missing = false;
    const onNode: RunArgv = async (argv, o) => {
      const r = await this.exec(onHostArgv(roots.commands, argv), o?.timeoutMs);
      // chroot: 127 no such program on the node, 126 not executable.
      if (r.exitCode === 127 || r.exitCode === 126) missing = true;
      return r;
    };
    try {
      const value = await read(onNode, path);
      if (!missing) return value;
    } catch (err) {
      if (!missing) throw err;
    }
    return read(inPod, underRoot(roots.files, path));
  }

  async runInPod(ref: PodSandboxRef, argv: readonly string[], options: { timeoutMs?: number } = {}): Promise<HelperResult> {
    const roots = await this.start();
    const where = await this.located.get(ref, async () => {
      const pod = await this.cluster.pods.get(ref.namespace, ref.name);
      if (!pod) throw new CliError(`no pod ${ref.name} in namespace ${ref.namespace}`, { exit: ExitCode.notFound });
      return locatePodNetns(this.access(roots), ref, pod);
    });
    return this.exec(where.kind === 'host' ? argv : inPodNetnsArgv(roots.commands, where.path, argv), options.timeoutMs);
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.nodeFiles(await this.start(), path, readFileVia);
  }

  async listDir(path: string): Promise<string[] | undefined> {
    return this.nodeFiles(await this.start(), path, listDirVia);
  }

  /** Deletes the helper pod (if one was ever asked for). Idempotent; never throws. */
  close(): Promise<void> {
    this.closing ??= this.teardown();
    return this.closing;
  }

  private async teardown(): Promise<void> {
    this.stopping.abort(new CliError('the node helper was closed', { exit: ExitCode.interrupted }));
    try {
      if (this.started === undefined) return;
      // A create in flight finishes first, so the pod it made is the one deleted.
      await this.started.catch(() => {});
      await this.cluster.pods.delete(this.namespace, this.podName, { gracePeriodSeconds: 0 });
      this.log(`deleted helper pod ${this.ref}`);
    } catch (err) {
      this.warn(`could not delete helper pod ${this.ref} (${err instanceof Error ? err.message : String(err)}); delete it with: kubectl delete pod -n ${this.namespace} ${this.podName}`);
    } finally {
      this.untrack();
    }
  }
}

/** A node helper that reaches `nodeName` through a helper pod. */
export function podNodeHelper(cluster: PodHelperCluster, nodeName: string, options: PodHelperOptions = {}): PodHelper {
  return new PodHelper(cluster, nodeName, options);
}
