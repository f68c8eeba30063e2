/**
 * Multus's error messages, built in one place so their wording matches upstream multus-cni
 * (users paste them into searches and issue trackers). A MultusError carries the CNI error code
 * plugin mode prints; the commands map it to an exit code.
 */

/** The CNI error codes (one table, src/cni's); 999 is what thin multus returns for its own failures. */
import { CniCode } from '../cni/errors.js';

export { CniCode };

export type MultusErrorKind =
  /** Bad input: config, annotation, CNI_ARGS. */
  | 'config'
  /** A NAD, confDir file or scratch file was not found. */
  | 'not-found'
  /** The pod itself is not in the cluster (`multusctl add` exits 3, spec §3.3). */
  | 'pod-not-found'
  /** The API server could not be reached or refused us. */
  | 'api'
  /** A delegate plugin failed. */
  | 'plugin'
  /** Ctrl-C / abort. */
  | 'interrupted';

export class MultusError extends Error {
  readonly kind: MultusErrorKind;
  readonly code: number;
  readonly details?: string;

  constructor(message: string, options: { kind: MultusErrorKind; code?: number; details?: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MultusError';
    this.kind = options.kind;
    this.code = options.code ?? CniCode.multus;
    this.details = options.details;
  }
}

/** The pod coordinates every multus error is prefixed with. */
export interface PodKey {
  namespace: string;
  name: string;
  uid: string;
}

/** `Multus: [ns/pod/uid]: <msg>` (upstream cmdErr); without a pod, `Multus: <msg>`. */
export function cmdErrMessage(pod: PodKey | undefined, message: string): string {
  return pod ? `Multus: [${pod.namespace}/${pod.name}/${pod.uid}]: ${message}` : `Multus: ${message}`;
}

/** `[ns/pod/uid:net]: <msg>` (upstream cmdPluginErr, used for delegate failures). */
export function pluginErrMessage(pod: PodKey, netName: string, message: string): string {
  return `[${pod.namespace}/${pod.name}/${pod.uid}:${netName}]: ${message}`;
}

export function nadNotFoundMessage(name: string, namespace: string, apiMessage?: string): string {
  const why = apiMessage ?? `network-attachment-definitions.k8s.cni.cncf.io "${name}" not found`;
  return `cannot find a network-attachment-definition (${name}) in namespace (${namespace}): ${why}`;
}

export function isolationMessage(podNamespace: string, target: string): string {
  return `GetNetworkDelegates: namespace isolation enabled, annotation violates permission, pod is in namespace ${podNamespace} but refers to target namespace ${target}`;
}

export const ECMP_MESSAGE = 'multus does not support ECMP for default-route';

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
