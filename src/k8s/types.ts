/**
 * The Kubernetes object shapes multusctl reads and writes, as JSON on the wire. The core kinds come
 * from @kubernetes/client-node as types only (erased at build time, so they cost no start-up), with
 * its Date fields turned back into the RFC 3339 strings the API server sends (`Wire`): the client
 * (src/k8s/http.ts) keeps objects as JSON, so a timestamp is a string and the types say so.
 * The NAD kind is a CRD, so it is declared here.
 */
import type * as k8s from '@kubernetes/client-node';

/** T with every Date (client-node's reading of a timestamp) as the string the API sends. */
export type Wire<T> = T extends Date ? string : T extends ReadonlyArray<infer E> ? Array<Wire<E>> : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

export type V1ObjectMeta = Wire<k8s.V1ObjectMeta>;
export type V1Pod = Wire<k8s.V1Pod>;
export type V1PodStatus = Wire<k8s.V1PodStatus>;
export type V1PodCondition = Wire<k8s.V1PodCondition>;
export type V1Container = Wire<k8s.V1Container>;
export type V1Node = Wire<k8s.V1Node>;
export type V1Namespace = Wire<k8s.V1Namespace>;
export type V1DaemonSet = Wire<k8s.V1DaemonSet>;
export type CoreV1Event = Wire<k8s.CoreV1Event>;

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
