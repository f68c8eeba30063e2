/**
 * The Cluster port over @kubernetes/client-node 1.x. Reached only through a dynamic import (BaseCommand
 * cluster()), because loading client-node costs several times `node -e 0`. Every call goes through
 * `call()`, which maps failures once (errors.ts); get returns undefined and delete false for a
 * missing object.
 */
import { randomBytes } from 'node:crypto';
import {
  AppsV1Api,
  CoreV1Api,
  createConfiguration,
  CustomObjectsApi,
  PatchStrategy,
  ServerConfiguration,
  setHeaderOptions,
  Watch,
  type Configuration,
  type KubeConfig,
} from '@kubernetes/client-node';
// Not re-exported by the package index; used so watched pods have the same types (Date timestamps) as listed ones.
import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';
import { DEFAULT_NAMESPACE, NAD_API_VERSION, NAD_GROUP, NAD_KIND, NAD_PLURAL, NAD_VERSION } from '../constants.js';
import { isObjectNotFound, toCliError, type ErrorContext } from './errors.js';
import { resolveKubeconfig } from './kubeconfig.js';
import type { Cluster, ListOptions, PatchType, WatchEventType } from './ports.js';
import { tracingHttpLibrary } from './trace.js';
import { podExec } from './exec.js';
import type { CoreV1Event, NetworkAttachmentDefinition, V1DaemonSet, V1Node, V1Pod } from './types.js';

export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  timeoutMs?: number;
  env: NodeJS.ProcessEnv;
  trace?: (line: string) => void;
  /** In-cluster service account directory (default /var/run/secrets/kubernetes.io/serviceaccount). */
  serviceAccountDir?: string;
}

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: PatchStrategy.MergePatch,
  strategic: PatchStrategy.StrategicMergePatch,
  json: PatchStrategy.JsonPatch,
};

function makeApi<T>(kc: KubeConfig, Api: new (config: Configuration) => T, options: ConnectOptions): T {
  const server = kc.getCurrentCluster()!.server;
  return new Api(
    createConfiguration({
      baseServer: new ServerConfiguration(server, {}),
      authMethods: { default: kc },
      httpApi: tracingHttpLibrary({ timeoutMs: options.timeoutMs, trace: options.trace }),
    }),
  );
}

