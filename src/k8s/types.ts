/**
 * The Kubernetes object shapes multusctl reads and writes. The core kinds come from
 * @kubernetes/client-node as types only (erased at build time, so they cost no start-up);
 * the NAD kind is a CRD, so it is declared here.
 */
import type { V1ObjectMeta } from '@kubernetes/client-node';

export type { CoreV1Event, V1Namespace, V1Node, V1Pod, V1ObjectMeta, V1DaemonSet } from '@kubernetes/client-node';

export interface NetworkAttachmentDefinition {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta & { name: string };
  spec?: { config?: string };
}

/** namespace/name of any namespaced object. */
export interface ObjectRef {
  namespace: string;
  name: string;
}

export function refString(ref: ObjectRef): string {
  return `${ref.namespace}/${ref.name}`;
}
