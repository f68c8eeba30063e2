/**
 * The Cluster port over the API server's REST paths (http.ts): plain JSON, the same paths and
 * verbs as kubectl. Reached only through a dynamic import (BaseCommand cluster()). Every call goes
 * through `call()`, which maps failures once (errors.ts); get returns undefined and delete false for
 * a missing object. pods/exec is client-node's (exec.ts), loaded the first time a command execs.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_NAMESPACE, NAD_API_VERSION, NAD_GROUP, NAD_KIND, NAD_PLURAL, NAD_VERSION } from '../constants.js';
import { isObjectNotFound, toCliError, type ErrorContext } from './errors.js';
import { kubeHttp, type Query } from './http.js';
import { resolveKubeconfig } from './kubeconfig.js';
import type { Cluster, ListOptions, PatchType, PodExec, WatchEventType } from './ports.js';
import type { CoreV1Event, NetworkAttachmentDefinition, PodSummary, V1DaemonSet, V1Node, V1Pod } from './types.js';

export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  timeoutMs?: number;
  env: NodeJS.ProcessEnv;
  trace?: (line: string) => void;
  /** In-cluster service account directory (default /var/run/secrets/kubernetes.io/serviceaccount). */
  serviceAccountDir?: string;
  /** Items per page of pods.listSummaries (default LIST_PAGE_SIZE; tests page small lists). */
  listPageSize?: number;
}

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

/** Items per page when listing pod summaries (as kubectl's chunk size). */
const LIST_PAGE_SIZE = 500;

type RawPod = {
  metadata?: PodSummary['metadata'] & Record<string, unknown>;
  spec?: { nodeName?: string; hostNetwork?: boolean; containers?: Array<NonNullable<NonNullable<PodSummary['spec']>['containers']>[number] & Record<string, unknown>> };
  status?: { phase?: string; conditions?: Array<{ type: string; status: string }> };
};

/** Keeps exactly the PodSummary fields of a pod read as JSON (so no timestamp string poses as a Date). */
export function podSummary(pod: RawPod): PodSummary {
  const m = pod.metadata;
  const out: PodSummary = {};
  if (m !== undefined) {
    out.metadata = { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion };
    if (m.labels !== undefined) out.metadata.labels = m.labels;
    if (m.annotations !== undefined) out.metadata.annotations = m.annotations;
    if (m.ownerReferences !== undefined) out.metadata.ownerReferences = m.ownerReferences.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, uid: o.uid, ...(o.controller === undefined ? {} : { controller: o.controller }) }));
  }
  if (pod.spec !== undefined) {
    out.spec = { nodeName: pod.spec.nodeName, hostNetwork: pod.spec.hostNetwork };
    if (pod.spec.containers !== undefined) {
      out.spec.containers = pod.spec.containers.map((c) => ({
        name: c.name,
        ...(c.command === undefined ? {} : { command: c.command }),
        ...(c.args === undefined ? {} : { args: c.args }),
        ...(c.resources === undefined ? {} : { resources: { ...(c.resources.requests === undefined ? {} : { requests: c.resources.requests }), ...(c.resources.limits === undefined ? {} : { limits: c.resources.limits }) } }),
      }));
    }
  }
  if (pod.status !== undefined) {
    out.status = { phase: pod.status.phase };
    if (pod.status.conditions !== undefined) out.status.conditions = pod.status.conditions.map((c) => ({ type: c.type, status: c.status }));
  }
  return out;
}