export async function connect(options: ConnectOptions): Promise<Cluster> {
  const resolved = resolveKubeconfig(options);
  const { kc, contextName, namespace, server } = resolved;
  options.trace?.(`api: kubeconfig ${resolved.source}, context ${contextName}, namespace ${namespace}, server ${server}`);
  const core = makeApi(kc, CoreV1Api, options);
  const apps = makeApi(kc, AppsV1Api, options);
  const custom = makeApi(kc, CustomObjectsApi, options);

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

  const nadApi = { group: NAD_GROUP, version: NAD_VERSION, plural: NAD_PLURAL };
  const nad = { nad: true };
  const where = (ns: string | undefined): string => (ns === undefined ? 'in all namespaces' : `in namespace "${ns}"`);

  return {
    namespace,
    contextName,
    server,
    exec: podExec(kc, { trace: options.trace }),
    nads: {
      get: (ns, name) => get(`get NetworkAttachmentDefinition ${ns}/${name}`, name, async () => (await custom.getNamespacedCustomObject({ ...nadApi, namespace: ns, name })) as NetworkAttachmentDefinition, nad),
      async list(o: ListOptions = {}) {
        const q = { labelSelector: o.labelSelector, fieldSelector: o.fieldSelector };
        const list = (await call(`list NetworkAttachmentDefinitions ${where(o.namespace)}`, () =>
          o.namespace === undefined ? custom.listClusterCustomObject({ ...nadApi, ...q }) : custom.listNamespacedCustomObject({ ...nadApi, namespace: o.namespace, ...q }),
        nad)) as { items?: NetworkAttachmentDefinition[] };
        return list.items ?? [];
      },
      create: (n) => {
        const ns = n.metadata.namespace ?? namespace;
        const body = { ...n, apiVersion: n.apiVersion || NAD_API_VERSION, kind: n.kind || NAD_KIND, metadata: { ...n.metadata, namespace: ns } };
        return call(`create NetworkAttachmentDefinition ${ns}/${n.metadata.name}`, async () => (await custom.createNamespacedCustomObject({ ...nadApi, namespace: ns, body })) as NetworkAttachmentDefinition, nad);
      },
      replace: (n) => {
        const ns = n.metadata.namespace ?? namespace;
        return call(`replace NetworkAttachmentDefinition ${ns}/${n.metadata.name}`, async () => (await custom.replaceNamespacedCustomObject({ ...nadApi, namespace: ns, name: n.metadata.name, body: n })) as NetworkAttachmentDefinition, nad);
      },
      delete: (ns, name) => del(`delete NetworkAttachmentDefinition ${ns}/${name}`, name, () => custom.deleteNamespacedCustomObject({ ...nadApi, namespace: ns, name }), nad),
    },
    pods: {
      get: (ns, name) => get(`get pod ${ns}/${name}`, name, () => core.readNamespacedPod({ namespace: ns, name })),
      async list(o: ListOptions = {}) {
        const q = { labelSelector: o.labelSelector, fieldSelector: o.fieldSelector };
        const list = await call(`list pods ${where(o.namespace)}`, () => (o.namespace === undefined ? core.listPodForAllNamespaces(q) : core.listNamespacedPod({ namespace: o.namespace, ...q })));
        return list.items;
      },
      create: (pod) => {
        const ns = pod.metadata?.namespace ?? namespace;
        return call(`create pod ${ns}/${pod.metadata?.name ?? pod.metadata?.generateName ?? ''}`, () => core.createNamespacedPod({ namespace: ns, body: pod }));
      },
      delete: (ns, name, o = {}) => del(`delete pod ${ns}/${name}`, name, () => core.deleteNamespacedPod({ namespace: ns, name, gracePeriodSeconds: o.gracePeriodSeconds })),
      updateStatus: (pod) => {
        const ns = pod.metadata?.namespace ?? namespace;
        const name = pod.metadata?.name ?? '';
        return call(`update status of pod ${ns}/${name}`, () => core.replaceNamespacedPodStatus({ namespace: ns, name, body: pod }));
      },
      patchAnnotations: (ns, name, annotations) =>
        call(`patch annotations of pod ${ns}/${name}`, () => core.patchNamespacedPod({ namespace: ns, name, body: { metadata: { annotations } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch))),
      patch: (ns, name, body, o = {}) => {
        const headers = setHeaderOptions('Content-Type', PATCH_CONTENT_TYPES[o.type ?? 'merge']);
        return call(`patch ${o.subresource ? 'status of ' : ''}pod ${ns}/${name}`, () =>
          o.subresource === 'status' ? core.patchNamespacedPodStatus({ namespace: ns, name, body }, headers) : core.patchNamespacedPod({ namespace: ns, name, body }, headers),
        );
      },
      bind: async (ns, name, nodeName) => {
        await call(`bind pod ${ns}/${name} to node ${nodeName}`, () =>
          core.createNamespacedPodBinding({ namespace: ns, name, body: { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } } }),
        );
      },
      async watch(o: ListOptions, onEvent: (type: WatchEventType, pod: V1Pod) => void, signal: AbortSignal) {
        const path = o.namespace === undefined ? '/api/v1/pods' : `/api/v1/namespaces/${encodeURIComponent(o.namespace)}/pods`;
        options.trace?.(`api: WATCH ${server}${path}`);
        if (signal.aborted) return;
        await new Promise<void>((resolve, reject) => {
          let controller: AbortController | undefined;
          const onAbort = (): void => controller?.abort();
          const finish = (err?: unknown): void => {
            signal.removeEventListener('abort', onAbort);
            if (err && !signal.aborted && (err as { name?: string }).name !== 'AbortError') reject(toCliError(err, { server, contextName, action: `watch pods ${where(o.namespace)}` }));
            else resolve();
          };
          new Watch(kc)
            .watch(path, { labelSelector: o.labelSelector, fieldSelector: o.fieldSelector }, (type: string, obj: unknown) => {
              if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') onEvent(type, ObjectSerializer.deserialize(obj, 'V1Pod', '') as V1Pod);
              else if (type === 'ERROR') {
                const status = obj as { code?: number; message?: string };
                controller?.abort();
                finish(Object.assign(new Error(status.message ?? 'watch error'), { code: status.code ?? 500, body: status }));
              }
            }, finish)
            .then((c) => {
              controller = c;
              signal.addEventListener('abort', onAbort, { once: true });
              if (signal.aborted) c.abort();
            }, finish);
        });
      },
    },
    nodes: {
      get: (name) => get(`get node ${name}`, name, () => core.readNode({ name })),
      list: async (o = {}) => (await call('list nodes', () => core.listNode({ labelSelector: o.labelSelector }))).items,
      create: (node) => call(`create node ${node.metadata?.name ?? ''}`, () => core.createNode({ body: node })),
      updateStatus: (node) => call(`update status of node ${node.metadata?.name ?? ''}`, () => core.replaceNodeStatus({ name: node.metadata?.name ?? '', body: node })),
      delete: (name) => del(`delete node ${name}`, name, () => core.deleteNode({ name })),
    },
    events: {
      async record(pod, e) {
        const ns = pod.metadata?.namespace ?? DEFAULT_NAMESPACE;
        const podName = pod.metadata?.name ?? '';
        const now = new Date();
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
        await call(`record event ${e.reason} on pod ${ns}/${podName}`, () => core.createNamespacedEvent({ namespace: ns, body }));
      },
      listFor: async (ns, involvedName) =>
        (await call(`list events of ${ns}/${involvedName}`, () => core.listNamespacedEvent({ namespace: ns, fieldSelector: `involvedObject.name=${involvedName}` }))).items,
    },
    namespaces: {
      async create(name, labels) {
        await call(`create namespace ${name}`, () => core.createNamespace({ body: { metadata: { name, labels } } }));
      },
      delete: (name) => del(`delete namespace ${name}`, name, () => core.deleteNamespace({ name })),
      exists: async (name) => (await get(`get namespace ${name}`, name, () => core.readNamespace({ name }))) !== undefined,
    },
    daemonSets: {
      async list(o: ListOptions = {}) {
        const q = { labelSelector: o.labelSelector, fieldSelector: o.fieldSelector };
        const list = await call(`list daemonsets ${where(o.namespace)}`, () => (o.namespace === undefined ? apps.listDaemonSetForAllNamespaces(q) : apps.listNamespacedDaemonSet({ namespace: o.namespace, ...q })));
        return list.items;
      },
      get: (ns, name) => get(`get daemonset ${ns}/${name}`, name, () => apps.readNamespacedDaemonSet({ namespace: ns, name })),
      create: (ds: V1DaemonSet) => {
        const ns = ds.metadata?.namespace ?? namespace;
        return call(`create daemonset ${ns}/${ds.metadata?.name ?? ''}`, () => apps.createNamespacedDaemonSet({ namespace: ns, body: ds }));
      },
      updateStatus: (ds: V1DaemonSet) => {
        const ns = ds.metadata?.namespace ?? namespace;
        const name = ds.metadata?.name ?? '';
        return call(`update status of daemonset ${ns}/${name}`, () => apps.replaceNamespacedDaemonSetStatus({ namespace: ns, name, body: ds }));
      },
    },
  };
}


