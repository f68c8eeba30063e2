/**
 * `pod attach`: create a test pod with the requested attachments, wait for it (a watch, not
 * polling), read its live interfaces through a node helper, and delete it when asked (--rm) or
 * interrupted (Ctrl-C deletes what was created). A pod that does not start is reported with its
 * warning events, where the kubelet puts Multus's error.
 */
import { Annotations } from '../constants.js';
import type { Cluster } from '../k8s/ports.js';
import type { CoreV1Event, V1Pod } from '../k8s/types.js';
import type { NodeHelper } from '../node/helper.js';
import { parseNetworkStatus, type NetworkStatus } from '../multus/network-status.js';
import { DELETE_GRACE_SECONDS } from './checks/del-frees-ips.js';
import { podNads, readPodState } from '../inspect/gather.js';
import { inspectPod, type PodInspection } from '../inspect/pod-inspect.js';
import { buildTestPod, networksAnnotation, type AttachmentRequest } from './test-pod.js';
import { waitForPods, waitForPodsGone } from './wait.js';

export interface AttachOptions {
  namespace: string;
  name: string;
  requests: AttachmentRequest[];
  image?: string;
  node?: string;
  timeoutMs: number;
  /** --rm: delete the pod at the end. */
  remove: boolean;
  signal: AbortSignal;
  helper(node: string): Promise<NodeHelper>;
  progress?(text: string): void;
}

/** `pod attach -o json`. */
export interface AttachResult {
  namespace: string;
  name: string;
  node?: string;
  phase: string;
  networks: string;
  /** Whether the pod reached Running. */
  started: boolean;
  /** Why it did not (its warning events, its phase or the timeout). */
  failure?: string;
  events: Array<{ type?: string; reason?: string; message?: string; count?: number }>;
  networkStatus: NetworkStatus[];
  /** Its interfaces as `pod inspect` shows them (annotation, NADs, network-status and live netns joined). */
  inspection?: PodInspection;
  /** Whether the pod was deleted at the end (--rm, or interrupted). */
  deleted: boolean;
}

export async function attachTestPod(cluster: Cluster, options: AttachOptions): Promise<AttachResult> {
  const { namespace, name } = options;
  const networks = networksAnnotation(options.requests, namespace);
  const pod = buildTestPod({ namespace, name, networks, image: options.image, node: options.node });
  let created = false;
  let result: AttachResult | undefined;
  try {
    result = await (async (): Promise<AttachResult> => {
      const wait = await waitForPods(cluster, namespace, [name], {
        signal: options.signal,
        timeoutMs: options.timeoutMs,
        onChange: (_n, p) => options.progress?.(`${name}: ${describePhase(p)}`),
      }, async () => {
        options.progress?.(`creating pod ${namespace}/${name}`);
        await cluster.pods.create(pod);
        created = true;
      });
      const current = wait.pods.get(name);
      const base = { namespace, name, node: current?.spec?.nodeName, phase: current?.status?.phase ?? 'Pending', networks, networkStatus: statusOf(current) };
      const failure = wait.failures.get(name);
      if (failure !== undefined || !wait.running.includes(name)) {
        const events = (await cluster.events.listFor(namespace, name).catch(() => [] as CoreV1Event[])).map(eventSummary);
        return { ...base, started: false, failure: failure ?? 'did not start', events, deleted: false };
      }
      options.progress?.(`reading interfaces of ${name}`);
      const fresh = (await cluster.pods.get(namespace, name)) ?? current!;
      const helper = await options.helper(fresh.spec!.nodeName!);
      const [nads, live] = await Promise.all([podNads(cluster, fresh), readPodState(helper, fresh)]);
      const inspection = inspectPod({ pod: fresh, transport: helper.transport, nads, live });
      return { ...base, networkStatus: statusOf(fresh), started: true, events: [], inspection, deleted: false };
    })();
  } finally {
    if (created && (options.remove || options.signal.aborted)) {
      options.progress?.(`deleting pod ${namespace}/${name}`);
      await cluster.pods.delete(namespace, name, { gracePeriodSeconds: DELETE_GRACE_SECONDS }).catch(() => false);
      const left = await waitForPodsGone(cluster.pods, namespace, [name], { signal: AbortSignal.timeout(60_000), timeoutMs: 60_000 }).catch(() => [name]);
      if (result !== undefined) result.deleted = left.length === 0;
    }
  }
  return result;
}

function describePhase(pod: V1Pod): string {
  const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting?.reason;
  return `${pod.status?.phase ?? 'Pending'}${waiting ? ` (${waiting})` : ''}`;
}

function statusOf(pod: V1Pod | undefined): NetworkStatus[] {
  const text = pod?.metadata?.annotations?.[Annotations.networkStatus];
  if (text === undefined) return [];
  try {
    return parseNetworkStatus(text);
  } catch {
    return [];
  }
}

function eventSummary(e: CoreV1Event): AttachResult['events'][number] {
  return { type: e.type, reason: e.reason, message: e.message, ...(e.count !== undefined ? { count: e.count } : {}) };
}
