/**
 * The argv that runs a program "on" a lab node or inside a lab pod, from the API objects alone
 * (their lab annotations): the kubelet, pods/exec and the `lab` node-helper transport all enter
 * the lab's namespaces through here, so there is one way to do it.
 */
import { LabAnnotations, LAB_NODE_LABEL } from '../constants.js';
import type { V1Node, V1Pod } from '../k8s/types.js';

type Annotated = { metadata?: { name?: string; annotations?: Record<string, string> } };

function annotation(obj: Annotated, key: string): string | undefined {
  const value = obj.metadata?.annotations?.[key];
  return value === undefined || value === '' ? undefined : value;
}

export function isLabNodeObject(node: V1Node): boolean {
  return node.metadata?.labels?.[LAB_NODE_LABEL] === 'true' && annotation(node, LabAnnotations.netns) !== undefined;
}

/** The node's network namespace path; throws when the node is not a lab node. */
export function labNodeNetns(node: V1Node): string {
  const path = annotation(node, LabAnnotations.netns);
  if (!path) throw new Error(`node ${node.metadata?.name ?? '?'} is not a lab node (no ${LabAnnotations.netns} annotation)`);
  return path;
}

/** The directory standing for the node's `/` (undefined when the lab did not set one). */
export function labNodeRoot(node: V1Node): string | undefined {
  return annotation(node, LabAnnotations.root);
}

/** argv running `argv` in the node's network namespace (and its mount namespace, when it has one). */
export function labNodeArgv(node: V1Node, argv: readonly string[]): string[] {
  const mount = annotation(node, LabAnnotations.mountns);
  return ['nsenter', `--net=${labNodeNetns(node)}`, ...(mount ? [`--mount=${mount}`] : []), '--', ...argv];
}

/** The pod's network namespace path, or undefined while it has none (not yet started by the kubelet). */
export function labPodNetns(pod: V1Pod): string | undefined {
  return annotation(pod, LabAnnotations.netns);
}

/**
 * argv running `argv` inside the pod's network namespace. With its node (for the mount namespace),
 * the program also sees the node's CNI dirs at the standard paths.
 */
export function labPodArgv(pod: V1Pod, argv: readonly string[], node?: V1Node): string[] {
  const netns = labPodNetns(pod);
  if (!netns) throw new Error(`pod ${pod.metadata?.namespace ?? '?'}/${pod.metadata?.name ?? '?'} has no network namespace yet`);
  const mount = node ? annotation(node, LabAnnotations.mountns) : undefined;
  return ['nsenter', `--net=${netns}`, ...(mount ? [`--mount=${mount}`] : []), '--', ...argv];
}
