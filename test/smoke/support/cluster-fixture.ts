/**
 * Puts a small multus cluster into the test API server (the lab's real API server, in-process):
 * nodes, the multus daemonset with a ready pod per node, NADs, and app pods in whatever state a
 * test wants (Running with or without network-status), set through the real API (create, then
 * status and annotation updates), since no kubelet runs there.
 */
import type { Cluster } from '../../../src/k8s/ports.js';
import type { V1Pod } from '../../../src/k8s/types.js';
import { call, type ApiTarget } from './kube-http.js';

export async function post(target: ApiTarget, path: string, body: unknown): Promise<unknown> {
  const r = await call(target, 'POST', path, body);
  if (r.status >= 300) throw new Error(`POST ${path}: ${r.status} ${r.text.slice(0, 300)}`);
  return JSON.parse(r.text);
}

export async function put(target: ApiTarget, path: string, body: unknown): Promise<unknown> {
  const r = await call(target, 'PUT', path, body);
  if (r.status >= 300) throw new Error(`PUT ${path}: ${r.status} ${r.text.slice(0, 300)}`);
  return JSON.parse(r.text);
}

export async function ensureNamespace(target: ApiTarget, name: string): Promise<void> {
  const r = await call(target, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  if (r.status >= 300 && r.status !== 409) throw new Error(`namespace ${name}: ${r.status} ${r.text}`);
}

export async function addNode(target: ApiTarget, name: string): Promise<void> {
  await post(target, '/api/v1/nodes', {
    apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  });
}

export async function addMultusDaemonSet(target: ApiTarget, nodes: readonly string[], cluster: Cluster): Promise<void> {
  await ensureNamespace(target, 'kube-system');
  const ds = (await post(target, '/apis/apps/v1/namespaces/kube-system/daemonsets', {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-multus-ds', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { app: 'multus' } }, template: { metadata: { labels: { app: 'multus' } }, spec: { containers: [{ name: 'kube-multus', image: 'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.0.2' }] } } },
  })) as { metadata: { uid: string } };
  for (const node of nodes) {
    await runningPod(cluster, {
      metadata: { namespace: 'kube-system', name: `kube-multus-ds-${node}`, labels: { app: 'multus' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-multus-ds', uid: ds.metadata.uid }] },
      spec: { nodeName: node, containers: [{ name: 'kube-multus', image: 'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.0.2' }] },
    });
  }
}

export async function addNad(cluster: Cluster, namespace: string, name: string, config: object): Promise<void> {
  await cluster.nads.create({
    apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { namespace, name },
    spec: { config: JSON.stringify({ cniVersion: '1.0.0', name, ...config }) },
  });
}

export function macvlanConfig(subnet: string): object {
  return { type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'host-local', ranges: [[{ subnet }]] } };
}

/** Creates the pod, then marks it Running and Ready (as a kubelet would). */
export async function runningPod(cluster: Cluster, pod: V1Pod, extra: { annotations?: Record<string, string> } = {}): Promise<V1Pod> {
  const created = await cluster.pods.create({ apiVersion: 'v1', kind: 'Pod', ...pod });
  const ns = created.metadata!.namespace!;
  const name = created.metadata!.name!;
  const withStatus = await cluster.pods.updateStatus({
    ...created,
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], podIP: '10.244.0.10' },
  });
  if (extra.annotations) return cluster.pods.patchAnnotations(ns, name, extra.annotations);
  return withStatus;
}

/** An app pod asking for `networks`; with `status`, the network-status multus would write. */
export async function appPod(cluster: Cluster, namespace: string, name: string, node: string, networks: string, status?: object[]): Promise<V1Pod> {
  const statusText = status === undefined ? undefined : JSON.stringify([{ name: 'cluster', interface: 'eth0', ips: ['10.244.0.10'], default: true, dns: {} }, ...status]);
  return runningPod(cluster, {
    metadata: { namespace, name, annotations: { 'k8s.v1.cni.cncf.io/networks': networks } },
    spec: { nodeName: node, containers: [{ name: 'app', image: 'busybox' }] },
  }, statusText === undefined ? {} : { annotations: { 'k8s.v1.cni.cncf.io/network-status': statusText } });
}
