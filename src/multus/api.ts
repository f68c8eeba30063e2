/**
 * The narrow API port the multus engine needs, and its adapter from the project's Cluster ports.
 * Engine tests use an in-memory implementation of the same port.
 */
import type { Cluster } from '../k8s/ports.js';
import type { NetworkAttachmentDefinition, V1Pod } from '../k8s/types.js';
import { Annotations } from '../constants.js';

export interface MultusEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface MultusApi {
  /** undefined when the pod does not exist (404); throws when the API cannot answer. */
  getPod(namespace: string, name: string): Promise<V1Pod | undefined>;
  /** undefined when the NAD does not exist (404). */
  getNad(namespace: string, name: string): Promise<NetworkAttachmentDefinition | undefined>;
  /**
   * Sets the network-status annotation by UpdateStatus, reading the pod again after a conflict.
   * `known` is the pod as the caller last read it: the first attempt updates that copy (its
   * resourceVersion makes a stale copy a conflict, never an overwrite), saving a GET.
   */
  updateNetworkStatus(namespace: string, name: string, value: string, known?: V1Pod): Promise<void>;
  /** Records an event on the pod (best effort: callers ignore failures). */
  recordEvent(pod: V1Pod, event: MultusEvent): Promise<void>;
}

/** True for an HTTP 409 from any of the project's API layers. */
export function isConflict(err: unknown): boolean {
  const e = err as { code?: unknown; statusCode?: unknown; status?: unknown; message?: unknown } | undefined;
  if (!e) return false;
  if (e.code === 409 || e.statusCode === 409 || e.status === 409) return true;
  return typeof e.message === 'string' && /\b409\b|conflict/i.test(e.message);
}

const CONFLICT_RETRIES = 5;

/** Adapts the Cluster ports (src/k8s) to the engine's MultusApi. */
export function multusApiFromCluster(cluster: Pick<Cluster, 'pods' | 'nads' | 'events'>): MultusApi {
  return {
    getPod: (namespace, name) => cluster.pods.get(namespace, name),
    getNad: (namespace, name) => cluster.nads.get(namespace, name),
    async updateNetworkStatus(namespace, name, value, known) {
      for (let attempt = 0; ; attempt += 1) {
        const pod = attempt === 0 && known?.metadata?.resourceVersion ? known : await cluster.pods.get(namespace, name);
        if (!pod) throw new Error(`pod "${name}" not found`);
        const updated = { ...pod, metadata: { ...pod.metadata, annotations: { ...(pod.metadata?.annotations ?? {}), [Annotations.networkStatus]: value } } };
        try {
          await cluster.pods.updateStatus(updated);
          return;
        } catch (err) {
          if (!isConflict(err) || attempt >= CONFLICT_RETRIES) throw err;
        }
      }
    },
    recordEvent: (pod, event) => cluster.events.record(pod, { ...event, source: 'multus' }),
  };
}