export async function connect(options: ConnectOptions): Promise<Cluster> {
  const resolved = await resolveKubeconfig(options);
  const { contextName, namespace, server } = resolved;
  options.trace?.(`api: kubeconfig ${resolved.source}, context ${contextName}, namespace ${namespace}, server ${server}`);
  const http = kubeHttp(resolved, { timeoutMs: options.timeoutMs, trace: options.trace });

  async function call<T>(action: string, fn: () => Promise<T>, extra: Partial<ErrorContext> = {}): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toCliError(err, { server, contextName, action, timeoutMs: options.timeoutMs, ...extra });
    }
  }

  /** get: undefined for a missing object (other failures mapped). */
  async function get<T>(action: string, name: string, fn: () => Promise<T>, extra: Partial<ErrorContext> = {}): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      if (isObjectNotFound(err, name)) return undefined;
      throw toCliError(err, { server, contextName, action, timeoutMs: options.timeoutMs, ...extra });
    }
  }

  async function del(action: string, name: string, fn: () => Promise<unknown>, extra: Partial<ErrorContext> = {}): Promise<boolean> {
    return (await get(action, name, async () => (await fn(), true), extra)) ?? false;
  }

  const seg = encodeURIComponent;
  const selectors = (o: ListOptions): Query => ({ labelSelector: o.labelSelector, fieldSelector: o.fieldSelector });
  /** The collection path of a namespaced resource: across all namespaces when ns is undefined. */
  const collection = (prefix: string, plural: string, ns: string | undefined): string => (ns === undefined ? `${prefix}/${plural}` : `${prefix}/namespaces/${seg(ns)}/${plural}`);
  const items = async <T>(path: string, query: Query): Promise<T[]> => (await http.json<{ items?: T[] | null }>('GET', path, { query })).items ?? [];

  const NADS = `/apis/${NAD_GROUP}/${NAD_VERSION}`;
  const nadPath = (ns: string, name?: string): string => collection(NADS, NAD_PLURAL, ns) + (name === undefined ? '' : `/${seg(name)}`);
  const podPath = (ns: string, name: string, sub = ''): string => `/api/v1/namespaces/${seg(ns)}/pods/${seg(name)}${sub}`;
  const dsPath = (ns: string, name: string, sub = ''): string => `/apis/apps/v1/namespaces/${seg(ns)}/daemonsets/${seg(name)}${sub}`;
  const nad = { nad: true };
  const where = (ns: string | undefined): string => (ns === undefined ? 'in all namespaces' : `in namespace "${ns}"`);

  let exec: Promise<PodExec> | undefined;
  const podExec = (): Promise<PodExec> =>
    (exec ??= Promise.all([import('./exec.js'), import('./client-node.js')]).then(([e, k]) => e.podExec({ kc: k.clientNodeKubeConfig(resolved), Exec: k.Exec }, { trace: options.trace })));

  return {
    namespace,
    contextName,
    server,
    exec: { run: async (ns, pod, argv, o) => (await podExec()).run(ns, pod, argv, o) },
    nads: {
      get: (ns, name) => get(`get NetworkAttachmentDefinition ${ns}/${name}`, name, () => http.json<NetworkAttachmentDefinition>('GET', nadPath(ns, name)), nad),
      list: (o: ListOptions = {}) =>
        call(`list NetworkAttachmentDefinitions ${where(o.namespace)}`, () => items<NetworkAttachmentDefinition>(collection(NADS, NAD_PLURAL, o.namespace), selectors(o)), nad),
      create: (n) => {
        const ns = n.metadata.namespace ?? namespace;
        const body = { ...n, apiVersion: n.apiVersion || NAD_API_VERSION, kind: n.kind || NAD_KIND, metadata: { ...n.metadata, namespace: ns } };
        return call(`create NetworkAttachmentDefinition ${ns}/${n.metadata.name}`, () => http.json<NetworkAttachmentDefinition>('POST', nadPath(ns), { body }), nad);
      },
      replace: (n) => {
        const ns = n.metadata.namespace ?? namespace;
        return call(`replace NetworkAttachmentDefinition ${ns}/${n.metadata.name}`, () => http.json<NetworkAttachmentDefinition>('PUT', nadPath(ns, n.metadata.name), { body: n }), nad);
      },
      delete: (ns, name) => del(`delete NetworkAttachmentDefinition ${ns}/${name}`, name, () => http.json('DELETE', nadPath(ns, name)), nad),
    },
    pods: {
      get: (ns, name) => get(`get pod ${ns}/${name}`, name, () => http.json<V1Pod>('GET', podPath(ns, name))),
      list: (o: ListOptions = {}) => call(`list pods ${where(o.namespace)}`, () => items<V1Pod>(collection('/api/v1', 'pods', o.namespace), selectors(o))),
      async listSummaries(o: ListOptions = {}) {
        const out: PodSummary[] = [];
        let cont: string | undefined;
        do {
          const query = { ...selectors(o), limit: options.listPageSize ?? LIST_PAGE_SIZE, continue: cont };
          const page = await call(`list pods ${where(o.namespace)}`, () => http.json<{ items?: RawPod[] | null; metadata?: { continue?: string } }>('GET', collection('/api/v1', 'pods', o.namespace), { query }));
          for (const pod of page.items ?? []) out.push(podSummary(pod));
          cont = page.metadata?.continue || undefined;
        } while (cont !== undefined);
        return out;
      },
      create: (pod) => {
        const ns = pod.metadata?.namespace ?? namespace;
        return call(`create pod ${ns}/${pod.metadata?.name ?? pod.metadata?.generateName ?? ''}`, () => http.json<V1Pod>('POST', collection('/api/v1', 'pods', ns), { body: pod }));
      },
      delete: (ns, name, o = {}) => del(`delete pod ${ns}/${name}`, name, () => http.json('DELETE', podPath(ns, name), { query: { gracePeriodSeconds: o.gracePeriodSeconds } })),
      updateStatus: (pod) => {
        const ns = pod.metadata?.namespace ?? namespace;
        const name = pod.metadata?.name ?? '';
        return call(`update status of pod ${ns}/${name}`, () => http.json<V1Pod>('PUT', podPath(ns, name, '/status'), { body: pod }));
      },
      patchAnnotations: (ns, name, annotations) =>
        call(`patch annotations of pod ${ns}/${name}`, () => http.json<V1Pod>('PATCH', podPath(ns, name), { body: { metadata: { annotations } }, contentType: PATCH_CONTENT_TYPES.merge })),
      patch: (ns, name, body, o = {}) =>
        call(`patch ${o.subresource ? 'status of ' : ''}pod ${ns}/${name}`, () =>
          http.json<V1Pod>('PATCH', podPath(ns, name, o.subresource === 'status' ? '/status' : ''), { body, contentType: PATCH_CONTENT_TYPES[o.type ?? 'merge'] }),
        ),
      bind: async (ns, name, nodeName) => {
        const body = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } };
        await call(`bind pod ${ns}/${name} to node ${nodeName}`, () => http.json('POST', podPath(ns, name, '/binding'), { body }));
      },
      async watch(o: ListOptions, onEvent: (type: WatchEventType, pod: V1Pod) => void, signal: AbortSignal) {
        // The server's ERROR event (e.g. 410 Gone) ends the watch as a failure; our own abort ends it quietly.
        const stop = new AbortController();
        const onAbort = (): void => stop.abort();
        signal.addEventListener('abort', onAbort, { once: true });
        if (signal.aborted) stop.abort();
        let failure: unknown;
        try {
          await http.watch(collection('/api/v1', 'pods', o.namespace), selectors(o), (type, obj) => {
            if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') onEvent(type, obj as V1Pod);
            else if (type === 'ERROR' && failure === undefined) {
              const status = obj as { code?: number; message?: string };
              failure = Object.assign(new Error(status.message ?? 'watch error'), { code: status.code ?? 500, body: status });
              stop.abort();
            }
          }, stop.signal);
        } catch (err) {
          failure ??= err;
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
        if (failure !== undefined && !signal.aborted) throw toCliError(failure, { server, contextName, action: `watch pods ${where(o.namespace)}` });
      },
    },
    nodes: {
      get: (name) => get(`get node ${name}`, name, () => http.json<V1Node>('GET', `/api/v1/nodes/${seg(name)}`)),
      list: (o = {}) => call('list nodes', () => items<V1Node>('/api/v1/nodes', { labelSelector: o.labelSelector })),
      create: (node) => call(`create node ${node.metadata?.name ?? ''}`, () => http.json<V1Node>('POST', '/api/v1/nodes', { body: node })),
      updateStatus: (node) => call(`update status of node ${node.metadata?.name ?? ''}`, () => http.json<V1Node>('PUT', `/api/v1/nodes/${seg(node.metadata?.name ?? '')}/status`, { body: node })),
      delete: (name) => del(`delete node ${name}`, name, () => http.json('DELETE', `/api/v1/nodes/${seg(name)}`)),
    },
    events: {
      async record(pod, e) {
        const ns = pod.metadata?.namespace ?? DEFAULT_NAMESPACE;
        const podName = pod.metadata?.name ?? '';
        const now = new Date().toISOString();
        const component = e.source ?? 'multusctl';
        const body: CoreV1Event = {
          metadata: { name: `${podName}.${randomBytes(8).toString('hex')}`, namespace: ns },
          involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: ns, name: podName, uid: pod.metadata?.uid, resourceVersion: pod.metadata?.resourceVersion },
          type: e.type,
          reason: e.reason,
          message: e.message,
          source: { component },
          reportingComponent: component,
          reportingInstance: component,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        };
        await call(`record event ${e.reason} on pod ${ns}/${podName}`, () => http.json('POST', `/api/v1/namespaces/${seg(ns)}/events`, { body: { apiVersion: 'v1', kind: 'Event', ...body } }));
      },
      listFor: (ns, involvedName) =>
        call(`list events of ${ns}/${involvedName}`, () => items<CoreV1Event>(`/api/v1/namespaces/${seg(ns)}/events`, { fieldSelector: `involvedObject.name=${involvedName}` })),
    },
    namespaces: {
      async create(name, labels) {
        await call(`create namespace ${name}`, () => http.json('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } }));
      },
      delete: (name) => del(`delete namespace ${name}`, name, () => http.json('DELETE', `/api/v1/namespaces/${seg(name)}`)),
      exists: async (name) => (await get(`get namespace ${name}`, name, () => http.json('GET', `/api/v1/namespaces/${seg(name)}`))) !== undefined,
    },
    daemonSets: {
      list: (o: ListOptions = {}) => call(`list daemonsets ${where(o.namespace)}`, () => items<V1DaemonSet>(collection('/apis/apps/v1', 'daemonsets', o.namespace), selectors(o))),
      get: (ns, name) => get(`get daemonset ${ns}/${name}`, name, () => http.json<V1DaemonSet>('GET', dsPath(ns, name))),
      create: (ds: V1DaemonSet) => {
        const ns = ds.metadata?.namespace ?? namespace;
        return call(`create daemonset ${ns}/${ds.metadata?.name ?? ''}`, () => http.json<V1DaemonSet>('POST', collection('/apis/apps/v1', 'daemonsets', ns), { body: ds }));
      },
      updateStatus: (ds: V1DaemonSet) => {
        const ns = ds.metadata?.namespace ?? namespace;
        const name = ds.metadata?.name ?? '';
        return call(`update status of daemonset ${ns}/${name}`, () => http.json<V1DaemonSet>('PUT', dsPath(ns, name, '/status'), { body: ds }));
      },
    },
  };
}
