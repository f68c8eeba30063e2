/**
 * Narrow ports to the cluster. Library code takes these, never a client object, so the same code
 * runs against client-node (real clusters and the lab's API server) and against in-memory stores in
 * unit tests. Implementations map API failures to CliError (exit 3 unreachable/unauthorised,
 * 4 not found) themselves; `get` returns undefined for a 404 instead of throwing.
 */
import type { CoreV1Event, NetworkAttachmentDefinition, PodSummary, V1DaemonSet, V1Node, V1Pod } from './types.js';

export interface ListOptions {
  /** undefined lists across all namespaces. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface NadStore {
  get(namespace: string, name: string): Promise<NetworkAttachmentDefinition | undefined>;
  list(options?: ListOptions): Promise<NetworkAttachmentDefinition[]>;
  create(nad: NetworkAttachmentDefinition): Promise<NetworkAttachmentDefinition>;
  /** PUT of the whole object; rejects with a conflict (HTTP 409) when resourceVersion is stale. */
  replace(nad: NetworkAttachmentDefinition): Promise<NetworkAttachmentDefinition>;
  /** Returns false when it did not exist. */
  delete(namespace: string, name: string): Promise<boolean>;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** How a patch body is to be read (the PATCH Content-Type). */
export type PatchType = 'merge' | 'strategic' | 'json';

export interface PodStore {
  get(namespace: string, name: string): Promise<V1Pod | undefined>;
  list(options?: ListOptions): Promise<V1Pod[]>;
  /**
   * Lists pods reduced to PodSummary, for scans over every pod of a cluster: read as plain JSON in
   * pages (limit/continue), each page reduced before the next is read, so memory stays small.
   */
  listSummaries(options?: ListOptions): Promise<PodSummary[]>;
  create(pod: V1Pod): Promise<V1Pod>;
  delete(namespace: string, name: string, options?: { gracePeriodSeconds?: number }): Promise<boolean>;
  /** PUT pods/status; rejects with a conflict (HTTP 409) when resourceVersion is stale. */
  updateStatus(pod: V1Pod): Promise<V1Pod>;
  /** PATCH (JSON merge) metadata.annotations; a null value removes the key. */
  patchAnnotations(namespace: string, name: string, annotations: Record<string, string | null>): Promise<V1Pod>;
  /** PATCH of the pod (or, with subresource 'status', of pods/status); default a JSON merge patch. */
  patch(namespace: string, name: string, patch: object, options?: { type?: PatchType; subresource?: 'status' }): Promise<V1Pod>;
  /** POST pods/binding: assigns an unbound pod to a node (409 when it is already bound). */
  bind(namespace: string, name: string, nodeName: string): Promise<void>;
  /**
   * Watches pods until the signal aborts; calls onEvent for each change. Resolves when the watch
   * ends (aborted or closed by the server).
   */
  watch(options: ListOptions, onEvent: (type: WatchEventType, pod: V1Pod) => void, signal: AbortSignal): Promise<void>;
}

export interface NodeStore {
  get(name: string): Promise<V1Node | undefined>;
  list(options?: { labelSelector?: string }): Promise<V1Node[]>;
  create(node: V1Node): Promise<V1Node>;
  /** PUT nodes/status. */
  updateStatus(node: V1Node): Promise<V1Node>;
  /** Returns false when it did not exist. */
  delete(name: string): Promise<boolean>;
}

export interface EventStore {
  /** Records an event about a pod (reason e.g. AddedInterface, NoNetworkFound). */
  record(pod: V1Pod, event: { type: 'Normal' | 'Warning'; reason: string; message: string; source?: string }): Promise<void>;
  listFor(namespace: string, involvedName: string): Promise<CoreV1Event[]>;
}

export interface NamespaceStore {
  create(name: string, labels?: Record<string, string>): Promise<void>;
  delete(name: string): Promise<boolean>;
  exists(name: string): Promise<boolean>;
}

export interface DaemonSetStore {
  list(options?: ListOptions): Promise<V1DaemonSet[]>;
  get(namespace: string, name: string): Promise<V1DaemonSet | undefined>;
  create(ds: V1DaemonSet): Promise<V1DaemonSet>;
  /** PUT daemonsets/status. */
  updateStatus(ds: V1DaemonSet): Promise<V1DaemonSet>;
}

export interface ExecOptions {
  /** Default: the pod's only (or default) container. */
  container?: string;
  /** Sent to the command's stdin, then closed. Without it the command gets no stdin. */
  stdin?: string | Uint8Array;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * pods/exec (owner: exec, src/k8s/exec.ts). A non-zero exit is a result; failing to run the
 * command at all (no pod, not allowed, no sandbox, timeout) throws a CliError.
 */
export interface PodExec {
  run(namespace: string, pod: string, argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
}

/** Everything a command may need from one cluster context. */
export interface Cluster {
  /** The namespace from -n, else the context's, else "default". */
  readonly namespace: string;
  /** The kubeconfig context in use. */
  readonly contextName: string;
  /** The API server URL (for messages). */
  readonly server: string;
  readonly nads: NadStore;
  readonly pods: PodStore;
  readonly nodes: NodeStore;
  readonly events: EventStore;
  readonly namespaces: NamespaceStore;
  readonly daemonSets: DaemonSetStore;
  readonly exec: PodExec;
}
