/**
 * Pod status as the kubelet reports it, built as pure data: Running with IPs, conditions and
 * container statuses once the sandbox is up; Pending/ContainerCreating while it is not.
 */
import type { V1Pod, V1PodCondition, V1PodStatus } from '../../k8s/types.js';
import type { NetworkStatus } from '../../multus/network-status.js';

type ConditionType = 'PodScheduled' | 'Initialized' | 'ContainersReady' | 'Ready';
const CONDITIONS: ConditionType[] = ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'];

function conditions(ready: boolean, now: Date, reason?: string): V1PodCondition[] {
  return CONDITIONS.map((type) => {
    const ok = ready || type === 'PodScheduled' || type === 'Initialized';
    return {
      type,
      status: ok ? 'True' : 'False',
      // The API server sends null for a probe that never ran.
      lastProbeTime: null as unknown as string,
      lastTransitionTime: now.toISOString(),
      ...(ok || !reason ? {} : { reason, message: 'containers with unready status' }),
    };
  });
}

/** The pod's IPs: the default (cluster) attachment's addresses, in order. */
export function podIpsFrom(statuses: readonly NetworkStatus[]): string[] {
  const main = statuses.find((s) => s.default) ?? statuses[0];
  return [...(main?.ips ?? [])];
}

export function runningStatus(pod: V1Pod, input: { hostIp: string; podIps: string[]; containerId: string; now: Date }): V1PodStatus {
  const { now } = input;
  const startedAt = pod.status?.startTime ?? now.toISOString();
  return {
    phase: 'Running',
    hostIP: input.hostIp,
    hostIPs: [{ ip: input.hostIp }],
    podIP: input.podIps[0],
    podIPs: input.podIps.map((ip) => ({ ip })),
    startTime: startedAt,
    qosClass: pod.status?.qosClass ?? 'BestEffort',
    conditions: conditions(true, now),
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      containerID: `lab://${input.containerId}`,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: now.toISOString() } },
    })),
  };
}

export function pendingStatus(pod: V1Pod, input: { hostIp: string; now: Date; message?: string }): V1PodStatus {
  return {
    phase: 'Pending',
    hostIP: input.hostIp,
    hostIPs: [{ ip: input.hostIp }],
    startTime: pod.status?.startTime ?? input.now.toISOString(),
    qosClass: pod.status?.qosClass ?? 'BestEffort',
    conditions: conditions(false, input.now, 'ContainersNotReady'),
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: { waiting: { reason: 'ContainerCreating', ...(input.message ? { message: input.message } : {}) } },
    })),
  };
}

/** The real kubelet's wording for a failed sandbox. */
export function sandboxFailureMessage(containerId: string, error: string): string {
  return `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${containerId}": plugin type="multus" name="multus-cni-network" failed (add): ${error}`;
}

/** Exponential back-off for sandbox retries: 1 s, 2 s, 4 s … capped at 30 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
}

/** Round-robin choice of a node for the n-th binding. */
export function roundRobin<T>(items: readonly T[], counter: number): T | undefined {
  if (items.length === 0) return undefined;
  return items[((counter % items.length) + items.length) % items.length];
}
