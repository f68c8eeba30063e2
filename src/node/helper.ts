/**
 * The node-helper port (spec/cli.md, "Node helpers"): run commands on a Kubernetes node or inside
 * one pod's network namespace there, read files, list directories. Transports (local, ssh, pod,
 * lab) implement it; everything above parses the same outputs whatever the transport.
 * Arguments are always an argv array: a transport that must go through a shell quotes them with
 * the one tested quoting function, so no name can inject a command.
 */
export interface HelperResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface PodSandboxRef {
  namespace: string;
  name: string;
  uid?: string;
  /** The pod's node. */
  nodeName: string;
}

export interface NodeHelper {
  readonly nodeName: string;
  /** Which transport this is, for messages and `-o json`. */
  readonly transport: 'local' | 'ssh' | 'pod' | 'lab';
  /** Runs argv in the node's own (host) network namespace. */
  runOnNode(argv: readonly string[], options?: { timeoutMs?: number }): Promise<HelperResult>;
  /** Runs argv inside the pod's network namespace on that node. */
  runInPod(pod: PodSandboxRef, argv: readonly string[], options?: { timeoutMs?: number }): Promise<HelperResult>;
  /** A file's text, or undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Entry names in a directory (sorted), or undefined when it does not exist. */
  listDir(path: string): Promise<string[] | undefined>;
  /** Releases connections and helper pods. Idempotent. */
  close(): Promise<void>;
}
