/**
 * The `lab` transport: the lab's nodes are network namespaces on this host (spec/lab.md). Node
 * commands run under labNodeArgv, pod commands under labPodArgv (src/lab/node-argv.ts, the one
 * nsenter builder); the node's files live under its root directory (annotation
 * lab.multusctl.dev/root), or in its mount namespace.
 */
import { join } from 'node:path';
import type { V1Node } from '../../k8s/types.js';
import { labNodeArgv, labNodeRoot, labPodArgv } from '../../lab/node-argv.js';
import { LabAnnotations } from '../../constants.js';
import type { HelperResult, NodeHelper, PodSandboxRef } from '../helper.js';
import { listDirVia, readFileVia } from '../node-files.js';
import { LocalHelper, runLocal, type PodLookup } from './local.js';

export class LabHelper implements NodeHelper {
  readonly transport = 'lab' as const;
  readonly nodeName: string;
  private readonly files = new LocalHelper('', async () => undefined);

  constructor(
    private readonly node: V1Node,
    private readonly lookupPod: PodLookup,
    private readonly signal?: AbortSignal,
  ) {
    this.nodeName = node.metadata?.name ?? '';
  }

  runOnNode(argv: readonly string[], options: { timeoutMs?: number } = {}): Promise<HelperResult> {
    return runLocal(labNodeArgv(this.node, argv), options.timeoutMs, this.signal);
  }

  async runInPod(ref: PodSandboxRef, argv: readonly string[], options: { timeoutMs?: number } = {}): Promise<HelperResult> {
    const pod = await this.lookupPod(ref);
    if (!pod) throw new Error(`pod ${ref.namespace}/${ref.name} not found`);
    return runLocal(labPodArgv(pod, argv, this.node), options.timeoutMs, this.signal);
  }

  private hostPath(path: string): string | undefined {
    const root = labNodeRoot(this.node);
    return root ? join(root, path) : undefined;
  }

  private get hasMountNs(): boolean {
    return Boolean(this.node.metadata?.annotations?.[LabAnnotations.mountns]);
  }

  readFile(path: string): Promise<string | undefined> {
    const host = this.hostPath(path);
    if (host) return this.files.readFile(host);
    if (this.hasMountNs) return readFileVia((argv, o) => this.runOnNode(argv, o), path);
    return this.files.readFile(path);
  }

  listDir(path: string): Promise<string[] | undefined> {
    const host = this.hostPath(path);
    if (host) return this.files.listDir(host);
    if (this.hasMountNs) return listDirVia((argv, o) => this.runOnNode(argv, o), path);
    return this.files.listDir(path);
  }

  async close(): Promise<void> {}
}
