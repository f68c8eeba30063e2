/**
 * The Kubernetes object shapes multusctl reads and writes. The core kinds come from
 * @kubernetes/client-node as types only (erased at build time, so they cost no start-up);
 * the NAD kind is a CRD, so it is declared here.
 */
import type { V1Container, V1ObjectMeta, V1PodCondition } from '@kubernetes/client-node';

export type { CoreV1Event, V1Namespace, V1Node, V1Pod, V1ObjectMeta, V1DaemonSet } from '@kubernetes/client-node';

export interface NetworkAttachmentDefinition {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta & { name: string };
  spec?: { config?: string };
}

/**
 * A pod reduced to what whole-cluster scans read (doctor over thousands of pods): identity,
 * annotations, owners, node, containers' argv and resource names, phase and condition states. It
 * carries no timestamps (plain JSON has no Date objects), so a V1Pod is one too, and nothing that
 * takes a PodSummary can mistake a string for a Date.
 */
export interface PodSummary {
  metadata?: Pick<V1ObjectMeta, 'name' | 'namespace' | 'uid' | 'resourceVersion' | 'labels' | 'annotations' | 'ownerReferences'>;
  spec?: {
    nodeName?: string;
    hostNetwork?: boolean;
    containers?: Array<Pick<V1Container, 'name' | 'command' | 'args' | 'resources'>>;
  };
  status?: { phase?: string; conditions?: Array<Pick<V1PodCondition, 'type' | 'status'>> };
}

/** namespace/name of any namespaced object. */
export interface ObjectRef {
  namespace: string;
  name: string;
}

export function refString(ref: ObjectRef): string {
  return `${ref.namespace}/${ref.name}`;
}
